import crypto from 'node:crypto';
import type { PrivateKey } from '@libp2p/interface';
import fc from 'fast-check';
import { MAX_SEQ, signRecord, type ListingRecord } from '../../sync/records.js';

/*
 * What a hostile or broken sibling could send, for the property tests of peer messages
 * (`peer-messages.property.test.ts`): well-formed records, ways to break one, and odd values to put anywhere.
 */

const DAY = 24 * 60 * 60_000;

/** A well-formed record from `origin`, its times within range by the box's clock. */
export const recordArb = (now: () => Date, origin: () => string, seq: () => number): fc.Arbitrary<ListingRecord> =>
  fc
    .record({
      op: fc.constantFrom('upsert', 'withdraw') as fc.Arbitrary<'upsert' | 'withdraw'>,
      title: fc.string({ minLength: 1, maxLength: 100 }),
      description: fc.string({ maxLength: 200 }),
      category: fc.constantFrom('food', 'goods', 'services', 'skills', 'tools', 'housing', 'transport', 'other'),
      price: fc.option(
        fc.record({
          amount: fc.integer({ min: 1, max: 1_000_000 }),
          currency: fc.stringMatching(/^[A-Z][A-Z0-9]{1,7}$/),
          scale: fc.constantFrom(60, 100) as fc.Arbitrary<60 | 100>,
        }),
      ),
      lat: fc.integer({ min: -90_000_000, max: 90_000_000 }),
      lon: fc.integer({ min: -180_000_000, max: 180_000_000 }),
      author: fc.option(fc.string({ minLength: 1, maxLength: 80 })),
      public: fc.boolean(),
      // Posted up to 40 days ago; expiring after that, and no more than 30 days from now.
      postedAgoMs: fc.integer({ min: 0, max: 40 * DAY }),
      lifeMs: fc.integer({ min: 60_000, max: 30 * DAY }),
      town: fc.string({ minLength: 1, maxLength: 80 }),
    })
    .map((a) => {
      const at = now().getTime();
      const created = at - a.postedAgoMs;
      const expires = Math.min(created + a.lifeMs, at + 30 * DAY);
      return {
        v: 1,
        origin: origin(),
        seq: seq(),
        listing: crypto.randomUUID(),
        op: a.op,
        town: a.town,
        expires_at: new Date(Math.max(expires, created + 1000)).toISOString(),
        fields:
          a.op === 'withdraw'
            ? null
            : {
                kind: 'offer',
                title: a.title,
                description: a.description,
                category: a.category,
                terms: a.price ? 'price' : 'free',
                price: a.price,
                lat_e6: a.lat,
                lon_e6: a.lon,
                author: a.author,
                public: a.public,
                created_at: new Date(created).toISOString(),
              },
      } as ListingRecord;
    });

/** Ways to make a record that the box must refuse, whoever signs it. */
export const BREAKS: readonly [string, (r: ListingRecord) => unknown][] = [
  ['an impossible time', (r) => ({ ...r, expires_at: '2026-12-31T99:99:99Z' })],
  ['kept forever', (r) => ({ ...r, expires_at: '9999-12-31T00:00:00.000Z' })],
  [
    'posted next year',
    (r) =>
      r.fields
        ? { ...r, fields: { ...r.fields, created_at: '2027-11-22T10:00:00Z' } }
        : { ...r, expires_at: '2023-01-01T00:00:00Z' },
  ],
  ['a number past any counter', (r) => ({ ...r, seq: MAX_SEQ + 1 })],
  ['a number that is not a whole one', (r) => ({ ...r, seq: 2 ** 53 - 1 + 0.5 })],
  ['no number', (r) => ({ ...r, seq: 0 })],
  ['an extra field', (r) => ({ ...r, extra: 1 })],
  ['an unknown version', (r) => ({ ...r, v: 2 })],
  ['off the globe', (r) => (r.fields ? { ...r, fields: { ...r.fields, lat_e6: 91_000_000 } } : { ...r, fields: {} })],
  ['a listing id that is no UUID', (r) => ({ ...r, listing: '../../etc/passwd' })],
];

/** A value anywhere in a record replaced by anything JSON can hold: it may or may not still be valid. */
export const replaceAnywhere = (r: ListingRecord, path: string, value: unknown): unknown => {
  const copy = JSON.parse(JSON.stringify(r)) as Record<string, unknown>;
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) copy[head] = value;
  else if (copy.fields) (copy.fields as Record<string, unknown>)[tail] = value;
  return copy;
};
export const PATHS = [
  'v',
  'origin',
  'seq',
  'listing',
  'op',
  'town',
  'expires_at',
  'fields',
  'fields.title',
  'fields.price',
  'fields.lat_e6',
  'fields.created_at',
  'fields.public',
  'fields.author',
];
export const odd = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constantFrom(Number.MAX_SAFE_INTEGER, 2 ** 48, -1, 1e21, 0.5, '', 'x'.repeat(5_000), '2026-02-30T10:00:00Z'),
);

/** Signs what can be signed (a value the canonical encoding cannot hold gets a signature of junk). */
export async function signAnything(record: unknown, key: PrivateKey): Promise<{ record: unknown; sig: string }> {
  try {
    return await signRecord(record as ListingRecord, key);
  } catch {
    return { record, sig: crypto.randomBytes(64).toString('base64') };
  }
}
