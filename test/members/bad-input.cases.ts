import { expect, it } from 'vitest';
import {
  addPendingMember,
  clientAs,
  ESCAPED_MARKUP,
  type FormSpec,
  LOCATION,
  MARKUP,
  next,
  PASSWORD,
  type PathCase,
  type PathContext,
  RAW_MARKUP,
} from '../helpers/bad-input.js';

/**
 * Bad input for joining, vouching, profiles, invite links and the directory (the runner is
 * test/helpers/bad-input.ts).
 */

const joinFields = () => ({
  display_name: `Newcomer ${next()}`,
  kind: 'person',
  contact: `new${next()}@example.org`,
  password: PASSWORD,
  why_join: 'I live here',
  ...LOCATION,
});
const joinSpec = {
  as: 'visitor' as const,
  required: ['display_name', 'kind', 'contact', 'password', 'why_join', 'lat', 'lon'],
  text: ['display_name', 'contact', 'password', 'why_join'],
  numbers: ['lat', 'lon', 'place_id'],
  choices: ['kind'],
  notShown: ['password'],
};

const join: FormSpec = {
  ...joinSpec,
  name: 'join',
  async target() {
    return {
      from: '/join',
      action: '/join',
      valid: joinFields,
      // A join request shows its name and reasons to the members who vouch, and to stewards.
      shownAt: () => ['/members/requests', '/stewards'],
      // A member's email or phone is not among them: it is answered as a new one (test/members/join.test.ts).
      alsoInvalid: () => [
        { ...joinFields(), lon: '' },
        { ...joinFields(), password: 'short' },
      ],
    };
  },
};

const joinThroughInvite: FormSpec = {
  ...joinSpec,
  name: 'join through an invite link',
  async target({ box }) {
    const { client: inviter } = await clientAs(box, 'member');
    const created = await inviter.postForm(
      '/invites',
      { relation: 'met_in_person', expiry_days: '30', max_uses: '50' },
      { from: '/invites' },
    );
    if (created.status !== 303 || !created.location) throw new Error(`no invite made: ${created.status}`);
    const path = /https?:\/\/[^/"]+(\/join\/invite\/[\w-]+)/.exec((await inviter.get(created.location)).text)?.[1];
    if (!path) throw new Error('no invite link on its page');
    return {
      from: path,
      action: path,
      valid: joinFields,
      shownAt: () => ['/members/requests', '/stewards'],
    };
  },
};

const vouch: FormSpec = {
  name: 'vouch',
  as: 'member',
  required: ['relation'],
  text: ['note'],
  choices: ['relation'],
  async target({ box }) {
    // A vouch is once per voucher and request: each case gets a fresh request.
    let handle = '';
    return {
      from: '/members/requests',
      get action() {
        return `/members/${handle}/vouch`;
      },
      beforeCase: async () => {
        handle = (await addPendingMember(box)).handle;
      },
      valid: () => ({ relation: 'met_in_person', note: 'Known them for years' }),
      shownAt: () => [`/members/${handle}`],
      alsoInvalid: () => [{ relation: 'other', note: '' }],
    };
  },
};

const visibilities = [
  'name_visibility',
  'about_visibility',
  'values_visibility',
  'links_visibility',
  'location_visibility',
  'contact_visibility',
];
const profileBasics = () => ({
  ...LOCATION,
  name_visibility: 'members',
  about_visibility: 'members',
  values_visibility: 'members',
  links_visibility: 'members',
  location_visibility: 'members',
  contact_visibility: 'me',
});

const profile: FormSpec = {
  name: 'profile',
  as: 'member',
  required: ['display_name', 'kind', 'lat', 'lon', ...visibilities],
  text: ['display_name', 'about', 'values', 'links'],
  numbers: ['lat', 'lon', 'place_id'],
  choices: ['kind', ...visibilities],
  async target() {
    return {
      from: '/profile',
      action: '/profile',
      valid: () => ({
        display_name: `Member ${next()}`,
        kind: 'person',
        about: 'I fix bikes',
        values: 'repair, organic',
        links: 'https://example.org/me',
        ...profileBasics(),
      }),
      alsoInvalid: () => {
        const valid = { display_name: 'Me', kind: 'person', ...profileBasics() };
        return [
          { ...valid, links: 'javascript:alert(1)' },
          { ...valid, links: Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`).join('\n') },
          { ...valid, values: Array.from({ length: 21 }, (_, i) => `value ${i}`).join(',') },
          { ...valid, values: 'x'.repeat(41) },
          { ...valid, lat: '', lon: '', place_id: '' },
          { ...valid, lat: '', lon: '', place_id: '999999' },
        ];
      },
    };
  },
};

const inviteLinks: FormSpec = {
  name: 'invite links',
  as: 'member',
  required: ['relation'],
  text: [],
  numbers: ['expiry_days', 'max_uses'],
  choices: ['relation'],
  async target() {
    return {
      from: '/invites',
      action: '/invites',
      valid: () => ({ relation: 'met_in_person', expiry_days: '7', max_uses: '1' }),
      alsoInvalid: () => [
        { relation: 'met_in_person', expiry_days: '31', max_uses: '1' },
        { relation: 'met_in_person', expiry_days: '0', max_uses: '1' },
        { relation: 'met_in_person', expiry_days: '7', max_uses: '51' },
      ],
    };
  },
};

export const forms: FormSpec[] = [join, joinThroughInvite, vouch, profile, inviteLinks];

export const paths = (): PathCase[] => [
  { method: 'GET', as: 'member', path: '/members/{}' },
  { method: 'GET', as: 'visitor', path: '/members/{}' },
  { method: 'POST', as: 'member', path: '/members/{}/vouch', fields: { relation: 'met_in_person', note: '' } },
  { method: 'GET', as: 'visitor', path: '/join/invite/{}' },
  { method: 'POST', as: 'visitor', path: '/join/invite/{}', fields: joinFields() },
  { method: 'POST', as: 'member', path: '/invites/{}/revoke' },
];

/** The directory search, a GET form: anything in q and page gets a page, escaped. */
export function directorySearch(context: PathContext): void {
  it('answers the directory search (a GET form) with anything in q and page, escaped', async () => {
    for (const client of [context.client('visitor'), context.client('member')]) {
      for (const q of [MARKUP, 'x'.repeat(10_000), '%', '_', `'`, '"', '(', '\\', '%00']) {
        for (const page of ['', 'abc', '-1', '1e9', '99999999999', '1.5']) {
          const path = `/members?q=${encodeURIComponent(q)}${page ? `&page=${page}` : ''}`;
          const result = await client.get(path);
          expect(result.status, path.slice(0, 80)).toBe(200);
          expect(result.text, path.slice(0, 80)).not.toMatch(RAW_MARKUP);
        }
      }
      const searched = await client.get(`/members?q=${encodeURIComponent(MARKUP)}`);
      expect(searched.text).toMatch(ESCAPED_MARKUP);
      const repeated = await client.get('/members?q=a&q=b&page=1&page=2');
      expect(repeated.status).toBe(200);
    }
  });
}
