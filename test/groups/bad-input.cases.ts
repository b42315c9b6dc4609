import { expect, it } from 'vitest';
import { addActiveMember, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import {
  addPendingMember,
  type Fields,
  type FormSpec,
  next,
  type PathCase,
  type PathSpec,
} from '../helpers/bad-input.js';

/** Bad input for the groups' forms and paths (the runner is test/helpers/bad-input.ts). */

const groupFields = () => ({
  name: `Repair Café ${next()}`,
  slug: '',
  purpose: 'Fixing things together',
  join_policy: 'open',
  visibility: 'members',
});
const groupSpec = {
  as: 'member' as const,
  required: ['name', 'join_policy', 'visibility'],
  text: ['name', 'slug', 'purpose'],
  choices: ['join_policy', 'visibility'],
};
const groupRules = (fields: () => Fields) => () => [
  { ...fields(), slug: 'Not A Slug' },
  { ...fields(), slug: 'new' },
  { ...fields(), slug: 'community' },
  { ...fields(), slug: 'taken-slug' },
];

/** A group the member admins (by starting it through the form), and a second member in it. */
export async function startGroup(box: TestBox, admin: HttpClient, joinPolicy = 'open') {
  const name = `Garden Group ${next()}`;
  const made = await admin.postForm(
    '/groups/new',
    { name, slug: '', purpose: 'Growing', join_policy: joinPolicy, visibility: 'members' },
    { from: '/groups/new' },
  );
  const slug = made.location?.replace('/groups/', '');
  if (made.status !== 303 || !slug) throw new Error(`could not start a group: ${made.status}`);
  const other = await addActiveMember(box);
  const otherClient = box.client();
  await otherClient.signIn(other.email, other.password);
  const joined = await otherClient.postForm(`/groups/${slug}/join`, {}, { from: `/groups/${slug}` });
  if (joined.status !== 303) throw new Error(`could not join the group: ${joined.status}`);
  return { slug, other };
}

async function startGroupWithSlug(client: HttpClient, slug: string) {
  const made = await client.postForm('/groups/new', { ...groupFields(), slug }, { from: '/groups/new' });
  if (made.status !== 303) throw new Error(`could not start the group ${slug}: ${made.status}`);
}

const startAGroup: FormSpec = {
  ...groupSpec,
  name: 'start a group',
  async target({ client }) {
    await startGroupWithSlug(client, 'taken-slug');
    return { from: '/groups/new', action: '/groups/new', valid: groupFields, alsoInvalid: groupRules(groupFields) };
  },
};

const editAGroup: FormSpec = {
  ...groupSpec,
  name: 'edit a group',
  async target({ box, client }) {
    const { slug } = await startGroup(box, client);
    await startGroupWithSlug(client, 'taken-slug');
    // The slug is sent as it is, so a valid edit keeps the group where it is.
    const fields = () => ({ ...groupFields(), slug });
    return {
      from: `/groups/${slug}/edit`,
      action: `/groups/${slug}/edit`,
      valid: fields,
      alsoInvalid: groupRules(fields),
    };
  },
};

const editTheCommunityGroup: FormSpec = {
  name: 'edit the community group',
  as: 'steward',
  required: ['visibility'],
  text: ['purpose'],
  choices: ['visibility'],
  async target() {
    return {
      from: '/groups/community/edit',
      action: '/groups/community/edit',
      valid: () => ({ purpose: `Everyone in Diss ${next()}`, visibility: 'members' }),
      alsoInvalid: () => [{ purpose: 'x', visibility: 'group' }],
    };
  },
};

const inviteToAGroup: FormSpec = {
  name: 'invite to a group',
  as: 'member',
  required: ['handle'],
  text: ['handle'],
  async target({ box, client }) {
    const { slug } = await startGroup(box, client);
    const invitee = await addActiveMember(box);
    const pending = await addPendingMember(box);
    return {
      from: `/groups/${slug}`,
      action: `/groups/${slug}/invite`,
      valid: () => ({ handle: `@${invitee.handle}` }),
      alsoInvalid: () => [{ handle: 'nobody-has-this' }, { handle: pending.handle }, { handle: '@' }],
    };
  },
};

const aMembersRole: FormSpec = {
  name: 'a member’s role in a group',
  as: 'member',
  required: ['role'],
  text: [],
  choices: ['role'],
  async target({ box, client }) {
    const { slug, other } = await startGroup(box, client);
    return {
      from: `/groups/${slug}`,
      action: `/groups/${slug}/members/${other.handle}/role`,
      valid: () => ({ role: 'admin' }),
    };
  },
};

const theLastAdminLeaves: FormSpec = {
  name: 'the last admin leaves a group',
  as: 'member',
  required: [],
  text: ['successor'],
  notShown: ['successor'],
  async target({ box, client, me }) {
    // Leaving is once per group: each case gets a fresh group with a second member to hand over to.
    let group = { slug: '', other: { handle: '' } };
    return {
      get from() {
        return `/groups/${group.slug}`;
      },
      get action() {
        return `/groups/${group.slug}/leave`;
      },
      beforeCase: async () => {
        group = await startGroup(box, client);
      },
      valid: () => ({ successor: group.other.handle }),
      alsoInvalid: () => [{ successor: '' }, { successor: 'nobody-has-this' }, { successor: me!.handle }],
    };
  },
};

export const forms: FormSpec[] = [
  startAGroup,
  editAGroup,
  editTheCommunityGroup,
  inviteToAGroup,
  aMembersRole,
  theLastAdminLeaves,
];

/** The paths: some name a group the member admins, for the routes about one of its members. */
export function groupPaths(): PathSpec {
  let slug = '';
  return {
    async setUp(context) {
      ({ slug } = await startGroup(context.box, context.client('member')));
      await context.client('member').get('/');
    },
    cases: () => [
      { method: 'GET', as: 'member', path: '/groups/{}' },
      { method: 'GET', as: 'member', path: '/groups/{}/edit' },
      { method: 'GET', as: 'member', path: '/groups/new?parent={}' },
      { method: 'POST', as: 'member', path: '/groups/new?parent={}', fields: groupFields() },
      ...['edit', 'delete', 'join', 'request', 'leave', 'invite'].map(
        (action): PathCase => ({
          method: 'POST',
          as: 'member',
          path: `/groups/{}/${action}`,
          fields: { ...groupFields(), handle: 'x' },
        }),
      ),
      ...['members/{}/role', 'members/{}/remove', 'requests/{}/approve', 'requests/{}/decline'].map(
        (rest): PathCase => ({
          method: 'POST',
          as: 'member',
          path: `/groups/${slug}/${rest}`,
          fields: { role: 'admin' },
        }),
      ),
    ],
    // The control: the group's own edit page still opens with a good slug.
    more(context) {
      it('still does the same actions with a good path (the control)', async () => {
        expect((await context.client('member').get(`/groups/${slug}/edit`)).status).toBe(200);
      });
    },
  };
}
