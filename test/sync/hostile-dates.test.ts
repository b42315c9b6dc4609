import type { PrivateKey } from '@libp2p/interface';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignedRecord, MAX_LISTING_TERM_DAYS, signRecord, type ListingRecord } from '../../sync/records.js';
import { acceptGossiped } from '../../src/federation/record-intake.queries.js';
import { EXPIRY_DAYS } from '../../src/listings/listings.js';
import { checkWords, runHealthChecks, systemProbes } from '../../src/health/checks.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';
import { STEWARD } from '../helpers/box.js';
import {
  addressOf,
  type DissAndRogue,
  eventually,
  remoteListing,
  startDissWithRogueSibling,
  startSyncAgain,
  testRecord,
  type FederatedBox,
  type RawPeer,
} from './helpers.js';

/*
 * Issue 12, finding 2: record times were checked by their pattern only. `created_at: "2026-12-31T99:99:99Z"` made the
 * visitors' search page answer 500, and an expiry of 9999-12-31 kept a listing forever. Every time a sibling sends
 * is parsed and checked by this box's clock (the test clock reads 2026-11-22T10:00Z), and pages never fail on a time
 * stored before.
 */

let scene: DissAndRogue;
const english = createTranslator(catalogues).forLocale('en');
let diss: FederatedBox;
let rogueKey: PrivateKey;
let rogue: RawPeer;
let rogueId: string;
let topic: string;
let nextSeq = 1;

const rejectedCount = async () => (await scene.rejections()).recordsRejected;

/** A record from the rogue with the times given (typed loosely: the point is to send what the rules refuse). */
function timed(title: string, times: { created_at?: string; expires_at?: string }): ListingRecord {
  const base = testRecord(rogueId, { seq: nextSeq++, town: 'Rogue Town', title });
  return {
    ...base,
    ...(times.expires_at ? { expires_at: times.expires_at } : {}),
    fields: { ...base.fields!, ...(times.created_at ? { created_at: times.created_at } : {}) },
  };
}

const visitorSearch = () => diss.client().get('/listings?q=plums');

beforeAll(async () => {
  scene = await startDissWithRogueSibling();
  ({ diss, rogue, rogueKey, rogueId, topic } = scene);
}, 30_000);

afterAll(() => scene?.close());

describe('times a sibling sends', () => {
  it('are refused and counted when impossible or out of range, and the others are taken', async () => {
    const before = await rejectedCount();
    const bad = [
      timed('Plums at an impossible hour', { created_at: '2026-12-31T99:99:99Z' }),
      timed('Plums on 30 February', { created_at: '2026-02-30T10:00:00Z' }),
      timed('Plums kept forever', { expires_at: '9999-12-31T00:00:00Z' }),
      timed('Plums for two months', { expires_at: '2027-01-22T10:00:00.000Z' }),
      timed('Plums from next year', { created_at: '2027-06-01T00:00:00.000Z' }),
      timed('Plums from 1970', { created_at: '1970-01-01T00:00:00.000Z' }),
      timed('Plums expiring before posted', {
        created_at: '2026-11-22T09:00:00.000Z',
        expires_at: '2026-11-21T09:00:00.000Z',
      }),
    ];
    for (const record of bad)
      await rogue.services.pubsub.publish(topic, encodeSignedRecord(await signRecord(record, rogueKey)));
    // As late as a listing may run (posted now, 30 days, and a little clock skew) is fine.
    const good = timed('Plums, a full term', {
      created_at: '2026-11-22T10:30:00.000Z',
      expires_at: '2026-12-22T10:30:00.000Z',
    });
    await rogue.services.pubsub.publish(topic, encodeSignedRecord(await signRecord(good, rogueKey)));

    await eventually('the good one stored', () => remoteListing(diss, good.listing));
    await eventually('every bad one counted', async () => (await rejectedCount()) - before >= bad.length);
    expect((await rejectedCount()) - before).toBe(bad.length);
    for (const record of bad) expect(await remoteListing(diss, record.listing)).toBeUndefined();
    expect((await visitorSearch()).status).toBe(200);
  });

  it('allow what the box’s own listings do: the protocol’s longest term covers a listing’s', () => {
    expect(EXPIRY_DAYS).toBeLessThanOrEqual(MAX_LISTING_TERM_DAYS);
  });
});

describe('a box whose clock is behind', () => {
  it('refuses good records as from the future; the health page and doctor say its clock may be behind', async () => {
    const kept = diss.clock.current;
    diss.clock.advanceDays(-3); // the box believes it is 19 November; the sibling, rightly, that it is the 22nd
    try {
      const before = await rejectedCount();
      const record = timed('Plums, posted just now', {
        created_at: '2026-11-22T10:00:00.000Z',
        expires_at: '2026-12-22T10:00:00.000Z',
      });
      await rogue.services.pubsub.publish(topic, encodeSignedRecord(await signRecord(record, rogueKey)));
      await eventually('the record refused', async () => (await rejectedCount()) > before);
      expect(await remoteListing(diss, record.listing)).toBeUndefined();

      const steward = diss.client();
      await steward.signIn(STEWARD.email, STEWARD.password);
      const page = await steward.get('/stewards/health');
      expect(page.text).toContain('Records from Rogue are being refused as from the future');
      expect(page.text).toMatch(/Compare this box.{1,6}s clock with a phone/);
      // What `marketcross doctor` prints: the same checks, by the box's clock.
      const probes = { ...systemProbes, now: diss.clock.now };
      const checks = await runHealthChecks(diss.database.db, diss.config, probes, diss.sync);
      const siblings = checks.map((c) => checkWords(c, english)).find((c) => c.name === 'Neighbouring towns')!;
      expect(siblings.level).toBe('warn');
      expect(siblings.detail).toContain("more than a day ahead of this box's clock (2026-11-19 10:00 UTC)");
      expect(siblings.advice).toContain('sudo date -s');
    } finally {
      diss.clock.current = kept;
    }
  });
});

describe('times stored before they were checked', () => {
  let stored: ListingRecord;

  it('do not make pages fail', async () => {
    stored = timed('Plums stored at an impossible hour', {
      created_at: '2026-12-31T99:99:99Z',
      expires_at: '9999-12-31T00:00:00Z',
    });
    // As the box took it before times were checked: straight into its store.
    const [taken] = await acceptGossiped(
      diss.database.db,
      [{ signed: await signRecord(stored, rogueKey), from: rogueId }],
      diss.sync!.peerId,
      diss.clock.now(),
    );
    expect(taken).toMatchObject({ outcome: 'accepted' });
    const search = await visitorSearch();
    expect(search.status).toBe(200);
    expect(search.text).toContain('Plums stored at an impossible hour');
    expect((await diss.client().get(`/listings/${stored.listing}`)).status).toBe(200);
    expect((await diss.client().json('GET', '/api/v1/listings?q=plums')).status).toBe(200);
  });

  it('are dropped when the peer layer starts', async () => {
    const address = addressOf(diss);
    await diss.sync!.stop();
    const back = await startSyncAgain(diss, { listen: [address] });
    try {
      expect(await remoteListing(diss, stored.listing)).toBeUndefined();
      expect((await visitorSearch()).text).not.toContain('Plums stored at an impossible hour');
    } finally {
      await back.stop();
    }
  });
});
