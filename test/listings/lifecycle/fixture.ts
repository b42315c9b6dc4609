import { afterAll, beforeAll } from 'vitest';
import { createApiToken } from '../../../src/auth/api-tokens.js';
import { insertGroup, putMembership } from '../../../src/groups/groups.queries.js';
import type { addActiveMember, TestBox } from '../../helpers/box.js';
import type { HttpClient } from '../../helpers/client.js';
import { startWithAliceBobCarol } from '../helpers.js';

/**
 * The box the lifecycle-rules tests share (test/listings/lifecycle-rules.test.ts runs them in order, on one box):
 * Alice, Bob and Carol, signed in and with API tokens, and two private groups. Exported as live bindings, set by
 * `useLifecycleBox`'s hooks.
 */

export type Account = Awaited<ReturnType<typeof addActiveMember>>;

export let box: TestBox & { stewardHandle: string };
export let alice: Account, bob: Account;
let carol: Account;
export let asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient;
export let aliceToken: string, bobToken: string, carolToken: string;
/** Alice and Bob are in Seed Savers; only Bob is in Beekeepers; Carol is in neither. */
export let seedSavers: number, beekeepers: number;

export const stored = (id: string) =>
  box.database.db.selectFrom('listings').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** Registers the shared box's setup and teardown. */
export function useLifecycleBox(): void {
  beforeAll(async () => {
    ({ box, alice, bob, carol, asAlice, asBob, asCarol } = await startWithAliceBobCarol());
    const db = box.database.db;
    const now = box.clock.now();
    [aliceToken, bobToken, carolToken] = await Promise.all(
      [alice, bob, carol].map((m) => createApiToken(db, m.id, 'test', now)),
    );
    const root = await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
    seedSavers = await insertGroup(
      db,
      root.id,
      { name: 'Seed Savers', slug: 'seed-savers', purpose: '', joinPolicy: 'invite', visibility: 'group' },
      bob.id,
      now,
    );
    beekeepers = await insertGroup(
      db,
      root.id,
      { name: 'Beekeepers', slug: 'beekeepers', purpose: '', joinPolicy: 'invite', visibility: 'group' },
      bob.id,
      now,
    );
    await putMembership(db, seedSavers, alice.id, { role: 'member', status: 'active' }, now);
  });
  afterAll(() => box.close());
}
