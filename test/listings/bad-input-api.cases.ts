import { expect, it } from 'vitest';
import { type ApiCase, type Box, invalid, MARKUP } from '../helpers/bad-input.js';

/** Bad input for the listings' JSON API, run in order in one box (the runner is test/helpers/bad-input.ts). */

const UNKNOWN = '/api/v1/listings/00000000-0000-4000-8000-000000000000';
const offer = { kind: 'offer', title: 'x', category: 'goods', terms: 'free' };

/** A JSON POST of a new listing that must be refused for `field`. */
const refusedPost = (name: string, body: Record<string, unknown>, field: string): ApiCase => ({
  name: `post a listing, ${name}`,
  method: 'POST',
  path: '/api/v1/listings',
  contentType: 'application/json',
  body: JSON.stringify(body),
  status: 422,
  code: 'invalid',
  check: invalid(field),
});

const searches: ApiCase[] = [
  { name: 'listings', path: '/api/v1/listings', status: 200, check: (body) => expect(body.listings).toEqual([]) },
  {
    name: 'listings near a point',
    path: '/api/v1/listings?lat=52.37&lon=1.1&radius_km=10&q=bike&kind=offer&category=goods&limit=5&offset=5',
    status: 200,
  },
  ...['"', '*', 'NEAR(a b)', '((', 'a OR', '"unbalanced', MARKUP, 'x'.repeat(10_000)].map(
    (q): ApiCase => ({
      name: `listings q=${q.slice(0, 20)}`,
      path: `/api/v1/listings?q=${encodeURIComponent(q)}`,
      status: 200,
    }),
  ),
  ...[
    ['lat', 'lat=abc&lon=1'],
    ['lat', 'lat=91&lon=1'],
    ['lat', 'lat=52'],
    ['lon', 'lat=52&lon=181'],
    ['radius_km', 'radius_km=0'],
    ['radius_km', 'radius_km=-5'],
    ['radius_km', 'radius_km=abc'],
    ['radius_km', 'radius_km=1e9'],
    ['limit', 'limit=0'],
    ['limit', 'limit=101'],
    ['limit', 'limit=abc'],
    ['offset', 'offset=-1'],
    ['offset', 'offset=1.5'],
    ['kind', 'kind=swap'],
    ['category', 'category=cars'],
    ['q', 'q=a&q=b'],
    ['lat', 'lat=1&lat=2&lon=1'],
  ].map(
    ([field, query]): ApiCase => ({
      name: `listings ${query!.slice(0, 30)}`,
      path: `/api/v1/listings?${query}`,
      status: 422,
      code: 'invalid',
      check: invalid(field!),
    }),
  ),
];

const posts: ApiCase[] = [
  {
    name: 'post a listing',
    method: 'POST',
    path: '/api/v1/listings',
    contentType: 'application/json',
    body: JSON.stringify({ kind: 'offer', title: 'API bench', category: 'goods', terms: 'free' }),
    status: 201,
    check: (body) => expect(body.listing.title).toBe('API bench'),
  },
  {
    name: 'post a listing without a token',
    method: 'POST',
    path: '/api/v1/listings',
    authorization: '',
    contentType: 'application/json',
    body: JSON.stringify(offer),
    status: 401,
    code: 'unauthenticated',
  },
  refusedPost('no title', { kind: 'offer', category: 'goods', terms: 'free' }, 'title'),
  refusedPost('markup title too long', { ...offer, title: MARKUP.repeat(5) }, 'title'),
  refusedPost('price without amount', { ...offer, terms: 'price', price_currency: 'DHR' }, 'price_amount'),
  refusedPost(
    'unknown currency',
    { ...offer, terms: 'price', price_amount: '1:30', price_currency: 'NOPE' },
    'price_currency',
  ),
  refusedPost('regional not a boolean', { ...offer, regional: 'perhaps' }, 'regional'),
  refusedPost('bad location', { ...offer, location: { lat: 'x', lon: 1 } }, 'location'),
  refusedPost('location a string', { ...offer, location: 'Diss' }, 'location'),
  refusedPost('a group not mine', { ...offer, visibility: 'group:1' }, 'visibility'),
  {
    name: 'post a listing as a JSON array',
    method: 'POST',
    path: '/api/v1/listings',
    contentType: 'application/json',
    body: '[1, 2]',
    status: 400,
    code: 'bad_request',
  },
  {
    name: 'post a listing as a form',
    method: 'POST',
    path: '/api/v1/listings',
    contentType: 'application/x-www-form-urlencoded',
    body: 'kind=offer',
    status: 422,
    code: 'invalid',
  },
];

const byId: ApiCase[] = [
  {
    name: 'post to a bad listing id',
    method: 'POST',
    path: '/api/v1/listings/not-a-uuid',
    contentType: 'application/json',
    body: '{}',
    status: 404,
    code: 'not_found',
  },
  { name: 'get an unknown listing', path: UNKNOWN, status: 404, code: 'not_found' },
  {
    name: 'get a listing by a bad id',
    path: `/api/v1/listings/${encodeURIComponent(MARKUP)}`,
    status: 404,
    code: 'not_found',
  },
  {
    name: 'patch an unknown listing',
    method: 'PATCH',
    path: UNKNOWN,
    contentType: 'application/json',
    body: '{"title": "x"}',
    status: 404,
    code: 'not_found',
  },
  { name: 'delete an unknown listing', method: 'DELETE', path: UNKNOWN, status: 404, code: 'not_found' },
  {
    name: 'delete without a token',
    method: 'DELETE',
    path: UNKNOWN,
    authorization: '',
    status: 401,
    code: 'unauthenticated',
  },
  {
    name: 'PUT a listing',
    method: 'PUT',
    path: UNKNOWN,
    contentType: 'application/json',
    body: '{}',
    status: 405,
    code: 'method_not_allowed',
  },
  { name: 'DELETE all listings', method: 'DELETE', path: '/api/v1/listings', status: 405, code: 'method_not_allowed' },
];

/** In order: the searches expect no listings yet, before one is posted. */
export const apiTable: ApiCase[] = [...searches, ...posts, ...byId];

/**
 * A person's search pasted 10 kB long (quotes and accents triple in the address) gets a page, not JSON or a dropped
 * connection.
 */
export function tooLongSearch(box: () => Box): void {
  it.each([
    ['quotes', '"'.repeat(10_000)],
    ['accented letters', 'é'.repeat(5_000)],
  ])('a search of 10 kB of %s, too long an address, is answered with a page that leads back', async (_what, q) => {
    const response = await box()
      .client()
      .request('GET', `/listings?${new URLSearchParams({ q, radius: '10' }).toString()}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('only the first 200 characters of a search are used');
    expect(page).toContain('<a href="/listings">');
    // The form itself never sends more than the search uses.
    expect(await (await box().client().request('GET', '/listings')).text()).toMatch(
      /<input id="f-q"[^>]* maxlength="200"/,
    );
  });
}
