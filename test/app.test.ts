import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestBox, type TestBox } from './helpers/box.js';
import { ensureSetupCode } from '../src/community/setup-code.js';

describe('the web app on a fresh box', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox();
  });
  afterAll(() => box.close());

  it('answers /healthz with its version and a usable database', async () => {
    const res = await box.client().json('GET', '/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', version: expect.any(String), db: 'ok' });
  });

  it('sends security headers on every page', async () => {
    const { response } = await box.client().get('/setup');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('referrer-policy')).toBe('same-origin');
  });

  it('sends the home page to setup until there is a steward', async () => {
    const res = await box.client().request('GET', '/');
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/setup');
  });

  it('serves htmx and the CSS from the box, versioned, cached for a year, compressed', async () => {
    const client = box.client();
    const page = await client.get('/setup');
    const htmxUrl = /src="(\/assets\/[0-9a-f]+\/htmx\.min\.js)"/.exec(page.text)![1]!;
    const cssUrl = /href="(\/assets\/[0-9a-f]+\/app\.css)"/.exec(page.text)![1]!;
    const htmx = await client.request('GET', htmxUrl, { headers: { 'accept-encoding': 'gzip' } });
    expect(htmx.status).toBe(200);
    expect(htmx.headers.get('cache-control')).toContain('immutable');
    expect(htmx.headers.get('content-encoding')).toBe('gzip');
    // What a current Chrome asks for: brotli, never zstd (its per-response window costs memory, issue 6).
    const chrome = await client.request('GET', htmxUrl, { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(chrome.headers.get('content-encoding')).toBe('br');
    expect((await client.request('GET', cssUrl)).status).toBe(200);
    expect((await client.request('GET', '/assets/000000000000/app.css')).status).toBe(404);
    expect(page.text).not.toMatch(/(src|href)="https?:/);
  });

  it('shows a friendly 404 page, and a fragment to htmx', async () => {
    const client = box.client();
    const page = await client.get('/no/such/page');
    expect(page.status).toBe(404);
    expect(page.text).toContain('<html');
    expect(page.text).toContain('There is nothing here.');
    const fragment = await client.get('/no/such/page', { 'HX-Request': 'true' });
    expect(fragment.status).toBe(404);
    expect(fragment.text).not.toContain('<html');
    expect(fragment.text).toContain('There is nothing here.');
  });

  it('sets up the community with the one-time code, then closes /setup', async () => {
    const code = (await ensureSetupCode(box.database.db))!;
    const client = box.client();
    const fields = {
      community_name: 'PlaNet Diss',
      region: 'South Norfolk',
      lat: '52.3765',
      lon: '1.1077',
      vouches_required: '2',
      steward_name: 'Gary',
      steward_contact: 'gary@example.org',
      password: 'a-long-password',
      about: '',
    };
    const wrong = await client.postForm('/setup', { ...fields, setup_code: 'AAAA-BBBB-CCCC' }, { from: '/setup' });
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('That is not the setup code');
    expect(wrong.text).toContain('value="PlaNet Diss"');
    const noCsrf = await client.postForm('/setup', { ...fields, setup_code: code }, { csrf: null });
    expect(noCsrf.status).toBe(403);
    const ok = await client.postForm('/setup', { ...fields, setup_code: code.toLowerCase() });
    expect(ok.status).toBe(303);
    const home = await client.get('/');
    expect(home.status).toBe(200);
    expect(home.text).toContain('Welcome, Gary');
    expect((await box.client().get('/setup')).status).toBe(404);
    expect(await ensureSetupCode(box.database.db)).toBeNull();
  });
});
