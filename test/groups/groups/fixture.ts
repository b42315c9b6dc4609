import { afterAll, beforeAll, expect } from 'vitest';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from '../../helpers/box.js';
import type { HttpClient } from '../../helpers/client.js';

/**
 * The box the groups tests share (test/groups/groups.test.ts runs them in order, on one box): Alice Admin, Bob Baker
 * and Carol Cook, and the steward, each signed in. Exported as live bindings, set by `useGroupsBox`'s hooks.
 */

export type Account = Awaited<ReturnType<typeof addActiveMember>>;

export let box: TestBox & { stewardHandle: string };
export let alice: Account, bob: Account, carol: Account;
export let steward: HttpClient, asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient;

/** Registers the shared box's setup and teardown. */
export function useGroupsBox(): void {
  beforeAll(async () => {
    box = await startSetUpBox();
    [alice, bob, carol] = [
      await addActiveMember(box, { displayName: 'Alice Admin' }),
      await addActiveMember(box, { displayName: 'Bob Baker' }),
      await addActiveMember(box, { displayName: 'Carol Cook' }),
    ];
    [steward, asAlice, asBob, asCarol] = await Promise.all(
      [
        [STEWARD.email, STEWARD.password],
        [alice.email, alice.password],
        [bob.email, bob.password],
        [carol.email, carol.password],
      ].map(async ([account, password]) => {
        const client = box.client();
        await client.signIn(account!, password!);
        return client;
      }),
    );
  });
  afterAll(() => box.close());
}

let counter = 0;
/** Starts a group through the form and returns its slug. */
export async function startGroup(
  client: HttpClient,
  fields: Partial<Record<'name' | 'slug' | 'purpose' | 'join_policy' | 'visibility', string>>,
  parent = 'community',
): Promise<string> {
  counter += 1;
  const form = `/groups/new?parent=${parent}`;
  const result = await client.postForm(
    form,
    { name: `Group ${counter}`, slug: '', purpose: '', join_policy: 'open', visibility: 'everyone', ...fields },
    { from: form },
  );
  expect(result.status, result.text.slice(0, 400)).toBe(303);
  return result.location!.replace('/groups/', '');
}

export const post = (client: HttpClient, slug: string, action: string, fields: Record<string, string> = {}) =>
  client.postForm(`/groups/${slug}/${action}`, fields, { from: `/groups/${slug}` });
export const groupRowCount = async () =>
  Number(
    (
      await box.database.db
        .selectFrom('groups')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
export const viewerOf = (account: Account) => ({ id: account.id, role: 'member' as const });
