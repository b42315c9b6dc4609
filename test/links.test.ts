import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, STEWARD, type TestBox } from './helpers/box.js';
import type { HttpClient } from './helpers/client.js';

/**
 * "No link leads to a 404": follow every same-box link reachable from the home
 * page, as a visitor, a member and a steward, and check each answers without
 * an error. Bounded: at most 150 pages per viewer.
 */
async function crawl(client: HttpClient): Promise<Map<string, number>> {
  const seen = new Map<string, number>();
  const queue = ['/'];
  while (queue.length > 0 && seen.size < 150) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    const page = await client.get(path);
    seen.set(path, page.status);
    if (page.status >= 300 && page.status < 400) {
      const location = page.response.headers.get('location');
      if (location?.startsWith('/')) queue.push(location);
      continue;
    }
    for (const match of page.text.matchAll(/<a [^>]*href="(\/[^"#]*)"/g)) {
      const href = match[1]!.replace(/&amp;/g, '&');
      if (!href.startsWith('/assets/') && !seen.has(href)) queue.push(href);
    }
  }
  return seen;
}

describe('links', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it.each(['visitor', 'member', 'steward'] as const)('every link a %s can follow leads to a page', async (viewer) => {
    const client = box.client();
    if (viewer === 'member') {
      const member = await addActiveMember(box);
      await client.signIn(member.email, member.password);
    } else if (viewer === 'steward') {
      await client.signIn(STEWARD.email, STEWARD.password);
    }
    const statuses = await crawl(client);
    const broken = [...statuses].filter(([, status]) => status >= 400);
    expect(broken).toEqual([]);
    expect(statuses.size).toBeGreaterThan(3);
  });
});
