import { expect } from 'vitest';
import type { HttpClient } from '../helpers/client.js';
import { readTarGz } from '../helpers/tar.js';

/** Asks for the member's archive on the page, follows its panel as htmx would until it is ready; its download link. */
export async function prepareArchive(client: HttpClient): Promise<string> {
  const started = await client.postForm('/account/data/archive', {}, { from: '/account/data' });
  expect(started.status, started.text.slice(0, 500)).toBe(303);
  expect(started.location).toBe('/account/data#archive');
  return waitForArchive(client);
}

/** Asks for the archive panel (as the page's polling does) until it offers the download; its address. */
async function waitForArchive(client: HttpClient): Promise<string> {
  for (let asked = 0; asked < 2000; asked++) {
    const panel = await client.get('/account/data/archive', { 'HX-Request': 'true' });
    expect(panel.status).toBe(200);
    const link = /href="(\/account\/data\/archive\/\d+)"/.exec(panel.text)?.[1];
    if (link) return link;
    expect(panel.text).not.toContain('could not be made');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The archive was never ready.');
}

/** Downloads an archive and reads its files. */
export async function downloadArchive(client: HttpClient, href: string): Promise<Map<string, Buffer>> {
  const response = await client.request('GET', href);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('application/gzip');
  expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="your-data-.+\.tar\.gz"$/);
  return readTarGz(Buffer.from(await response.arrayBuffer()));
}

/** A section of an archive, as its JSON file holds it. */
export function section(files: Map<string, Buffer>, name: string): Record<string, unknown>[] {
  const file = files.get(`your-data/json/${name}.json`);
  if (!file) throw new Error(`The archive has no json/${name}.json`);
  return JSON.parse(file.toString('utf8'));
}
