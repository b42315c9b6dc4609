import { expect } from 'vitest';
import type { HttpClient } from '../helpers/client.js';

/** One section of the member's day on the home page, by its heading's id. */
export async function daySection(client: HttpClient, id: 'day-waiting' | 'day-accounts' | 'day-new'): Promise<string> {
  const page = await client.get('/');
  expect(page.status, page.text.slice(0, 3000)).toBe(200);
  const found = new RegExp(`<section class="day" aria-labelledby="${id}">[\\s\\S]*?</section>`).exec(page.text);
  expect(found, `the section ${id}`).not.toBeNull();
  return found![0];
}

/** The figure after a term of a `<dl class="facts">`, its tags removed. */
export function fact(html: string, term: string): string {
  const found = new RegExp(`<dt>${term}</dt><dd>([\\s\\S]*?)</dd>`).exec(html);
  expect(found, term).not.toBeNull();
  return found![1]!.replace(/<[^>]+>/g, '').trim();
}
