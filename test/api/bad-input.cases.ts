import { expect, it } from 'vitest';
import { type ApiCase, type Box, invalid, MARKUP } from '../helpers/bad-input.js';

/**
 * Bad input for the JSON API's directory, tokens and bodies, run in order in one box (the runner is
 * test/helpers/bad-input.ts). The listings' and the ledger's API cases are in their own folders.
 */

const none = (body: any) => {
  expect(body.members).toEqual([]);
  expect(body.total).toBe(0);
};
const members = (q: string, check: (body: any) => void = none): ApiCase => ({
  name: `q=${q.slice(0, 30)}`,
  path: `/api/v1/members?q=${encodeURIComponent(q)}`,
  status: 200,
  check,
});
const badPage = (name: string, query: string): ApiCase => ({
  name,
  path: `/api/v1/members?${query}`,
  status: 422,
  code: 'invalid',
  check: invalid('page'),
});

// Controls: the same requests, well formed.
const controls: ApiCase[] = [
  { name: 'me', path: '/api/v1/me', status: 200, check: (body) => expect(body.member.handle).toMatch(/\w/) },
  {
    name: 'groups',
    path: '/api/v1/groups',
    status: 200,
    check: (body) => expect(body.groups.length).toBeGreaterThan(0),
  },
  members('Sam', (body) => expect(body.total).toBe(1)),
  { name: 'page 2', path: '/api/v1/members?page=2', status: 200, check: (body) => expect(body.page).toBe(2) },
];

// Searches are text, never SQL or patterns: quotes, wildcards and brackets match themselves (nobody here has them).
const searches: ApiCase[] = [
  {
    name: 'q of 10 kB',
    path: `/api/v1/members?q=${'x'.repeat(10_000)}`,
    status: 422,
    code: 'invalid',
    check: invalid('q'),
  },
  ...[`'`, `"`, `' OR '1'='1`, `"); DROP TABLE members; --`, '%', '_', '%%', '*', 'a*', '\\', '\\%'].map((q) =>
    members(q),
  ),
  ...['(', ')', '((a', 'a))', 'NEAR(a b', 'a OR', '-', '^'].map((q) => members(q)),
  { name: 'q twice', path: '/api/v1/members?q=a&q=b', status: 422, code: 'invalid', check: invalid('q') },
  { name: 'q with control characters', path: '/api/v1/members?q=%00%01', status: 200 },
  badPage('page=abc', 'page=abc'),
  badPage('page=-1', 'page=-1'),
  badPage('page=0', 'page=0'),
  badPage('page=1e9', 'page=1e9'),
  badPage('page=1000000000', 'page=1000000000'),
  badPage('page=1.5', 'page=1.5'),
  badPage('page empty', 'page='),
  badPage('page twice', 'page=1&page=2'),
  {
    name: 'page far beyond the end',
    path: '/api/v1/members?page=10000',
    status: 200,
    check: (body) => expect(body.members).toEqual([]),
  },
];

// Handles that are not handles.
const handles: ApiCase[] = [
  ...[
    encodeURIComponent(MARKUP),
    '..%2F..%2Fme',
    '..%2Fgroups',
    '%00',
    '%E0%A4%A',
    '%',
    'x'.repeat(3000),
    `sam'--`,
  ].map(
    (handle): ApiCase => ({
      name: `handle ${handle.slice(0, 30)}`,
      path: `/api/v1/members/${handle}`,
      status: 404,
      code: 'not_found',
    }),
  ),
  { name: 'unknown path', path: '/api/v1/nothing-here', status: 404, code: 'not_found' },
];

// Authorization headers that are not a token of ours.
const tokens: ApiCase[] = [
  { name: 'no token, for me', path: '/api/v1/me', authorization: '', status: 401, code: 'unauthenticated' },
  ...[
    'Bearer',
    'Bearer ',
    'Bearer a b',
    'Basic dXNlcjpwYXNz',
    'Token abc',
    `Bearer ${'x'.repeat(8_000)}`,
    `Bearer mcx_${'A'.repeat(43)}`,
    'Bearer <script>',
    'bearer',
    `Bearer ${'x'.repeat(12_000)}`,
  ].map(
    (authorization): ApiCase => ({
      name: `Authorization ${authorization.slice(0, 30)}`,
      path: '/api/v1/members',
      authorization,
      status: 401,
      code: 'invalid_token',
    }),
  ),
];

/** A POST to a read-only endpoint, with the body and the refusal it must get. */
const posted = (name: string, path: string, contentType: string, body: string, status: number, code: string) => ({
  name,
  method: 'POST',
  path,
  contentType,
  body,
  status,
  code,
});

// Bodies: every endpoint is read-only, but a body is parsed before that is known.
const bodies: ApiCase[] = [
  posted('POST with malformed JSON', '/api/v1/me', 'application/json', '{"name": ', 400, 'bad_request'),
  {
    ...posted('POST with a JSON body over 64 kB', '/api/v1/me', 'application/json', '', 413, 'too_large'),
    body: JSON.stringify({ x: 'x'.repeat(70_000) }),
    check: (body) => expect(body.error.message).toMatch(/too large/),
  },
  posted(
    'POST with a form body over 64 kB',
    '/api/v1/members',
    'application/x-www-form-urlencoded',
    `x=${'x'.repeat(70_000)}`,
    413,
    'too_large',
  ),
  posted(
    'POST with deeply nested JSON',
    '/api/v1/groups',
    'application/json',
    '['.repeat(5_000) + ']'.repeat(5_000),
    405,
    'method_not_allowed',
  ),
  posted('POST with valid JSON', '/api/v1/groups', 'application/json', '{"name": "x"}', 405, 'method_not_allowed'),
  posted('POST with plain text', '/api/v1/members', 'text/plain', 'hello', 405, 'method_not_allowed'),
  { name: 'DELETE a member', method: 'DELETE', path: '/api/v1/members/sam', status: 405, code: 'method_not_allowed' },
];

export const apiTable: ApiCase[] = [...controls, ...searches, ...handles, ...tokens, ...bodies];

/** Node refuses a request whose headers pass 16 kB before koa sees it; the box still answers in the error shape. */
export function headersTooLarge(box: () => Box): void {
  it.each([
    ['Authorization header', '/api/v1/me', { authorization: `Bearer ${'x'.repeat(20_000)}` }],
    ['query string', `/api/v1/members?q=${'x'.repeat(20_000)}`, {}],
  ])('a %s over 16 kB is refused with 431', async (_what, path, headers) => {
    const response = await box().client().request('GET', path, { headers });
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      error: { code: 'headers_too_large', message: expect.stringContaining('too large') },
    });
  });
}
