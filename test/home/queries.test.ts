import { type CompiledQuery, Kysely, SqliteDialect } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { findMembersDay } from '../../src/home/day.js';
import { countMembersByStatus } from '../../src/members/members.queries.js';
import { queryPlan } from './home.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { postListingForm } from '../listings/helpers.js';
import { requestToJoin, signedInMember } from '../members/helpers.js';

/**
 * The member's day costs a fixed handful of queries, each reading by index: more listings, requests and payments
 * make no more queries (no query per row), and no table that grows with use is read whole.
 */
describe('the queries behind the member’s day', () => {
  let box: TestBox & { stewardHandle: string };
  let member: { id: number; handle: string };
  let key = 0;

  beforeAll(async () => {
    box = await startSetUpBox();
    ({ member } = await signedInMember(box, { displayName: 'Alice Grower' }));
  });
  afterAll(() => box?.close());

  /** Everything the day asks, with each query's plan. */
  async function dayQueries(): Promise<{ count: number; plans: string[] }> {
    const recorded: CompiledQuery[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: box.database.sqlite }),
      log: (event) => void recorded.push(event.query),
    });
    const actor = { ...member, displayName: 'Alice Grower', role: 'steward' as const, status: 'active' as const };
    await findMembersDay(logged, actor, await countMembersByStatus(box.database.db), box.clock.now());
    return { count: recorded.length, plans: recorded.flatMap((query) => queryPlan(box.database.sqlite, query)) };
  }

  /** Another member who posts a listing, asks Alice for a payment, and someone new who asks to join. */
  async function busyNeighbour(): Promise<void> {
    const { client } = await signedInMember(box);
    await postListingForm(client, { title: `Neighbour’s offer ${++key}` });
    const asked = await client.postForm(
      '/ledger/request',
      { from: member.handle, currency: 'DHR', amount: '0:10', description: 'Tea', idempotency_key: `q-${key}` },
      { from: '/ledger/request' },
    );
    expect(asked.status).toBe(303);
    expect((await requestToJoin(box, { contact: `newcomer${key}@example.org` })).status).toBe(303);
  }

  it('asks as many queries for many things as for one, none reading a growing table whole', async () => {
    await busyNeighbour();
    box.clock.advanceMinutes(60);
    const one = await dayQueries();
    for (let i = 0; i < 5; i++) await busyNeighbour();
    box.clock.advanceMinutes(60);
    const many = await dayQueries();
    expect(many.count).toBe(one.count);
    // Whole reads allowed: the groups (the groups module reads the few a community has whole, to place each in its
    // tree) and the page of listings the query itself has just picked.
    const scans = many.plans.filter((d) => /^SCAN (?!g$|page$)/.test(d) && !d.includes('CONSTANT ROW'));
    expect(scans).toEqual([]);
  });
});
