import { expect, it } from 'vitest';
import { addActiveMember } from '../helpers/box.js';
import { addPendingMember, type FormSpec, next, type PathCase, type PathContext } from '../helpers/bad-input.js';

/**
 * Bad input for the stewards' forms: decisions about members, places, and the sibling boxes (whose routes live in
 * src/federation but whose page is the stewards'). The runner is test/helpers/bad-input.ts.
 */

/** A steward's decision about a member: each case gets a member in the state the decision needs. */
function decisionSpec(action: 'approve' | 'decline' | 'suspend', reasonRequired: boolean): FormSpec {
  return {
    name: `steward: ${action}`,
    as: 'steward',
    required: reasonRequired ? ['reason'] : [],
    text: ['reason'],
    async target({ box }) {
      let handle = '';
      return {
        from: '/stewards',
        get action() {
          return `/stewards/members/${handle}/${action}`;
        },
        beforeCase: async () => {
          handle = (action === 'suspend' ? await addActiveMember(box) : await addPendingMember(box)).handle;
        },
        valid: () => ({ reason: 'Nobody here knows them' }),
        alsoInvalid: () => (reasonRequired ? [{ reason: '   ' }, { reason: '\u0000\u0001' }] : []),
      };
    },
  };
}

const places: FormSpec = {
  name: 'steward: places',
  as: 'steward',
  required: ['name', 'lat', 'lon'],
  text: ['name'],
  numbers: ['lat', 'lon'],
  async target() {
    return {
      from: '/stewards/places',
      action: '/stewards/places',
      valid: () => ({ name: `Roydon ${next()}`, lat: '52.378', lon: '1.083' }),
      alsoInvalid: () => [
        { name: 'Roydon 0', lat: '91', lon: '1' },
        { name: 'Roydon 0', lat: '52', lon: '-181' },
      ],
    };
  },
};

const SIBLING_PEER_ID = '12D3KooWGq77a8XbL47S7a9BScji4Nf7RCRQg3BBZXuS969UEcPs';
const siblings: FormSpec = {
  name: 'steward: sibling boxes',
  as: 'steward',
  required: ['name', 'peer_id', 'address'],
  text: ['name', 'peer_id', 'address'],
  async target() {
    return {
      from: '/stewards/siblings',
      action: '/stewards/siblings',
      valid: () => ({ name: `Eye ${next()}`, peer_id: SIBLING_PEER_ID, address: '/ip4/127.0.0.1/tcp/4002' }),
      alsoInvalid: () => [
        {
          name: 'Eye',
          peer_id: SIBLING_PEER_ID,
          address: '/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWT2p7o3QJ929MGDT6Zp8Hv5T8jNow4uR1jzGmRjEUqhvT',
        },
        { name: 'Eye', peer_id: SIBLING_PEER_ID, address: '/ip4/127.0.0.1/tcp/99999' },
        { name: 'Eye', peer_id: 'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', address: '/ip4/127.0.0.1/tcp/4002' },
      ],
    };
  },
};

export const forms: FormSpec[] = [
  decisionSpec('decline', true),
  decisionSpec('suspend', true),
  decisionSpec('approve', false),
  places,
  siblings,
];

export const paths = ({ box }: PathContext): PathCase[] => [
  { method: 'POST', as: 'steward', path: '/stewards/members/{}/approve' },
  { method: 'POST', as: 'steward', path: '/stewards/members/{}/suspend', fields: { reason: 'A reason' } },
  {
    method: 'POST',
    as: 'steward',
    path: `/stewards/members/${box.stewardHandle}/{}`,
    fields: { reason: 'A reason' },
  },
  { method: 'POST', as: 'steward', path: '/stewards/places/{}/delete' },
  { method: 'POST', as: 'steward', path: '/stewards/siblings/{}/remove' },
];

/** The control: the same action with a good path still works, so the refusals were about the path alone. */
export function goodPath(context: PathContext): void {
  it('still does the same actions with a good path (the control)', async () => {
    const steward = context.client('steward');
    const pending = await addPendingMember(context.box);
    expect(
      (await steward.postForm(`/stewards/members/${pending.handle}/approve`, {}, { from: '/stewards' })).status,
    ).toBe(303);
    expect((await steward.get(`/members/${pending.handle}`)).status).toBe(200);
  });
}
