import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/lib/messages.js';
import { testScheduler } from '../helpers/scheduler.js';
import { sql } from 'kysely';
import { listingJobs, mergeKeywordIndexes } from '../../src/listings/listings.jobs.js';
import { findListingNews } from '../../src/listings/news.js';
import { findListingsOf } from '../../src/listings/listings.queries.js';
import { addDays } from '../../src/lib/time.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import { storeListing } from './helpers.js';

let box: TestBox;
beforeAll(async () => {
  box = await startSetUpBox();
});
afterAll(() => box.close());

const scheduler = () => testScheduler({ db: box.database.db, now: box.clock.now }, listingJobs);

describe('listing jobs', () => {
  it('reminds the author in the app once, three days before expiry, and again after a renewal', async () => {
    const author = await addActiveMember(box);
    const soon = await storeListing(box, author.id, DISS, {}, { createdAt: addDays(box.clock.now(), -28) });
    await storeListing(box, author.id, DISS); // expires in 30 days: not yet
    await scheduler().runAll();
    await scheduler().runAll();
    const news = await findListingNews(box.database.db, { id: author.id, role: 'member' }, box.clock.now());
    expect(news).toEqual({ count: 1, href: '/listings/mine', replies: 0, answers: 0, reminders: 1 });
    const notices = await box.database.db
      .selectFrom('listing_notices')
      .selectAll()
      .where('member_id', '=', author.id)
      .execute();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.listing_seq).toBe(soon.seq);
  });

  it('archives listings long expired, which stay expired whether or not the job ran', async () => {
    const author = await addActiveMember(box);
    await storeListing(box, author.id, DISS, { title: 'Old' }, { createdAt: addDays(box.clock.now(), -61) });
    const before = await findListingsOf(box.database.db, author.id, box.clock.now(), { archived: false });
    expect(before.map((l) => l.status)).toEqual(['expired']);
    await scheduler().runAll();
    expect(await findListingsOf(box.database.db, author.id, box.clock.now(), { archived: false })).toEqual([]);
    const archived = await findListingsOf(box.database.db, author.id, box.clock.now(), { archived: true });
    expect(archived.map((l) => [l.title, l.status])).toEqual([['Old', 'expired']]);
  });

  it('merges the keyword index into one segment, and searches find the same listings after', async () => {
    const author = await addActiveMember(box);
    for (let i = 0; i < 12; i++)
      await storeListing(box, author.id, DISS, { title: `Merge check ${i}`, visibility: { type: 'public' } });
    const segments = async () =>
      (
        await sql<{ n: number }>`SELECT count(*) AS n FROM listings_fts_idx WHERE segid > 0 GROUP BY segid`.execute(
          box.database.db,
        )
      ).rows.length;
    const search = async () =>
      (
        await box.client().json('GET', `/api/v1/listings?lat=${DISS.lat}&lon=${DISS.lon}&radius_km=5&q=merge`)
      ).body.listings.map((l: { id: string }) => l.id);
    const before = await search();
    expect(before).toHaveLength(12);
    expect(await segments()).toBeGreaterThan(1);
    await mergeKeywordIndexes.run(box.database.db, box.clock.now());
    expect(await segments()).toBe(1);
    expect(await search()).toEqual(before);
  });

  it('starts and stops, and refuses an invalid schedule', async () => {
    const s = scheduler();
    s.start();
    await s.stop();
    const bad = testScheduler({ db: box.database.db, now: box.clock.now }, [
      { name: 'bad', cron: 'not a schedule', run: async () => null },
    ]);
    expect(() => bad.start()).toThrow(/invalid schedule/);
  });

  it('logs a failing job and carries on', async () => {
    const lines: string[] = [];
    const boom = async () => {
      throw new Error('boom');
    };
    const fine = async () => msg('listings.jobs.archived', { count: 1 });
    const jobs = [
      { name: 'boom', cron: '0 0 * * *', run: boom },
      { name: 'fine', cron: '0 0 * * *', run: fine },
    ];
    const s = testScheduler({ db: box.database.db, now: box.clock.now }, jobs, (l) => lines.push(l));
    await s.runAll();
    expect(lines[0]).toMatch(/job boom failed: Error: boom/);
    expect(lines[1]).toBe('job fine: archived 1 listing');
  });
});
