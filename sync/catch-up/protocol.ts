import { z } from 'zod';
import type { RecordsPort } from '../port.js';
import { MAX_RECORD_BYTES, MAX_SEQ } from '../records.js';

/**
 * `/marketcross/listings/1.0.0`: catch-up by request and response, because
 * gossip is lossy and a box may be off for days. The asker names, for each
 * origin it follows, the sequence number up to which it holds everything; the
 * answer holds the live records after it, in order, and how far they reach.
 * See sync/PROTOCOL.md.
 */
export const CATCH_UP_PROTOCOL = '/marketcross/listings/1.0.0';

/** Origins one request may name. */
export const MAX_ORIGINS_PER_REQUEST = 64;
/** Records one answer may hold in all. */
const MAX_RECORDS_PER_RESPONSE = 500;
/** An answer stops adding records past this many bytes, so it always fits `MAX_RESPONSE_BYTES`. */
const RESPONSE_SOFT_LIMIT = 2 * 1024 * 1024;
export const MAX_REQUEST_BYTES = 16 * 1024;
export const MAX_RESPONSE_BYTES = RESPONSE_SOFT_LIMIT + MAX_RECORD_BYTES + 64 * 1024;

export const catchUpRequestSchema = z.strictObject({
  origins: z
    .array(
      z.strictObject({
        origin: z.string().min(1).max(128),
        after: z.number().int().min(0).max(MAX_SEQ),
      }),
    )
    .max(MAX_ORIGINS_PER_REQUEST),
});
export type CatchUpRequest = z.output<typeof catchUpRequestSchema>;

export const catchUpResponseSchema = z.strictObject({
  origins: z
    .array(
      z.strictObject({
        origin: z.string().min(1).max(128),
        records: z
          .array(z.strictObject({ record: z.unknown(), sig: z.string().max(200) }))
          .max(MAX_RECORDS_PER_RESPONSE),
        up_to: z.number().int().min(0).max(MAX_SEQ),
      }),
    )
    .max(MAX_ORIGINS_PER_REQUEST),
});
export type CatchUpResponse = z.output<typeof catchUpResponseSchema>;

/**
 * How far an answer for one origin reaches: its last record, or no further than the asker holds when it gives none.
 * Never the answerer's horizon beyond its last record (records past it superseded or expired): the asker takes an
 * `up_to` only as far as the records it receives bear it out (`client.ts`), and would refuse the answer.
 */
function reach(kept: readonly string[], after: number): number {
  const last = kept.at(-1);
  return last === undefined ? after : (JSON.parse(last) as { record: { seq: number } }).record.seq;
}

/** Builds the answer from the store: signed records are kept as JSON and spliced in as they are. */
export async function answerCatchUp(
  box: Pick<RecordsPort, 'recordsAfter'>,
  request: CatchUpRequest,
  answerable: (origin: string) => boolean,
): Promise<string> {
  const parts: string[] = [];
  let budget = MAX_RECORDS_PER_RESPONSE;
  let bytes = 0;
  for (const { origin, after } of request.origins) {
    if (!answerable(origin) || budget === 0 || bytes >= RESPONSE_SOFT_LIMIT) continue;
    const kept: string[] = [];
    for (const signed of await box.recordsAfter(origin, after, budget)) {
      // Stop before the record that does not fit: the answer then reaches only the one before it.
      if (bytes + signed.length > RESPONSE_SOFT_LIMIT && kept.length > 0) break;
      kept.push(signed);
      bytes += signed.length;
    }
    budget -= kept.length;
    parts.push(`{"origin":${JSON.stringify(origin)},"records":[${kept.join(',')}],"up_to":${reach(kept, after)}}`);
  }
  return `{"origins":[${parts.join(',')}]}`;
}
