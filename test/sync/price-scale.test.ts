import { generateKeyPair } from '@libp2p/crypto/keys';
import type { PrivateKey } from '@libp2p/interface';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeSignedRecord, signRecord, type ListingRecord } from '../../sync/records.js';
import { listingsTopic } from '../../sync/gossip/topic.js';
import type { HttpClient } from '../helpers/client.js';
import {
  addRawSibling,
  eventually,
  memberClient,
  postRegional,
  rawPeer,
  remoteListing,
  testRecord,
  type FederatedBox,
  type RawPeer,
  startEyeAndDiss,
} from './helpers.js';

/*
 * A price travels in its currency's minor units, with the currency's scale on
 * its own box (60: hours in minutes; 100: hundredths), so a neighbouring town
 * shows "1:30 EHR" rather than "90 EHR" without knowing Eye's currencies, and
 * never reads it by a currency of its own that happens to have the same code.
 */

let eye: FederatedBox, diss: FederatedBox;
let asDiss: HttpClient;
/** A bare sibling of Diss whose records the tests write and sign themselves. */
let hoxneKey: PrivateKey;
let hoxne: RawPeer;
const topic = listingsTopic('South Norfolk');
let nextSeq = 1;

beforeAll(async () => {
  ({ eye, diss } = await startEyeAndDiss());
  hoxneKey = await generateKeyPair('Ed25519');
  hoxne = await rawPeer(hoxneKey);
  await addRawSibling(diss, hoxne, 'Hoxne', topic);
  asDiss = await memberClient(diss);
}, 60_000);

afterAll(async () => {
  await hoxne?.stop();
  await Promise.all([eye, diss].map((b) => b?.close()));
});

/** A record from Hoxne priced as `price` says: typed loosely, so a test can send what the schema refuses. */
function pricedRecord(title: string, price: Record<string, unknown>): ListingRecord {
  const base = testRecord(hoxne.peerId.toString(), { seq: nextSeq++, town: 'Hoxne', title });
  return {
    ...base,
    fields: { ...base.fields!, terms: 'price', price: price as NonNullable<ListingRecord['fields']>['price'] },
  };
}

async function publishSigned(record: ListingRecord): Promise<void> {
  await hoxne.services.pubsub.publish(topic, encodeSignedRecord(await signRecord(record, hoxneKey)));
}

async function hoxneCounts() {
  return diss.database.db
    .selectFrom('siblings')
    .select(['records_received', 'records_rejected', 'last_rejection'])
    .where('peer_id', '=', hoxne.peerId.toString())
    .executeTakeFirstOrThrow();
}

/** What Diss shows of a remote listing: on the search page, on its own page, and in the API. */
async function shownAtDiss(id: string, keyword: string) {
  const search = await asDiss.get(`/listings?q=${keyword}&radius=any`);
  const page = await asDiss.get(`/listings/${id}`);
  expect(page.status).toBe(200);
  const api = await diss.client().json('GET', `/api/v1/listings/${id}`, undefined, diss.token);
  expect(api.status).toBe(200);
  const found = await diss.client().json('GET', `/api/v1/listings?q=${keyword}`, undefined, diss.token);
  expect(found.body.listings.map((l: { id: string }) => l.id)).toContain(id);
  return {
    search: search.text,
    page: page.text,
    terms: api.body.listing.terms,
    searchTerms: found.body.listings.find((l: { id: string }) => l.id === id).terms,
  };
}

describe('a price in hours shared by Eye', () => {
  it('is signed with its scale and shown as hours in Diss: search, listing page and API', async () => {
    const id = await postRegional(eye, {
      title: 'Hedge laying from Eye',
      terms: 'price',
      price_amount: '1:30',
      price_currency: 'EHR',
    });
    const stored = await eventually('the listing at Diss', () => remoteListing(diss, id));
    expect(stored).toMatchObject({ price_amount: 90, price_currency: 'EHR', price_scale: 60 });
    const record = await eye.database.db
      .selectFrom('listing_records')
      .select('signed')
      .where('listing_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(record.signed).toContain('"price":{"amount":90,"currency":"EHR","scale":60}');

    const shown = await shownAtDiss(id, 'hedge');
    expect(shown.search).toContain('1:30 EHR');
    expect(shown.page).toContain('1:30 EHR');
    expect(shown.page).not.toContain('90 EHR');
    expect(shown.terms).toEqual({ type: 'price', amount: 90, amount_formatted: '1:30', currency: 'EHR' });
    expect(shown.searchTerms).toEqual(shown.terms);
  });

  it('goes without a scale when Eye no longer has its code, and Diss shows the figure as it is', async () => {
    const id = await postRegional(eye, {
      title: 'Thatching from Eye',
      terms: 'price',
      price_amount: '2:00',
      price_currency: 'EHR',
    });
    await eventually('the listing at Diss', async () => (await remoteListing(diss, id))?.price_scale === 60);
    // A code from before prices were in the ledger's currencies: none of Eye's has it.
    await eye.database.db.updateTable('listings').set({ price_currency: 'OLDHR' }).where('id', '=', id).execute();
    await eye.sync!.listingsChanged();
    const stored = await eventually('the change at Diss', async () => {
      const row = await remoteListing(diss, id);
      return row?.price_currency === 'OLDHR' ? row : undefined;
    });
    expect(stored).toMatchObject({ price_amount: 120, price_scale: null });
    const shown = await shownAtDiss(id, 'thatching');
    expect(shown.page).toContain('120 OLDHR');
    expect(shown.terms).toEqual({ type: 'price', amount: 120, amount_formatted: null, currency: 'OLDHR' });
  });
});

describe('prices in records signed by a sibling', () => {
  it('are read by the record’s scale, never by Diss’s own currency of the same code', async () => {
    // Diss's DHR counts hours (scale 60): read by it, 250 would be "4:10 DHR".
    const record = pricedRecord('Seed potatoes from Hoxne', { amount: 250, currency: 'DHR', scale: 100 });
    await publishSigned(record);
    await eventually('the record at Diss', () => remoteListing(diss, record.listing));
    const shown = await shownAtDiss(record.listing, 'potatoes');
    expect(shown.search).toContain('2.50 DHR');
    expect(shown.page).toContain('2.50 DHR');
    expect(shown.page).not.toContain('4:10 DHR');
    expect(shown.terms).toEqual({ type: 'price', amount: 250, amount_formatted: '2.50', currency: 'DHR' });
  });

  it(
    'without a scale (made before records carried one) are accepted and shown as the figure, ' +
      'even in a code Diss has',
    async () => {
      const record = pricedRecord('Old ladder from Hoxne', { amount: 90, currency: 'DHR' });
      await publishSigned(record);
      const stored = await eventually('the record at Diss', () => remoteListing(diss, record.listing));
      expect(stored).toMatchObject({ price_amount: 90, price_currency: 'DHR', price_scale: null });
      const shown = await shownAtDiss(record.listing, 'ladder');
      expect(shown.search).toContain('90 DHR');
      expect(shown.page).toContain('90 DHR');
      expect(shown.page).not.toContain('1:30 DHR');
      expect(shown.terms).toEqual({ type: 'price', amount: 90, amount_formatted: null, currency: 'DHR' });
    },
  );

  it('with a scale of another value or type are refused as malformed and counted against the sibling', async () => {
    const before = await hoxneCounts();
    const seven = pricedRecord('Scale seven', { amount: 90, currency: 'DHR', scale: 7 });
    const text = pricedRecord('Scale as text', { amount: 90, currency: 'DHR', scale: '60' });
    const nothing = pricedRecord('Scale null', { amount: 90, currency: 'DHR', scale: null });
    for (const record of [seven, text, nothing]) await publishSigned(record);
    // A good record after them: once it is in, the three before it have been judged.
    const good = pricedRecord('Scale sixty', { amount: 90, currency: 'DHR', scale: 60 });
    await publishSigned(good);
    await eventually('the good record at Diss', () => remoteListing(diss, good.listing));
    const after = await eventually('three rejections counted', async () => {
      const counts = await hoxneCounts();
      return counts.records_rejected - before.records_rejected >= 3 ? counts : undefined;
    });
    expect(after.records_rejected - before.records_rejected).toBe(3);
    expect(after.records_received - before.records_received).toBe(1);
    expect(after.last_rejection).toContain('does not match the schema');
    for (const refused of [seven, text, nothing]) expect(await remoteListing(diss, refused.listing)).toBeUndefined();
    expect(
      await diss.database.db
        .selectFrom('listing_records')
        .select('seq')
        .where('origin', '=', hoxne.peerId.toString())
        .where('seq', 'in', [seven.seq, text.seq, nothing.seq])
        .execute(),
    ).toEqual([]);
  });
});
