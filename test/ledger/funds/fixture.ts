import { afterAll, beforeAll, expect } from 'vitest';
import { createApiToken } from '../../../src/auth/api-tokens.js';
import { insertGroup, putMembership } from '../../../src/groups/groups.queries.js';
import type { HttpClient } from '../../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../../helpers/box.js';
import { signedIn, signedInSteward } from '../../members/helpers.js';

/**
 * The box the group-funds tests share (test/ledger/funds.test.ts runs them in order, on one box): the Repair Café
 * (seen by members, Alice its admin, Carol a member) and the Secret Circle (seen only by its own members, Dave its
 * admin); Bob is in neither. Exported as live bindings, set by `useFundsBox`'s hooks.
 */

export let box: TestBox;
export const who: Record<
  'alice' | 'bob' | 'carol' | 'dave',
  { handle: string; id: number; client: HttpClient; token: string }
> = {} as never;
export let steward: HttpClient;
export let key = 0;
/** A number for an idempotency key not used before. */
export const nextKey = () => ++key;

export const keyOf = (text: string) => /name="idempotency_key" value="([^"]+)"/.exec(text)![1]!;
export const api = (name: keyof typeof who, method: string, path: string, body?: unknown) =>
  box.client().json(method, `/api/v1${path}`, body, who[name].token);
export const payForm = (name: keyof typeof who, fields: Record<string, string>) =>
  who[name].client.postForm(
    '/ledger/pay',
    { currency: 'DHR', description: 'For the café', idempotency_key: `fund-page-${++key}`, ...fields },
    { from: '/ledger/pay' },
  );
export const apiPayment = (name: keyof typeof who, body: Record<string, unknown>) =>
  api(name, 'POST', '/payments', {
    currency: 'DHR',
    description: 'Through the API',
    idempotency_key: `fund-api-${++key}`,
    ...body,
  });
export const transferIdOf = (location: string | null) => location!.split('/').pop()!;
/** A steward sets the Repair Café fund's limits (in Diss Hours) through the stewards' page, as for any account. */
export const setFundLimits = async (lower: string, upper: string) => {
  const { id } = await box.database.db
    .selectFrom('accounts')
    .select('id')
    .where('group_id', 'is not', null)
    .executeTakeFirstOrThrow();
  const path = `/stewards/ledger/accounts/${id}`;
  expect(
    (
      await steward.postForm(
        `${path}/limits`,
        { lower_limit: lower, upper_limit: upper, reason: 'Test' },
        { from: path },
      )
    ).status,
  ).toBe(303);
  return id;
};

/** Registers the shared box's setup and teardown. */
export function useFundsBox(): void {
  beforeAll(async () => {
    box = await startSetUpBox();
    const db = box.database.db;
    for (const name of ['alice', 'bob', 'carol', 'dave'] as const) {
      const member = await addActiveMember(box, { displayName: `${name[0]!.toUpperCase()}${name.slice(1)} Tester` });
      who[name] = {
        handle: member.handle,
        id: member.id,
        client: await signedIn(box, member.email, member.password),
        token: await createApiToken(db, member.id, 'funds test', box.clock.now()),
      };
    }
    steward = await signedInSteward(box);
    const cafe = await insertGroup(
      db,
      1,
      { name: 'Repair Café', slug: 'repair-cafe', purpose: 'Fix it.', joinPolicy: 'open', visibility: 'members' },
      who.alice.id,
      box.clock.now(),
    );
    await putMembership(db, cafe, who.carol.id, { role: 'member', status: 'active' }, box.clock.now());
    await insertGroup(
      db,
      1,
      { name: 'Secret Circle', slug: 'secret-circle', purpose: '', joinPolicy: 'invite', visibility: 'group' },
      who.dave.id,
      box.clock.now(),
    );
  });
  afterAll(() => box.close());
}
