import http from 'node:http';
import zlib from 'node:zlib';

/** An answer read to its end, or null when the request failed on the network (counted as an error). */
export interface Answer {
  status: number;
  /** The body as text, decompressed when asked for (the client's time is not the box's: most bodies are not read). */
  text: () => string;
  cookies: string[];
  location: string | undefined;
}

/**
 * The soak's HTTP client and tally: every request goes through one keep-alive pool bounded to `sockets`
 * connections (node:http's Agent; no load tool), and is counted by what it was (`kind`), its status and its time
 * to the last byte of the answer.
 */
export class Load {
  readonly latencies = new Map<string, number[]>();
  readonly statuses = new Map<number, number>();
  readonly serverErrors: string[] = [];
  readonly networkErrors: string[] = [];
  private readonly agent: http.Agent;

  constructor(
    private readonly url: string,
    sockets: number,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(
    kind: string,
    method: 'GET' | 'POST',
    path: string,
    { headers = {}, body }: { headers?: Record<string, string>; body?: string } = {},
  ): Promise<Answer | null> {
    const started = performance.now();
    return new Promise((resolve) => {
      const fail = (error: Error) => {
        this.networkErrors.push(`${method} ${path}: ${error.message}`);
        resolve(null);
      };
      const request = http.request(
        `${this.url}${path}`,
        {
          method,
          agent: this.agent,
          headers: { ...headers, ...(body ? { 'content-length': Buffer.byteLength(body) } : {}) },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', fail);
          response.on('end', () => {
            const status = response.statusCode!;
            this.count(kind, status, performance.now() - started);
            if (status >= 500) this.serverErrors.push(`${method} ${path}: ${status}`);
            resolve({
              status,
              text: () => decompressed(Buffer.concat(chunks), response.headers['content-encoding']).toString(),
              cookies: (response.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
              location: response.headers.location,
            });
          });
        },
      );
      request.on('error', fail);
      request.end(body);
    });
  }

  private count(kind: string, status: number, ms: number): void {
    const list = this.latencies.get(kind) ?? [];
    list.push(ms);
    this.latencies.set(kind, list);
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }

  close(): void {
    this.agent.destroy();
  }
}

function decompressed(body: Buffer, encoding: string | undefined): Buffer {
  if (encoding === 'br') return zlib.brotliDecompressSync(body);
  if (encoding === 'gzip') return zlib.gunzipSync(body);
  if (encoding === 'deflate') return zlib.inflateSync(body);
  return body;
}

/** The p-th percentile (0–100) of some times, in ms, by the nearest rank. */
export function percentile(times: number[], p: number): number {
  if (times.length === 0) return NaN;
  const sorted = [...times].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** At most `limit` holders at once: the others wait their turn in order. */
export class Gate {
  private holders = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async through<T>(fn: () => Promise<T>): Promise<T> {
    if (this.holders >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.holders++;
    try {
      return await fn();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.holders--;
    }
  }
}
