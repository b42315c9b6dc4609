import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox } from '../box.js';
import type { HttpClient } from '../client.js';
import { type Box, clientAs, type Fields, MARKUP, RAW_MARKUP, type Viewer } from './shared.js';
import { fingerprint } from './state.queries.js';

/**
 * The path runner: the ids, handles and slugs in the paths of every POST route
 * and the pages they sit on, each given values that are not an id, handle or
 * slug of anything. Each must answer with a 4xx, escaped, storing nothing.
 */

/**
 * Values that are not an id, handle or slug of anything: markup, climbing out
 * of the path, control characters, broken percent-encoding, very long, and
 * numbers that are not ids.
 */
const BAD_PATH_PARTS = [
  encodeURIComponent(MARKUP),
  '..%2F..%2Fstewards',
  '%00',
  '%E0%A4%A',
  '%',
  'x'.repeat(3000),
  '-1',
  '1e9',
  '1.5',
  '0x10',
  '99999999999999999999999',
];

export interface PathCase {
  method: 'GET' | 'POST';
  as: Viewer;
  /** The path with `{}` where the bad part goes. */
  path: string;
  fields?: Fields;
}

/** One box with a browser for each viewer, each having loaded the home page. */
export interface PathContext {
  readonly box: Box;
  client(viewer: Viewer): HttpClient;
}

export interface PathSpec {
  /** Run once the browsers are signed in (say, to start a group for the paths to name). */
  setUp?: (context: PathContext) => Promise<void>;
  cases: (context: PathContext) => PathCase[];
  /** More tests in the same box: the controls (a good path still works) and GET forms. */
  more?: (context: PathContext) => void;
}

/** Registers the path cases of one feature, in their own box. */
export function pathCases(feature: string, spec: PathSpec): void {
  describe(`ids, handles and slugs in paths: ${feature}`, () => {
    let box: Box;
    const clients = new Map<Viewer, HttpClient>();
    const context: PathContext = {
      get box() {
        return box;
      },
      client: (viewer) => clients.get(viewer)!,
    };

    beforeAll(async () => {
      box = await startSetUpBox();
      for (const viewer of ['visitor', 'member', 'steward'] as const) {
        const { client } = await clientAs(box, viewer);
        await client.get('/');
        clients.set(viewer, client);
      }
      await spec.setUp?.(context);
    });
    afterAll(() => box.close());

    it('answers a bad id, handle or slug with a 4xx, escaped, storing nothing', async () => {
      for (const route of spec.cases(context)) {
        for (const part of BAD_PATH_PARTS) await badPart(context, route, part);
      }
    });
    spec.more?.(context);
  });
}

async function badPart(context: PathContext, route: PathCase, part: string): Promise<void> {
  const client = context.client(route.as);
  const path = route.path.replace('{}', part);
  const what = `${route.method} ${route.path} with ${part.slice(0, 40)}`;
  const before = await fingerprint(context.box);
  const result = route.method === 'GET' ? await client.get(path) : await client.postForm(path, route.fields ?? {});
  expect(result.text, what).not.toMatch(/This form has expired/);
  expect(result.status, what).toBeGreaterThanOrEqual(400);
  expect(result.status, what).toBeLessThan(500);
  expect(result.text, what).not.toMatch(RAW_MARKUP);
  expect(result.text, what).not.toMatch(/Something went wrong/);
  expect(await fingerprint(context.box), what).toEqual(before);
}
