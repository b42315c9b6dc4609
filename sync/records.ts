import crypto, { type KeyObject } from 'node:crypto';
import type { PrivateKey } from '@libp2p/interface';
import { peerIdFromString } from '@libp2p/peer-id';
import { z } from 'zod';

/**
 * Listing records: what a box tells its siblings about a listing its member
 * chose to share with neighbouring towns. The format is specified in
 * sync/PROTOCOL.md; keep the two in step.
 *
 * A record is signed by its origin box over a canonical encoding, so it can be
 * relayed (by gossip, or by another sibling during catch-up) and still be
 * checked against the origin's own key.
 */

export const RECORD_VERSION = 1;
/** The largest wire message (record and signature) a box sends or accepts. */
export const MAX_RECORD_BYTES = 16 * 1024;
/**
 * The highest sequence number a record may carry, and so the furthest any counter of a box can be moved: a record a
 * millisecond for 8,900 years, and far enough below 2^53 that `seq + 1` is always exact (a counter at 2^53 − 1 could
 * never issue another record).
 */
export const MAX_SEQ = 2 ** 48;
/**
 * Signatures cover this prefix followed by the canonical record, so a record can never pass for another kind of signed
 * message.
 */
const SIGNING_CONTEXT = 'marketcross/listing-record/1\n';

const LISTING_KINDS = ['offer', 'want'] as const;
const CATEGORIES = ['food', 'goods', 'services', 'skills', 'tools', 'housing', 'transport', 'other'] as const;
const TERMS = ['price', 'free', 'swap', 'negotiable'] as const;

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,3})?Z$/;

/** Whether an instant written as a record writes it names a real one: no 30 February, no 99:99:99. */
function isRealInstant(text: string): boolean {
  const [year, month, day, hour, minute, second] = (INSTANT.exec(text) ?? []).slice(1, 7).map(Number);
  if (year === undefined || month === undefined || day === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day &&
    date.getUTCHours() === hour &&
    date.getUTCMinutes() === minute &&
    date.getUTCSeconds() === second
  );
}

const isoInstant = z
  .string()
  .max(40)
  .regex(INSTANT, 'an ISO 8601 UTC instant')
  .refine(isRealInstant, 'a real date and time');

/**
 * The earliest instant a record may carry. Marketcross did not exist before it, so an earlier time is a clock's
 * mistake (a Raspberry Pi without a real-time clock starts in 1970) or an attack.
 */
const RECORD_EPOCH = '2024-01-01T00:00:00Z';
/** How far past its rule, by this box's clock, a record's time may reach: clocks differ between boxes. */
const CLOCK_SKEW_MS = 24 * 60 * 60_000;
/**
 * The longest a listing lives from now on its origin: 30 days from posting or renewal (`EXPIRY_DAYS` in
 * src/listings/listings.ts, which must stay within it).
 */
export const MAX_LISTING_TERM_DAYS = 30;
const microdegrees = (limit: number) =>
  z
    .number()
    .int()
    .min(-limit * 1_000_000)
    .max(limit * 1_000_000);

/** The listing's public fields: never the exact location, never the author's account. */
const listingFields = z.strictObject({
  kind: z.enum(LISTING_KINDS),
  title: z.string().min(1).max(100),
  description: z.string().max(4000),
  category: z.enum(CATEGORIES),
  terms: z.enum(TERMS),
  price: z
    .strictObject({
      amount: z.number().int().min(1).max(1_000_000),
      currency: z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/),
      /**
       * Minor units per unit of the currency on its origin box, so a receiver shows "1:30" rather than "90".
       * Optional: records made before it existed are still served by catch-up with their original signatures.
       */
      scale: z.union([z.literal(60), z.literal(100)]).optional(),
    })
    .nullable(),
  /** The rounded public point, in millionths of a degree: integers encode the same way everywhere. */
  lat_e6: microdegrees(90),
  lon_e6: microdegrees(180),
  /** The author's name when they show it to everyone; otherwise null. */
  author: z.string().min(1).max(80).nullable(),
  /** Whether visitors who are not signed in may see it (the origin listing is public). */
  public: z.boolean(),
  created_at: isoInstant,
});

/**
 * A UUID as boxes write them: RFC 9562's lower-case form, the only one `crypto.randomUUID` makes. Ids are compared as
 * text, so `3F2504E0-…` beside `3f2504e0-…` would be a second copy of the same listing (or message). Refused rather
 * than lower-cased: the record is signed as its origin sent it and is passed on as it came, so a changed id would no
 * longer be the record signed; and no well-made box sends one, so it is a fault (or an attack) to count.
 */
export const lowerCaseUuid = z
  .uuid()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, 'a lower-case UUID');

const listingRecordSchema = z
  .strictObject({
    v: z.literal(RECORD_VERSION),
    origin: z.string().min(1).max(128),
    seq: z.number().int().min(1).max(MAX_SEQ),
    listing: lowerCaseUuid,
    op: z.enum(['upsert', 'withdraw']),
    town: z.string().min(1).max(80),
    expires_at: isoInstant,
    fields: listingFields.nullable(),
  })
  .refine(
    (r) => (r.op === 'upsert') === (r.fields !== null),
    'An upsert carries the listing fields; a withdraw carries none.',
  )
  .refine(
    (r) => r.fields === null || (r.fields.terms === 'price') === (r.fields.price !== null),
    'A price is given exactly when the terms are a price.',
  );

export type ListingRecord = z.output<typeof listingRecordSchema>;
export type ListingRecordFields = NonNullable<ListingRecord['fields']>;

/** A record with its origin's signature: the unit that travels by gossip and catch-up. */
export interface SignedRecord {
  record: ListingRecord;
  /** Ed25519 signature, base64 (standard alphabet, padded). */
  sig: string;
}

const signedRecordSchema = z.strictObject({ record: z.unknown(), sig: z.string().max(200) });

/**
 * The canonical encoding that is signed: JSON with object keys sorted by UTF-16
 * code units, no whitespace, and only strings, integers, booleans and null
 * (RFC 8785 for this subset). JSON.stringify already writes strings and
 * integers canonically; only key order needs imposing.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new Error('Canonical records hold integers only.');
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new Error(`Canonical records cannot hold a ${typeof value}.`);
}

function signingBytes(record: ListingRecord): Uint8Array {
  return new TextEncoder().encode(SIGNING_CONTEXT + canonicalJson(record));
}

export async function signRecord(record: ListingRecord, key: PrivateKey): Promise<SignedRecord> {
  const sig = await key.sign(signingBytes(record));
  return { record, sig: Buffer.from(sig).toString('base64') };
}

export function encodeSignedRecord(signed: SignedRecord): Uint8Array {
  return new TextEncoder().encode(canonicalJson(signed));
}

/** Why a record was turned away: counted per sibling and shown to stewards. */
/**
 * `from-the-future` is a record whose times are too far ahead of this box's clock: out of range like the others, but
 * named apart because it may be this box's own clock that is behind, which its stewards are told (src/health/).
 */
export type RecordProblem = 'oversized' | 'malformed' | 'bad-signature' | 'out-of-range' | 'from-the-future';

export class RecordRejected extends Error {
  override name = 'RecordRejected';
  constructor(
    readonly problem: RecordProblem | 'not-a-sibling' | 'stale',
    message: string,
  ) {
    super(message);
  }
}

/**
 * Parses and checks a record from the wire: size, JSON, schema, and the
 * signature against the origin's key (an Ed25519 peer id carries its public
 * key). Whether the origin is a sibling and the record is new is the store's
 * business. Throws `RecordRejected`; never anything else.
 */
export async function decodeSignedRecord(bytes: Uint8Array): Promise<SignedRecord> {
  if (bytes.byteLength > MAX_RECORD_BYTES)
    throw new RecordRejected('oversized', `The record is ${bytes.byteLength} bytes; the limit is ${MAX_RECORD_BYTES}.`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new RecordRejected('malformed', 'The record is not UTF-8 JSON.');
  }
  const outer = signedRecordSchema.safeParse(parsed);
  if (!outer.success) throw new RecordRejected('malformed', 'The message is not a signed record.');
  return verifySignedRecord(outer.data.record, outer.data.sig);
}

/** Checks one signed record already parsed from JSON (catch-up responses carry many). */
export async function verifySignedRecord(rawRecord: unknown, sig: string): Promise<SignedRecord> {
  const checked = listingRecordSchema.safeParse(rawRecord);
  if (!checked.success)
    throw new RecordRejected(
      'malformed',
      `The record does not match the schema: ${checked.error.issues[0]?.message ?? 'invalid'}.`,
    );
  const record = checked.data;
  let verified = false;
  try {
    const key = originKey(record.origin);
    const signature = Buffer.from(sig, 'base64');
    if (key && signature.byteLength === 64) verified = crypto.verify(null, signingBytes(record), key, signature);
  } catch {
    verified = false;
  }
  if (!verified)
    throw new RecordRejected('bad-signature', "The record's signature does not verify against its origin's key.");
  return { record, sig };
}

/**
 * Origins' public keys, ready for `crypto.verify`: a catch-up page holds
 * hundreds of records from the same few origins, and importing the key for
 * each took as long as checking the signature. Null for an origin that is not
 * an Ed25519 peer id. Bounded, oldest out first.
 */
const originKeys = new Map<string, KeyObject | null>();
const ORIGIN_KEYS_KEPT = 256;

function originKey(origin: string): KeyObject | null {
  const cached = originKeys.get(origin);
  if (cached !== undefined) return cached;
  let key: KeyObject | null = null;
  try {
    const id = peerIdFromString(origin);
    // The peer id of an Ed25519 key holds the key itself (identity multihash): pure Ed25519, as libp2p verifies it.
    if (id.type === 'Ed25519')
      key = crypto.createPublicKey({
        format: 'jwk',
        key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(id.publicKey.raw).toString('base64url') },
      });
  } catch {
    key = null;
  }
  if (originKeys.size >= ORIGIN_KEYS_KEPT) originKeys.delete(originKeys.keys().next().value!);
  originKeys.set(origin, key);
  return key;
}

/**
 * What is wrong with a record's times by this box's clock, or null: its listing posted before Marketcross existed or
 * later than a day from now, expiring before it was posted, or later than a listing may live; or a time that names no
 * real instant (the schema refuses those already; a record stored before it did may hold one).
 */
export function recordTimesProblem(record: ListingRecord, now: Date): string | null {
  return timesProblem(record, now)?.message ?? null;
}

/**
 * A record from the future is refused, not taken with a wider margin: this box cannot tell a sibling whose clock runs
 * ahead (or one lying, to keep a listing past its term) from its own clock running behind, and a margin wide enough
 * for a clock days behind would let any sibling post-date its listings by as much. So it says which it was, and the
 * health page and `marketcross doctor` tell the stewards that this box's clock may be wrong.
 */
function timesProblem(
  record: ListingRecord,
  now: Date,
): { problem: 'out-of-range' | 'from-the-future'; message: string } | null {
  const outOfRange = (message: string) => ({ problem: 'out-of-range' as const, message });
  const future = (message: string) => ({ problem: 'from-the-future' as const, message });
  const times = [record.expires_at, ...(record.fields ? [record.fields.created_at] : [])];
  const unreal = times.find((time) => !isRealInstant(time));
  if (unreal !== undefined) return outOfRange(`${unreal} is not a real date and time.`);
  const epoch = Date.parse(RECORD_EPOCH);
  const latest = now.getTime() + CLOCK_SKEW_MS;
  const expires = Date.parse(record.expires_at);
  if (expires < epoch) return outOfRange(`It expires at ${record.expires_at}, before ${RECORD_EPOCH}.`);
  if (record.fields !== null) {
    const created = Date.parse(record.fields.created_at);
    if (created < epoch) return outOfRange(`It was posted at ${record.fields.created_at}, before ${RECORD_EPOCH}.`);
    if (created >= expires)
      return outOfRange(`It expires at ${record.expires_at}, before it was posted (${record.fields.created_at}).`);
    if (created > latest) return future(`It was posted at ${record.fields.created_at}, later than a day from now.`);
  }
  // Posted in range but expiring past a listing's term: the sibling's doing, not this box's clock.
  if (expires > latest + MAX_LISTING_TERM_DAYS * 24 * 60 * 60_000)
    return (record.fields === null ? future : outOfRange)(
      `It expires at ${record.expires_at}, more than ${MAX_LISTING_TERM_DAYS} days from now.`,
    );
  return null;
}

/** Throws `RecordRejected` when a record's times are out of range by this box's clock (`recordTimesProblem`). */
export function checkRecordTimes(record: ListingRecord, now: Date): void {
  const found = timesProblem(record, now);
  if (found !== null) throw new RecordRejected(found.problem, found.message);
}
