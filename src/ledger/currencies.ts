import { z } from 'zod';
import type { DB } from '../db/database.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../http/errors.js';
import { choice, requiredText, wholeNumber } from '../http/forms.js';
import { parseSignedAmount, type Scale } from './amounts.js';
import type { Actor, Currency } from './ledger.js';
import { currencyCodeTaken, findAccountById, insertAccountChange, insertCurrency, setAccountFrozen, setAccountLimits } from './ledger.queries.js';

/** Currencies and the stewards' hand on accounts: creating a currency, changing limits, freezing. */

const SCALES = { minutes: 60, hundredths: 100 } as const satisfies Record<string, Scale>;

export const currencySchema = z.object({
  code: requiredText('Code', 8)
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z][A-Z0-9]{1,7}$/, 'Code must be 2 to 8 capital letters or digits, starting with a letter, like DHR.')),
  name: requiredText('Name', 60),
  symbol: requiredText('Symbol', 8),
  counted_in: choice('Counted in', ['minutes', 'hundredths'], 'minutes (of an hour) or hundredths'),
  lower_limit: requiredText('Lowest balance', 20),
  upper_limit: requiredText('Highest balance', 20),
  request_days: wholeNumber('Days a request waits', 1, 365),
});

type CurrencyInput = z.output<typeof currencySchema>;

/** Limits as typed, in the currency's format: the lower one zero or below, the upper one zero or above. */
function parseLimits(lowerTyped: string, upperTyped: string, scale: Scale): { lower: number; upper: number } {
  const lower = parseSignedAmount(lowerTyped, scale);
  const upper = parseSignedAmount(upperTyped, scale);
  const errors: Record<string, string> = {};
  if (!lower.ok) errors.lower_limit = lower.message.replace(/^Amount/, 'Lowest balance');
  else if (lower.minor > 0) errors.lower_limit = 'Lowest balance must be zero or below, like -20:00.';
  if (!upper.ok) errors.upper_limit = upper.message.replace(/^Amount/, 'Highest balance');
  else if (upper.minor < 0) errors.upper_limit = 'Highest balance must be zero or above, like 40:00.';
  if (!lower.ok || !upper.ok || Object.keys(errors).length > 0) throw new ValidationError(errors);
  return { lower: lower.minor, upper: upper.minor };
}

/** A group's admins create its currencies (the stewards, for the community's own). */
export async function createCurrency(trx: DB, actor: Actor, groupId: number, input: CurrencyInput, now: Date): Promise<Currency> {
  const group = await trx.selectFrom('groups').select(['parent_id']).where('id', '=', groupId).executeTakeFirst();
  if (!group) throw new NotFoundError('There is no such group.');
  const admin = group.parent_id === null
    ? actor.role === 'steward'
    : (await trx.selectFrom('group_members').select('role').where('group_id', '=', groupId).where('member_id', '=', actor.id).where('status', '=', 'active').executeTakeFirst())?.role === 'admin';
  if (!admin) throw new ForbiddenError("Only the group's admins can create a currency for it.");
  const scale = SCALES[input.counted_in];
  const { lower, upper } = parseLimits(input.lower_limit, input.upper_limit, scale);
  if (await currencyCodeTaken(trx, input.code)) throw new ValidationError({ code: 'That code is already used by another currency here.' });
  return insertCurrency(trx, { code: input.code, name: input.name, symbol: input.symbol, scale, groupId, defaultLowerLimit: lower, defaultUpperLimit: upper, requestDays: input.request_days }, actor.id, now);
}

/** Hours, counted in minutes, from −20 h to +40 h: the timebank default the Diss group asked for. */
const DEFAULT_LIMITS = { lower: -20 * 60, upper: 40 * 60, requestDays: 30 };

/**
 * The community's own currency, made at setup: hours named after the town,
 * which is the last word of the community's name ("PlaNet Diss" → "Diss
 * Hours", DHR). Groups' admins can create others with any name.
 */
export async function createDefaultCurrency(trx: DB, communityName: string, now: Date): Promise<Currency> {
  const root = await trx.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow();
  const town = communityName.trim().split(/\s+/).pop() ?? '';
  const initial = /^[A-Za-z]/.test(town) ? town[0]!.toUpperCase() : 'C';
  return insertCurrency(
    trx,
    { code: `${initial}HR`, name: `${town || 'Community'} Hours`, symbol: 'h', scale: 60, groupId: root.id, defaultLowerLimit: DEFAULT_LIMITS.lower, defaultUpperLimit: DEFAULT_LIMITS.upper, requestDays: DEFAULT_LIMITS.requestDays },
    null,
    now,
  );
}

export const limitsSchema = z.object({
  lower_limit: requiredText('Lowest balance', 20),
  upper_limit: requiredText('Highest balance', 20),
  reason: requiredText('Reason', 500),
});
export const freezeSchema = z.object({ action: choice('Action', ['freeze', 'unfreeze']), reason: requiredText('Reason', 500) });

function requireSteward(actor: Actor): void {
  if (actor.role !== 'steward') throw new ForbiddenError('Only stewards can change an account.');
}

/** A steward changes an account's limits, with a reason kept in `account_changes`. */
export async function changeLimits(trx: DB, steward: Actor, accountId: number, scale: Scale, input: z.output<typeof limitsSchema>, now: Date): Promise<void> {
  requireSteward(steward);
  const account = await findAccountById(trx, accountId);
  if (!account) throw new NotFoundError('There is no such account.');
  const { lower, upper } = parseLimits(input.lower_limit, input.upper_limit, scale);
  await setAccountLimits(trx, accountId, lower, upper);
  await insertAccountChange(trx, { accountId, actorId: steward.id, change: 'limits', lowerLimit: lower, upperLimit: upper, reason: input.reason }, now);
}

/** A steward freezes (or unfreezes) an account: a frozen account can neither pay nor be paid. */
export async function freezeAccount(trx: DB, steward: Actor, accountId: number, input: z.output<typeof freezeSchema>, now: Date): Promise<void> {
  requireSteward(steward);
  const account = await findAccountById(trx, accountId);
  if (!account) throw new NotFoundError('There is no such account.');
  const freezing = input.action === 'freeze';
  if (freezing === (account.frozenReason !== null)) throw new ConflictError(freezing ? 'The account is already frozen.' : 'The account is not frozen.');
  await setAccountFrozen(trx, accountId, freezing ? input.reason : null);
  await insertAccountChange(trx, { accountId, actorId: steward.id, change: input.action, lowerLimit: account.lowerLimit, upperLimit: account.upperLimit, reason: input.reason }, now);
}
