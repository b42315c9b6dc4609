import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/demo/diss.data.js';
import { seedDemo } from '../../src/demo/seed.js';
import { MEMBER_COLUMNS } from '../../src/your-data/coverage.js';
import { startTestBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { memberRow, signedIn } from '../members/helpers.js';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { OFFER_FORM, postListingForm } from '../listings/helpers.js';
import { remindExpiringListings } from '../../src/listings/listings.jobs.js';
import { addDays } from '../../src/lib/time.js';
import {
  findBusiestMember,
  findIndirectKeys,
  findKeysNaming,
  findMemberColumns,
  findOthersSecrets,
  findRegionalRecord,
  insertLimitChange,
  insertTownConversation,
} from './archive.queries.js';
import { downloadArchive, prepareArchive, section } from './helpers.js';

const EYE = { peerId: '12D3KooWEyeTestPeer', name: 'Eye', address: '/ip4/127.0.0.1/tcp/9' };

interface Subject {
  id: number;
  handle: string;
  files: Map<string, Buffer>;
}

/**
 * The archive against the database: the demo town, plus what it lacks (API tokens, invitations, a reset link, a
 * conversation with a neighbouring town, a steward's limit change), and the archives of its first steward and of its
 * busiest member. Every column that names a member is found in the schema itself, so a table added later without
 * being put in the archive (or declared as holding nothing personal) fails here by name.
 */
let box: TestBox;
const subjects: Subject[] = [];
beforeAll(async () => {
  // With the peer layer, so that a regional listing's record is issued as it would be for neighbouring towns.
  box = await startTestBox({ sync: {} });
  const db = box.database.db;
  const demo = await seedDemo(db, box.clock.now());
  const busiest = await findBusiestMember(db);
  const steward = await signedIn(box, demo.stewardContact, DEMO_PASSWORD);
  const member = await signedIn(box, busiest.email, DEMO_PASSWORD);
  await addWhatTheDemoLacks(box, steward, member, busiest.handle);
  const stewardId = (await memberRow(box, demo.stewardHandle))!.id;
  await insertLimitChange(db, stewardId, box.clock.now());
  await insertTownConversation(db, busiest.id, box.clock.now());
  for (const [client, id, handle] of [
    [steward, stewardId, demo.stewardHandle],
    [member, busiest.id, busiest.handle],
  ] as const) {
    expect((await client.get('/')).status).toBe(200); // the home page notes the visit: a row of home_visits
    subjects.push({ id, handle, files: await downloadArchive(client, await prepareArchive(client)) });
  }
}, 300_000);
afterAll(() => box.close());

describe('a member’s archive', () => {
  it('covers every column of the database that names a member, or says why it holds nothing personal', async () => {
    const columns = await findMemberColumns(box.database.db);
    expect(
      columns.filter((column) => !(column in MEMBER_COLUMNS)),
      'columns naming a member, not in coverage.ts',
    ).toEqual([]);
    expect(
      Object.keys(MEMBER_COLUMNS).filter((column) => !columns.includes(column)),
      'no such column',
    ).toEqual([]);
  });

  it('holds every row that names the member, for each such column', async () => {
    const empty = new Set(Object.keys(MEMBER_COLUMNS));
    for (const subject of subjects) {
      for (const [column, coverage] of Object.entries(MEMBER_COLUMNS)) {
        if ('notPersonal' in coverage) continue;
        const [table, name] = column.split('.') as [string, string];
        const expected = await findKeysNaming(
          box.database.db,
          { table, column: name, key: coverage.key[0] },
          subject.id,
        );
        if (expected.length > 0) empty.delete(column);
        const held = section(subject.files, coverage.section).map((row) => String(row[coverage.key[1]]));
        expect(
          expected.filter((key) => !held.includes(key)),
          `${column} of ${subject.handle}`,
        ).toEqual([]);
      }
    }
    // Every column was tried with rows in it: none of the checks above passed for want of data.
    const notPersonal = Object.keys(MEMBER_COLUMNS).filter((column) => 'notPersonal' in MEMBER_COLUMNS[column]!);
    expect([...empty].filter((column) => !notPersonal.includes(column))).toEqual([]);
  });

  it('holds what hangs off the member’s accounts, listings and conversations', async () => {
    for (const subject of subjects) {
      const indirect = await findIndirectKeys(box.database.db, subject.id);
      const keysOf = (name: string, key: string) => section(subject.files, name).map((row) => String(row[key]));
      expect(indirect.entries.length).toBeGreaterThan(0);
      expect(keysOf('entries', 'id').sort()).toEqual(indirect.entries.sort());
      expect(indirect.payments.filter((id) => !keysOf('payments', 'id').includes(id))).toEqual([]);
      expect(indirect.conversations.filter((id) => !keysOf('conversations', 'id').includes(id))).toEqual([]);
      expect(indirect.messages.filter((id) => !keysOf('messages', 'id').includes(id))).toEqual([]);
      expect(indirect.account_changes.filter((id) => !keysOf('account_changes', 'id').includes(id))).toEqual([]);
      expect(keysOf('town_messages', 'id').sort()).toEqual(indirect.town_messages.sort());
      expect(keysOf('photos', 'listing_id').sort()).toEqual(indirect.photos.sort());
      for (const listing of indirect.photos) {
        expect([...subject.files.keys()].some((name) => name.startsWith(`your-data/photos/${listing}.`))).toBe(true);
      }
    }
  });

  it('says what was shared with neighbouring towns, and with which', async () => {
    const [steward, member] = subjects as [Subject, Subject];
    const shared = section(member.files, 'regional_records');
    expect(shared).toContainEqual(expect.objectContaining({ title: 'A cider press to share', op: 'upsert' }));
    expect(section(member.files, 'neighbouring_towns')).toMatchObject([{ name: 'Eye', peer_id: EYE.peerId }]);
    const stewardShared = section(steward.files, 'listings').some((listing) => listing.regional === 1);
    expect(section(steward.files, 'neighbouring_towns')).toHaveLength(stewardShared ? 1 : 0);
  });

  it('holds nothing about anyone else: no one’s contact, hash, reason for joining or exact place', async () => {
    for (const subject of subjects) {
      const text = [...subject.files.values()].map((file) => file.toString('latin1')).join('\n');
      const secrets = await findOthersSecrets(box.database.db, subject.id);
      expect(secrets.length).toBeGreaterThan(50);
      expect(
        secrets.filter((secret) => text.includes(secret)),
        subject.handle,
      ).toEqual([]);
      // Each section holds rows about this member only (their profile is theirs alone).
      expect(section(subject.files, 'profile')).toMatchObject([{ id: subject.id, handle: subject.handle }]);
    }
  });
});

/**
 * Through the pages: API tokens for both, an invitation from the member, a reset link from the steward for them, a
 * currency the steward starts, and one of the member's listings promised to the steward, who replied to it; then the
 * reminders of listings about to expire.
 */
async function addWhatTheDemoLacks(box: TestBox, steward: HttpClient, member: HttpClient, handle: string) {
  const expectRedirect = (answer: { status: number; text: string }) =>
    expect(answer.status, answer.text.slice(0, 300)).toBe(303);
  for (const client of [steward, member]) {
    expectRedirect(await client.postForm('/account/tokens', { name: 'scripts' }, { from: '/account/tokens' }));
  }
  const invite = { expiry_days: '7', max_uses: '1', relation: 'neighbour' };
  expectRedirect(await member.postForm('/invites', invite, { from: '/invites' }));
  const resetLink = `/members/${handle}/reset-link`;
  expectRedirect(await steward.postForm(resetLink, {}, { from: resetLink }));
  const currency = { group: 'community', name: 'Repair Credits', code: 'rep', symbol: 'R', counted_in: 'hundredths' };
  const limits = { lower_limit: '-10', upper_limit: '10', request_days: '14' };
  expectRedirect(
    await steward.postForm('/ledger/currencies/new', { ...currency, ...limits }, { from: '/ledger/currencies/new' }),
  );
  const listing = await postListingForm(member, { title: 'A promised wheelbarrow' });
  const reply = { body: 'I could use it.' };
  expectRedirect(await steward.postForm(`/listings/${listing}/replies`, reply, { from: `/listings/${listing}` }));
  const stewardHandle = (await steward.get('/account')).text.match(/href="\/members\/([^"]+)"/)![1]!;
  const promise = { to: stewardHandle };
  expectRedirect(await member.postForm(`/listings/${listing}/promise`, promise, { from: `/listings/${listing}` }));
  await postListingForm(member, { title: 'A spare ladder' }); // reminded as its 30 days run out
  await putSibling(box.database.db, EYE, box.clock.now());
  const shared = { ...OFFER_FORM, title: 'A cider press to share', regional: '1' };
  const posted = await member.postForm('/listings', shared, { from: '/listings/new' });
  expectRedirect(posted);
  const regional = posted.location!.replace('/listings/', '');
  for (let asked = 0; !(await findRegionalRecord(box.database.db, regional)) && asked < 2000; asked++)
    await new Promise((resolve) => setTimeout(resolve, 20));
  await remindExpiringListings.run(box.database.db, addDays(box.clock.now(), 28));
}
