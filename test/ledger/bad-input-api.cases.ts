import { expect } from 'vitest';
import { type ApiCase, MARKUP } from '../helpers/bad-input.js';

/**
 * Bad input for the ledger's JSON API: bad bodies for its POSTs (to a member who does not exist, so a body that passed
 * would still store nothing), and bad paths and queries. The runner is test/helpers/bad-input.ts.
 */

const json = (body: unknown) => ({ method: 'POST', contentType: 'application/json', body: JSON.stringify(body) });
const good = { to: 'nobody-has-this', amount: '1:30', currency: 'DHR', description: 'Bread', idempotency_key: 'k-1' };
const fieldCase = (name: string, field: string, body: Record<string, unknown>): ApiCase => ({
  name: `payment, ${name}`,
  path: '/api/v1/payments',
  ...json(body),
  status: 422,
  code: 'invalid',
  check: (b) => expect(b.error.fields?.[field]).toMatch(/\w/),
});
const refusedFrom = (name: string, body: Record<string, unknown>): ApiCase => ({
  name,
  path: '/api/v1/payment-requests',
  ...json(body),
  status: 422,
  code: 'invalid',
  check: (b) => expect(b.error.fields.from).toMatch(/\w/),
});

const amounts: unknown[] = [
  ['abc'],
  { a: 1 },
  true,
  null,
  -5,
  0,
  1.5,
  // biome-ignore lint/correctness/noPrecisionLoss: a JSON number that overflows to Infinity is the point
  1e999,
  'NaN',
  '1e3',
  '１２',
  '1:60',
  '0.001',
  '99999999999',
  MARKUP,
  'x'.repeat(5000),
];

const payments: ApiCase[] = [
  fieldCase('to an unknown member', 'to', good),
  ...['to', 'amount', 'currency', 'description', 'idempotency_key'].map((field) => {
    const { [field as keyof typeof good]: _omitted, ...rest } = good;
    return fieldCase(`without ${field}`, field, rest);
  }),
  ...amounts.map((amount) =>
    fieldCase(`amount ${JSON.stringify(amount)?.slice(0, 20)}`, 'amount', { ...good, amount }),
  ),
  fieldCase('unknown currency', 'currency', { ...good, currency: 'NOPE' }),
  fieldCase('currency as a list', 'currency', { ...good, currency: ['DHR'] }),
  fieldCase('description of 10 kB', 'description', { ...good, description: 'x'.repeat(10_000) }),
  fieldCase('listing_id not a uuid', 'listing_id', { ...good, listing_id: MARKUP }),
  fieldCase('idempotency_key as a number', 'idempotency_key', { ...good, idempotency_key: 12 }),
  refusedFrom('payment request from an unknown member', { ...good, to: undefined, from: 'nobody-has-this' }),
  refusedFrom('payment request with "to"', good),
  ...['group:nobody-has-this', 'group:', `GROUP:${MARKUP}`, 'group:community/../x', `group:${'x'.repeat(100)}`].map(
    (to) => fieldCase(`to the fund ${to.slice(0, 20)}`, 'to', { ...good, to }),
  ),
  refusedFrom('payment request from an unknown fund', { ...good, to: undefined, from: 'group:nobody-has-this' }),
  ...['nobody-has-this', MARKUP].map((as_group) =>
    fieldCase(`from the fund of ${as_group.slice(0, 20)}`, 'as_group', { ...good, as_group }),
  ),
  ...[12, ['community'], { slug: 'community' }].map((as_group) =>
    fieldCase(`as_group ${JSON.stringify(as_group)}`, 'as_group', { ...good, as_group }),
  ),
  {
    name: 'payment as a JSON array',
    path: '/api/v1/payments',
    method: 'POST',
    contentType: 'application/json',
    body: '[1, 2]',
    status: 422,
    code: 'invalid',
  },
  {
    name: 'payment as a form',
    path: '/api/v1/payments',
    method: 'POST',
    contentType: 'application/x-www-form-urlencoded',
    body: 'to=x&amount=1',
    status: 422,
    code: 'invalid',
  },
  {
    name: 'payment without a token',
    path: '/api/v1/payments',
    ...json(good),
    authorization: '',
    status: 401,
    code: 'unauthenticated',
  },
];

const transfers: ApiCase[] = [
  ...[encodeURIComponent(MARKUP), 'not-a-uuid', '00000000-0000-4000-8000-000000000000', 'x'.repeat(3000)].flatMap(
    (id): ApiCase[] =>
      ['accept', 'decline'].map((action) => ({
        name: `${action} transfer ${id.slice(0, 20)}`,
        method: 'POST',
        path: `/api/v1/transfers/${id}/${action}`,
        status: 404,
        code: 'not_found',
      })),
  ),
  {
    name: 'transfer, unknown action',
    method: 'POST',
    path: '/api/v1/transfers/00000000-0000-4000-8000-000000000000/approve',
    status: 404,
    code: 'not_found',
  },
];

const STATEMENT = '/api/v1/accounts/DHR/statement';
const statements: ApiCase[] = [
  { name: 'accounts', path: '/api/v1/accounts', status: 200, check: (b) => expect(b.accounts).toEqual([]) },
  { name: 'statement', path: STATEMENT, status: 200, check: (b) => expect(b.entries).toEqual([]) },
  ...['yesterday', MARKUP, '2026-13-45', '1e9', 'x'.repeat(100)].map(
    (since): ApiCase => ({
      name: `statement since ${since.slice(0, 20)}`,
      path: `${STATEMENT}?since=${encodeURIComponent(since)}`,
      status: 422,
      code: 'invalid',
      check: (b) => expect(b.error.fields.since).toMatch(/\w/),
    }),
  ),
  {
    name: 'statement since twice',
    path: `${STATEMENT}?since=2026-01-01&since=2026-02-01`,
    status: 422,
    code: 'invalid',
  },
  {
    name: 'statement of the community fund',
    path: `${STATEMENT}?as_group=community`,
    status: 200,
    check: (b) => expect(b.entries).toEqual([]),
  },
  ...['nobody-has-this', MARKUP, '..%2Fcommunity', 'x'.repeat(100)].map(
    (slug): ApiCase => ({
      name: `statement of the fund of ${slug.slice(0, 20)}`,
      path: `${STATEMENT}?as_group=${encodeURIComponent(slug)}`,
      status: slug.length > 80 ? 422 : 404,
      code: slug.length > 80 ? 'invalid' : 'not_found',
    }),
  ),
  {
    name: 'statement as_group twice',
    path: `${STATEMENT}?as_group=community&as_group=x`,
    status: 422,
    code: 'invalid',
    check: (b) => expect(b.error.fields.as_group).toMatch(/\w/),
  },
  ...[encodeURIComponent(MARKUP), 'NOPE', 'x'.repeat(3000), '%00'].map(
    (code): ApiCase => ({
      name: `statement of ${code.slice(0, 20)}`,
      path: `/api/v1/accounts/${code}/statement`,
      status: 404,
      code: 'not_found',
    }),
  ),
  { name: 'PUT a payment', method: 'PUT', path: '/api/v1/payments', status: 405, code: 'method_not_allowed' },
  {
    name: 'POST accounts',
    method: 'POST',
    path: '/api/v1/accounts',
    contentType: 'application/json',
    body: '{}',
    status: 405,
    code: 'method_not_allowed',
  },
];

/** The ledger: payments, requests, decisions and statements. */
export const apiTable: ApiCase[] = [...payments, ...transfers, ...statements];
