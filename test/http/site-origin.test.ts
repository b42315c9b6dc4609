import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedInSteward, startBoxWithSteward } from '../members/helpers.js';

/** A GET with the Host header the client chooses (fetch always sends the real one). */
function getWithHost(box: TestBox, path: string, host: string, cookie = ''): Promise<string> {
  const { hostname, port } = new URL(box.url);
  return new Promise((resolve, reject) => {
    const request = http.get({ hostname, port, path, headers: { host, cookie } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk) => chunks.push(chunk));
      response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    request.on('error', reject);
  });
}

/** The reset link the steward's page shows once, after issuing it; the page is read with `host`. */
async function resetLinkPage(box: TestBox, steward: HttpClient, host: string): Promise<string> {
  const member = await addActiveMember(box);
  await steward.get(`/members/${member.handle}/reset-link`);
  const issued = await steward.postForm(`/members/${member.handle}/reset-link`, {});
  expect(issued.status).toBe(303);
  return getWithHost(box, issued.location!, host, steward.cookieHeader());
}

const FORGED = 'evil.example';

describe('links that leave the page, and the Host header as sent', () => {
  let box: TestBox;
  let steward: HttpClient;
  beforeAll(async () => {
    ({ box, steward } = await startBoxWithSteward());
  });
  afterAll(() => box.close());

  it('writes a reset link with the box’s own address, never a forged Host', async () => {
    const page = await resetLinkPage(box, steward, FORGED);
    expect(page).toMatch(new RegExp(`id="reset-link" type="text" readonly value="${box.url}/reset/[\\w-]+"`));
    expect(page).not.toContain(FORGED);
  });

  it('writes the feed’s links with the box’s own address, never a forged Host', async () => {
    const feed = await getWithHost(box, '/listings/feed.atom', `${FORGED}:${new URL(box.url).port}`);
    expect(feed).toContain(`<link rel="self" type="application/atom+xml" href="${box.url}/listings/feed.atom"/>`);
    expect(feed).not.toContain(FORGED);
  });

  it('keeps the name the box was reached by when it is one of its own', async () => {
    const port = new URL(box.url).port;
    const feed = await getWithHost(box, '/listings/feed.atom', `localhost:${port}`);
    expect(feed).toContain(`href="http://localhost:${port}/listings/feed.atom"`);
  });
});

describe('links with a configured public address (MARKETCROSS_PUBLIC_URL)', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox({ publicUrl: 'https://market.example.org' });
  });
  afterAll(() => box.close());

  it('writes every link with it, whatever the request was addressed to', async () => {
    const steward = await signedInSteward(box);
    const page = await resetLinkPage(box, steward, FORGED);
    expect(page).toMatch(/value="https:\/\/market\.example\.org\/reset\/[\w-]+"/);
    const feed = await getWithHost(box, '/listings/feed.atom', new URL(box.url).host);
    expect(feed).toContain('href="https://market.example.org/listings/feed.atom"');
  });
});
