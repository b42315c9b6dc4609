import { addActiveMember, type TestBox } from '../helpers/box.js';
import { clientAs, type FormSpec, next, type PathCase } from '../helpers/bad-input.js';
import { startGroup } from '../groups/bad-input.cases.js';
import { accountIdOfMember, unfreezeAccount } from './bad-input.queries.js';
import { payBetween } from './ledger-db.js';

/** Bad input for the ledger's forms and paths (the runner is test/helpers/bad-input.ts). */

/** The other side of a transfer form: another member (by handle), or a group's fund ("group:<slug>"). */
const ledgerTransferSpec = (
  kind: 'pay' | 'request',
  field: 'to' | 'from',
  otherSide: 'member' | 'fund' = 'member',
): FormSpec => ({
  name:
    (kind === 'pay' ? 'ledger: pay' : 'ledger: ask for a payment') + (otherSide === 'fund' ? ', a group’s fund' : ''),
  as: 'member',
  required: [field, 'amount', 'currency', 'description', 'idempotency_key'],
  text: [field, 'description', 'idempotency_key'],
  numbers: ['amount'],
  choices: ['currency'],
  // The key is never shown; the other member's handle comes back in the form when refused.
  notShown: ['idempotency_key'],
  async target({ box }) {
    const { client: admin } = await clientAs(box, 'member');
    const otherSideValue =
      otherSide === 'fund' ? `group:${(await startGroup(box, admin)).slug}` : (await addActiveMember(box)).handle;
    const valid = () => ({
      [field]: otherSideValue,
      amount: '0:01',
      currency: 'DHR',
      description: `Bad input ${next()}`,
      idempotency_key: `bad-input-${next()}`,
    });
    return {
      from: `/ledger/${kind}`,
      action: `/ledger/${kind}`,
      valid,
      refusedLater: () => ({ ...valid(), [field]: 'nobody-has-this' }),
      alsoInvalid: () => [
        { ...valid(), amount: '1:75' },
        { ...valid(), amount: '0' },
        { ...valid(), [field]: 'nobody-has-this' },
        { ...valid(), listing_id: 'not-a-uuid' },
        { ...valid(), [field]: 'group:nobody-has-this' },
        { ...valid(), [field]: 'group:' },
        { ...valid(), as_group: 'nobody-has-this' },
      ],
    };
  },
});

const feedback: FormSpec = {
  name: 'ledger: feedback on a transfer',
  as: 'member',
  required: ['rating'],
  text: ['comment'],
  choices: ['rating'],
  async target({ box, me }) {
    const other = await addActiveMember(box);
    const id = await payBetween(box.database.db, me!.handle, other.handle, box.clock.now());
    return {
      from: `/ledger/transfers/${id}`,
      action: `/ledger/transfers/${id}/feedback`,
      valid: () => ({ rating: 'positive', comment: 'Thanks' }),
    };
  },
};

const stewardReverses: FormSpec = {
  name: 'ledger: a steward reverses a transfer',
  as: 'steward',
  required: ['reason'],
  text: ['reason'],
  async target({ box }) {
    // Once per transfer: each case reverses a fresh one.
    const [a, b] = [await addActiveMember(box), await addActiveMember(box)];
    let id = '';
    return {
      get from() {
        return `/ledger/transfers/${id}`;
      },
      get action() {
        return `/ledger/transfers/${id}/steward-reverse`;
      },
      beforeCase: async () => {
        id = await payBetween(box.database.db, a.handle, b.handle, box.clock.now());
      },
      valid: () => ({ reason: 'Paid by mistake' }),
    };
  },
};

/** A member's account in Diss Hours, opened by a payment, for the stewards' account forms. */
async function ledgerAccountPath(box: TestBox): Promise<{ path: string; id: number }> {
  const [a, b] = [await addActiveMember(box), await addActiveMember(box)];
  await payBetween(box.database.db, a.handle, b.handle, box.clock.now());
  const id = await accountIdOfMember(box.database.db, a.id);
  return { path: `/stewards/ledger/accounts/${id}`, id };
}

const stewardChangesLimits: FormSpec = {
  name: 'ledger: a steward changes an account’s limits',
  as: 'steward',
  required: ['lower_limit', 'upper_limit', 'reason'],
  text: ['lower_limit', 'upper_limit', 'reason'],
  async target({ box }) {
    const { path } = await ledgerAccountPath(box);
    const valid = () => ({ lower_limit: '-25:00', upper_limit: '45', reason: 'Trusted trader' });
    return {
      from: path,
      action: `${path}/limits`,
      valid,
      alsoInvalid: () => [
        { ...valid(), lower_limit: '5' },
        { ...valid(), upper_limit: '-5' },
        { ...valid(), lower_limit: '1:75' },
      ],
    };
  },
};

const stewardFreezes: FormSpec = {
  name: 'ledger: a steward freezes an account',
  as: 'steward',
  required: ['action', 'reason'],
  text: ['reason'],
  choices: ['action'],
  async target({ box }) {
    const { path, id } = await ledgerAccountPath(box);
    return {
      from: path,
      action: `${path}/freeze`,
      // Each case starts from an account that is not frozen.
      beforeCase: () => unfreezeAccount(box.database.db, id),
      valid: () => ({ action: 'freeze', reason: 'Lost phone' }),
    };
  },
};

const createCurrency: FormSpec = {
  name: 'ledger: a group’s admin creates a currency',
  as: 'steward',
  required: ['group', 'name', 'code', 'symbol', 'counted_in', 'lower_limit', 'upper_limit', 'request_days'],
  text: ['name', 'code', 'symbol', 'lower_limit', 'upper_limit'],
  numbers: ['request_days'],
  choices: ['group', 'counted_in'],
  async target() {
    const valid = () => ({
      group: 'community',
      name: `Credits ${next()}`,
      code: `C${next()}`,
      symbol: 'c',
      counted_in: 'hundredths',
      lower_limit: '-10',
      upper_limit: '10',
      request_days: '14',
    });
    return {
      from: '/ledger/currencies/new',
      action: '/ledger/currencies/new',
      valid,
      shownAt: () => ['/ledger/currencies'],
      alsoInvalid: () => [
        { ...valid(), code: 'DHR' },
        { ...valid(), code: '1AB' },
        { ...valid(), lower_limit: '3' },
      ],
    };
  },
};

export const forms: FormSpec[] = [
  ledgerTransferSpec('pay', 'to'),
  ledgerTransferSpec('request', 'from'),
  ledgerTransferSpec('pay', 'to', 'fund'),
  ledgerTransferSpec('request', 'from', 'fund'),
  feedback,
  stewardReverses,
  stewardChangesLimits,
  stewardFreezes,
  createCurrency,
];

export const paths = (): PathCase[] => [
  { method: 'GET', as: 'member', path: '/ledger/transfers/{}' },
  ...['accept', 'decline', 'reverse', 'feedback'].map(
    (action): PathCase => ({
      method: 'POST',
      as: 'member',
      path: `/ledger/transfers/{}/${action}`,
      fields: { rating: 'positive', comment: '' },
    }),
  ),
  { method: 'POST', as: 'steward', path: '/ledger/transfers/{}/steward-reverse', fields: { reason: 'A reason' } },
  { method: 'GET', as: 'member', path: '/ledger/statement/{}' },
  { method: 'GET', as: 'member', path: '/ledger/statement/{}/csv' },
  ...[
    '/ledger/funds/{}/statement/DHR',
    '/ledger/funds/{}/statement/DHR/csv',
    '/ledger/funds/community/statement/{}',
    '/ledger/funds/community/statement/{}/csv',
  ].map((path): PathCase => ({ method: 'GET', as: 'member', path })),
  { method: 'GET', as: 'steward', path: '/stewards/ledger/accounts/{}' },
  {
    method: 'POST',
    as: 'steward',
    path: '/stewards/ledger/accounts/{}/limits',
    fields: { lower_limit: '-1', upper_limit: '1', reason: 'A reason' },
  },
  {
    method: 'POST',
    as: 'steward',
    path: '/stewards/ledger/accounts/{}/freeze',
    fields: { action: 'freeze', reason: 'A reason' },
  },
];
