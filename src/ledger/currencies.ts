import { z } from 'zod';
import type { DB } from '../db/database.js';
import { Conflict, Forbidden, Invalid, NotFound } from '../lib/errors.js';
import { type Message, msg } from '../lib/messages.js';
import { requiredText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { formatAmount, parseSignedAmount, type Scale } from './amounts.js';
import type { Actor, Currency } from './ledger.js';
import {
  currencyCodeTaken,
  findCurrencyByCode,
  findCurrencyCreator,
  findCurrencyGroup,
  findRootGroupId,
  insertCurrency,
} from './currencies.queries.js';
import { findAccountById } from './holders.queries.js';
import {
  findLastAccountChange,
  insertAccountChange,
  setAccountFrozen,
  setAccountLimits,
} from './account-changes.queries.js';

/** Currencies and the stewards' hand on accounts: creating a currency, changing limits, freezing. */

const SCALES = { minutes: 60, hundredths: 100 } as const satisfies Record<string, Scale>;

export const currencySchema = z.object({
  code: requiredText(textRules('ledger.field.code.required'), 8)
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, 'ledger.field.code.form')),
  name: requiredText(textRules('ledger.field.name.required'), 60),
  symbol: requiredText(textRules('ledger.field.symbol.required'), 8),
  counted_in: z.enum(['minutes', 'hundredths'], { error: 'ledger.field.countedIn.choose' }),
  lower_limit: requiredText(textRules('ledger.field.lower.required'), 20),
  upper_limit: requiredText(textRules('ledger.field.upper.required'), 20),
  request_days: z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: 'ledger.field.requestDays.number' })
      .int('ledger.field.requestDays.number')
      .min(1, 'ledger.field.requestDays.tooSmall')
      .max(365, 'ledger.field.requestDays.tooLarge'),
  ),
});

type CurrencyInput = z.output<typeof currencySchema>;

/**
 * What is wrong with limits as typed, in the currency's format (the lower one zero or below, the upper one zero or
 * above), by field; empty when they are fine. Blank fields are left to the form's own "required".
 */
export function limitProblems(lowerTyped: string, upperTyped: string, scale: Scale): Record<string, Message> {
  const example = (minor: number) => formatAmount(minor, scale);
  const lower = parseSignedAmount(lowerTyped, scale, 'lower');
  const upper = parseSignedAmount(upperTyped, scale, 'upper');
  const problems: Record<string, Message> = {};
  if (!lower.ok) {
    if (lowerTyped.trim() !== '') problems.lower_limit = lower.message;
  } else if (lower.minor > 0)
    problems.lower_limit = msg('ledger.errors.lowerAboveZero', { example: example(20 * scale) });
  if (!upper.ok) {
    if (upperTyped.trim() !== '') problems.upper_limit = upper.message;
  } else if (upper.minor < 0)
    problems.upper_limit = msg('ledger.errors.upperBelowZero', { example: example(40 * scale) });
  return problems;
}

/** Limits as typed, in minor units; Invalid with the fields when they cannot be. */
function parseLimits(lowerTyped: string, upperTyped: string, scale: Scale): { lower: number; upper: number } {
  const lower = parseSignedAmount(lowerTyped, scale, 'lower');
  const upper = parseSignedAmount(upperTyped, scale, 'upper');
  const problems = limitProblems(lowerTyped, upperTyped, scale);
  if (!lower.ok && !problems.lower_limit) problems.lower_limit = lower.message;
  if (!upper.ok && !problems.upper_limit) problems.upper_limit = upper.message;
  if (!lower.ok || !upper.ok || Object.keys(problems).length > 0) throw new Invalid(problems);
  return { lower: lower.minor, upper: upper.minor };
}

/** A group's admins create its currencies (the stewards, for the community's own). */
export async function createCurrency(
  trx: DB,
  actor: Actor,
  groupId: number,
  input: CurrencyInput,
  now: Date,
): Promise<Currency> {
  const group = await findCurrencyGroup(trx, groupId, actor.id);
  if (!group) throw new NotFound(msg('ledger.errors.noSuchGroupPlain'));
  // The community's own group is run by the stewards.
  const admin = group.isRoot ? actor.role === 'steward' : group.actorIsAdmin;
  if (!admin) throw new Forbidden(msg('ledger.errors.currencyAdminsOnly'));
  const scale = SCALES[input.counted_in];
  const { lower, upper } = parseLimits(input.lower_limit, input.upper_limit, scale);
  const wanted = {
    code: input.code,
    name: input.name,
    symbol: input.symbol,
    scale,
    groupId,
    defaultLowerLimit: lower,
    defaultUpperLimit: upper,
    requestDays: input.request_days,
  };
  if (await currencyCodeTaken(trx, input.code)) {
    // The form sent twice (a double click): the same admin asking for the very same currency gets it, not an error.
    const existing = (await findCurrencyByCode(trx, input.code))!;
    const same = (Object.keys(wanted) as (keyof typeof wanted)[]).every((k) => existing[k] === wanted[k]);
    if (same && (await findCurrencyCreator(trx, input.code)) === actor.id) return existing;
    throw new Invalid({ code: msg('ledger.errors.codeUnavailable') });
  }
  if (WORLD_CURRENCY_CODES.has(input.code)) throw new Invalid({ code: msg('ledger.errors.codeUnavailable') });
  return insertCurrency(trx, wanted, actor.id, now);
}

/**
 * The codes of the world's money (ISO 4217: EUR, GBP, USD…), which no currency here may take. A mutual-credit unit
 * must never be mistaken for legal tender on a price or a statement. It also gives a refused code its meaning:
 *
 * A code is the box's one name for a currency, typed into payments, prices and statement addresses and carried to
 * sibling boxes on listings' prices, so two currencies cannot share one, whoever may see them; a code only a hidden
 * group's currency holds must be refused too (a code changed behind the admin's back, as a hidden group's slug is,
 * would put a code they never chose on every price). The refusal says only that the code cannot be had here, the same
 * words for a code in use where the admin can see it, one a hidden group holds, and one of the world's money: never
 * "taken", never a group or a currency, so it confirms no hidden group's currency. That a made-up code is refused lets
 * a persistent member suppose some currency out of their sight uses it: the least a shared set of names gives away.
 */
const WORLD_CURRENCY_CODES: ReadonlySet<string> = new Set(Intl.supportedValuesOf('currency'));

/** Hours, counted in minutes, from −20 h to +40 h: the timebank default the Diss group asked for. */
const DEFAULT_LIMITS = { lower: -20 * 60, upper: 40 * 60, requestDays: 30 };

/**
 * The community's own currency, made at setup: hours named after the town,
 * which is the last word of the community's name ("PlaNet Diss" → "Diss
 * Hours", DHR). Groups' admins can create others with any name.
 */
export async function createDefaultCurrency(
  trx: DB,
  communityName: string,
  now: Date,
  /** The currency's name for the town (the community name's last word, or '' if none), in the community's language. */
  nameFor: (town: string) => string = (town) => `${town || 'Community'} Hours`,
): Promise<Currency> {
  const rootId = await findRootGroupId(trx);
  const town = communityName.trim().split(/\s+/).pop() ?? '';
  const initial = /^[A-Za-z]/.test(town) ? town[0]!.toUpperCase() : 'C';
  return insertCurrency(
    trx,
    {
      code: `${initial}HR`,
      name: nameFor(town),
      symbol: 'h',
      scale: 60,
      groupId: rootId,
      defaultLowerLimit: DEFAULT_LIMITS.lower,
      defaultUpperLimit: DEFAULT_LIMITS.upper,
      requestDays: DEFAULT_LIMITS.requestDays,
    },
    null,
    now,
  );
}

export const limitsSchema = z.object({
  lower_limit: requiredText(textRules('ledger.field.lower.required'), 20),
  upper_limit: requiredText(textRules('ledger.field.upper.required'), 20),
  reason: requiredText(textRules('ledger.field.reason.required'), 500),
});
export const freezeSchema = z.object({
  action: z.enum(['freeze', 'unfreeze'], { error: 'ledger.field.freeze.choose' }),
  reason: requiredText(textRules('ledger.field.reason.required'), 500),
});

function requireSteward(actor: Actor): void {
  if (actor.role !== 'steward') throw new Forbidden(msg('ledger.errors.accountStewardsOnly'));
}

/** A steward changes an account's limits, with a reason kept in `account_changes`. */
export async function changeLimits(
  trx: DB,
  steward: Actor,
  accountId: number,
  scale: Scale,
  input: z.output<typeof limitsSchema>,
  now: Date,
): Promise<void> {
  requireSteward(steward);
  const account = await findAccountById(trx, accountId);
  if (!account) throw new NotFound(msg('ledger.errors.noAccount'));
  const { lower, upper } = parseLimits(input.lower_limit, input.upper_limit, scale);
  // The form sent twice: the change is made and logged once.
  const last = await findLastAccountChange(trx, accountId, 'limits');
  const repeated =
    last !== null &&
    last.actorId === steward.id &&
    last.reason === input.reason &&
    last.lowerLimit === lower &&
    last.upperLimit === upper;
  if (repeated && account.lowerLimit === lower && account.upperLimit === upper) return;
  await setAccountLimits(trx, accountId, lower, upper);
  await insertAccountChange(
    trx,
    { accountId, actorId: steward.id, change: 'limits', lowerLimit: lower, upperLimit: upper, reason: input.reason },
    now,
  );
}

/** A steward freezes (or unfreezes) an account: a frozen account can neither pay nor be paid. */
export async function freezeAccount(
  trx: DB,
  steward: Actor,
  accountId: number,
  input: z.output<typeof freezeSchema>,
  now: Date,
): Promise<void> {
  requireSteward(steward);
  const account = await findAccountById(trx, accountId);
  if (!account) throw new NotFound(msg('ledger.errors.noAccount'));
  const freezing = input.action === 'freeze';
  if (freezing === (account.frozenReason !== null)) {
    // The form sent twice: the second finds its own change already made.
    const last = await findLastAccountChange(trx, accountId, input.action);
    if (last !== null && last.actorId === steward.id && last.reason === input.reason) return;
    throw new Conflict(msg(freezing ? 'ledger.errors.alreadyFrozen' : 'ledger.errors.notFrozen'));
  }
  await setAccountFrozen(trx, accountId, freezing ? input.reason : null);
  await insertAccountChange(
    trx,
    {
      accountId,
      actorId: steward.id,
      change: input.action,
      lowerLimit: account.lowerLimit,
      upperLimit: account.upperLimit,
      reason: input.reason,
    },
    now,
  );
}
