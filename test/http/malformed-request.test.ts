import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setCommunityLocale } from '../../src/i18n/language.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';

/** Sends `request` as it is (fetch would refuse to send broken HTTP) and returns all the box answered. */
function rawRequest(url: string, request: string): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.end(request));
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

const longSearch = `/listings?${new URLSearchParams({ q: '"'.repeat(10_000) }).toString()}`;

describe('requests Node refuses before the app sees them', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it("answers an address too long with a page in the browser's language", async () => {
    const response = await box
      .client()
      .request('GET', longSearch, { headers: { 'accept-language': 'fr-BE, en;q=0.5' } });
    expect(response.status).toBe(431);
    expect(response.headers.get('content-language')).toBe('fr');
    const page = await response.text();
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<title>Adresse trop longue</title>');
    expect(page).toContain('seuls les 200 premiers caractères d’une recherche comptent.');
    expect(page).toContain('<a href="/listings">Recommencer</a>');
  });

  it('answers broken HTTP with a page, and the API in its error shape, in the language asked for', async () => {
    const broken = (path: string) => `GET ${path} HTTP/1.1\r\nHost: box\r\nAccept-Language: fr\r\nNot a header\r\n\r\n`;
    const page = await rawRequest(box.url, broken('/members'));
    expect(page).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(page).toContain('<title>Demande incomprise</title>');
    expect(page).toContain('<p>Le boîtier n’a pas pu comprendre cette demande.</p>');
    expect(page).toContain('<a href="/members">Recommencer</a>');

    const api = await rawRequest(box.url, broken('/api/v1/me'));
    expect(api).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(api.slice(api.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: 'La demande n’a pas pu être comprise.' },
    });
  });

  it("speaks the community's language when the browser names none the box speaks", async () => {
    const english = await box.client().request('GET', longSearch);
    expect(await english.text()).toContain('<title>Address too long</title>');
    await setCommunityLocale(box.database.db, 'fr');
    try {
      const response = await box.client().request('GET', longSearch, { headers: { 'accept-language': 'de' } });
      expect(response.status).toBe(431);
      expect(await response.text()).toContain('<title>Adresse trop longue</title>');
    } finally {
      await setCommunityLocale(box.database.db, 'en');
    }
  });
});
