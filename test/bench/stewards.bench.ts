import { afterAll, beforeAll, bench, describe } from 'vitest';
import type { MemberStatus } from '../../src/members/members.table.js';
import { DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedInSteward } from '../members/helpers.js';

/**
 * The stewards' page of a large town's box: 2,000 members, one in nine
 * waiting for approval, suspended or declined. Each bench is one page of the
 * members list over HTTP, whole or as the live search's fragment. Run with
 * `npm run bench`.
 */
const MEMBERS = 2_000;
const STATUSES: MemberStatus[] = [
  'active',
  'active',
  'active',
  'active',
  'active',
  'active',
  'pending',
  'suspended',
  'declined',
];

let box: TestBox;
let steward: HttpClient;
const live = { 'HX-Request': 'true' };

beforeAll(async () => {
  box = await startSetUpBox();
  const rows = Array.from({ length: MEMBERS }, (_, i) => ({
    handle: `member-${i}`,
    display_name: `Member ${i} ${['Smith', 'Jones', 'Taylor', 'Brown', 'Wilson'][i % 5]}`,
    kind: 'person' as const,
    email: `member${i}@example.org`,
    phone: null,
    password_hash: 'not-a-hash',
    status: STATUSES[i % STATUSES.length]!,
    why_join: 'I live in the town.',
    lat: DISS.lat,
    lon: DISS.lon,
    place_id: null,
    created_at: box.clock.now().toISOString(),
  }));
  for (let i = 0; i < rows.length; i += 200)
    await box.database.db
      .insertInto('members')
      .values(rows.slice(i, i + 200))
      .execute();
  steward = await signedInSteward(box);
});
afterAll(() => box.close());

describe(`the stewards' page with ${MEMBERS} members`, () => {
  bench('first page, whole', async () => {
    await steward.get('/stewards');
  });
  bench('live search by part of a name', async () => {
    await steward.get('/stewards?q=taylor', live);
  });
  bench('live search by a whole email', async () => {
    await steward.get('/stewards?q=member1234%40example.org', live);
  });
  bench('active members, page 40', async () => {
    await steward.get('/stewards?status=active&page=40', live);
  });
  bench('waiting for approval', async () => {
    await steward.get('/stewards?status=pending', live);
  });
});
