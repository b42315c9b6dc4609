import type { Stream } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';

/*
 * The request/response shape every direct protocol here uses: on a fresh
 * stream, one length-prefixed UTF-8 JSON message each way, then close.
 */

/** Sends one JSON message and reads one back, each length-prefixed, on a fresh stream. */
export async function exchange(
  stream: Stream,
  message: string,
  maxAnswerBytes: number,
  signal: AbortSignal,
): Promise<unknown> {
  let answer: Uint8Array;
  try {
    const lp = lpStream(stream, { maxDataLength: maxAnswerBytes });
    await lp.write(new TextEncoder().encode(message), { signal });
    answer = (await lp.read({ signal })).subarray();
  } catch (error) {
    stream.abort(asError(error));
    throw asError(error);
  }
  await stream.close({ signal }).catch(() => stream.abort(new Error('closing failed')));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answer));
}

/**
 * The serving side of one exchange: reads the request, answers it, closes. Bad requests are answered by closing the
 * stream; one too long or not UTF-8 JSON is told to `malformed` (to count against the sender) first.
 */
export async function serveExchange(
  stream: Stream,
  maxRequestBytes: number,
  answer: (request: unknown) => Promise<string>,
  signal: AbortSignal,
  malformed: (why: string) => Promise<void> = async () => {},
): Promise<void> {
  const lp = lpStream(stream, { maxDataLength: maxRequestBytes });
  try {
    const request = await lp.read({ signal }).catch(async (error: unknown) => {
      if (asError(error).name === 'InvalidDataLengthError')
        await malformed(`The request is over ${maxRequestBytes} bytes.`);
      throw error;
    });
    let parsed: unknown;
    try {
      parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.subarray()));
    } catch (error) {
      await malformed('The request is not UTF-8 JSON.');
      throw error;
    }
    await lp.write(new TextEncoder().encode(await answer(parsed)), { signal });
    await stream.close({ signal });
  } catch (error) {
    stream.abort(asError(error));
  }
}

/**
 * An `Error` for anything a stream operation rejects with. libp2p's stream
 * helpers reject a write that waits for the stream to drain with the stream's
 * `close` event itself when the other side goes away mid-write, which would
 * otherwise be logged as "[object Event]".
 */
export function asError(reason: unknown): Error {
  if (reason instanceof Error) return reason;
  if (typeof Event !== 'undefined' && reason instanceof Event) {
    const cause = (reason as Event & { error?: unknown }).error;
    return new Error(
      cause instanceof Error
        ? `the stream closed: ${cause.message}`
        : `the stream closed (${reason.type}) before the exchange finished`,
      { cause: reason },
    );
  }
  return new Error(String(reason));
}
