import type { Stream } from '@libp2p/interface';
import { lpStream } from '@libp2p/utils';

/*
 * The request/response shape every direct protocol here uses: on a fresh
 * stream, one length-prefixed UTF-8 JSON message each way, then close.
 */

/** Sends one JSON message and reads one back, each length-prefixed, on a fresh stream. */
export async function exchange(stream: Stream, message: string, maxAnswerBytes: number, signal: AbortSignal): Promise<unknown> {
  const lp = lpStream(stream, { maxDataLength: maxAnswerBytes });
  await lp.write(new TextEncoder().encode(message), { signal });
  const answer = await lp.read({ signal });
  await stream.close({ signal }).catch(() => stream.abort(new Error('closing failed')));
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(answer.subarray()));
}

/** The serving side of one exchange: reads the request, answers it, closes. Bad requests are answered by closing the stream. */
export async function serveExchange(stream: Stream, maxRequestBytes: number, answer: (request: unknown) => Promise<string>, signal: AbortSignal): Promise<void> {
  const lp = lpStream(stream, { maxDataLength: maxRequestBytes });
  try {
    const request = await lp.read({ signal });
    const parsed: unknown = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(request.subarray()));
    await lp.write(new TextEncoder().encode(await answer(parsed)), { signal });
    await stream.close({ signal });
  } catch (error) {
    stream.abort(error instanceof Error ? error : new Error(String(error)));
  }
}
