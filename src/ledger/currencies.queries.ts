import { sql } from 'kysely';
import type { DB } from '../db/database.js';
import { iso } from '../lib/time.js';
import type { Scale } from './amounts.js';
import type { Currency, Party } from './ledger.js';

/** The currencies' SQL: finding and creating them, and who may hold each. */

type CurrencyRow = {
  id: number;
  code: string;
  name: string;
  symbol: string;
  scale: number;
  group_id: number;
  default_lower_limit: number;
  default_upper_limit: number;
  request_days: number;
  community_wide: number;
};

function toCurrency(row: CurrencyRow): Currency {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    symbol: row.symbol,
    scale: row.scale as Scale,
    groupId: row.group_id,
    defaultLowerLimit: row.default_lower_limit,
    defaultUpperLimit: row.default_upper_limit,
    requestDays: row.request_days,
    communityWide: row.community_wide === 1,
  };
}

const CURRENCY_COLUMNS = [
  'id',
  'code',
  'name',
  'symbol',
  'scale',
  'group_id',
  'default_lower_limit',
  'default_upper_limit',
  'request_days',
] as const;

/** Currencies with whether their group is the community itself (then every active member may use them). */
function selectCurrencies(db: DB) {
  return db
    .selectFrom('currencies')
    .select(CURRENCY_COLUMNS)
    .select(
      sql<number>`(SELECT parent_id IS NULL FROM groups WHERE groups.id = currencies.group_id)`.as('community_wide'),
    );
}

export async function findCurrencies(db: DB): Promise<Currency[]> {
  return (await selectCurrencies(db).orderBy('id').execute()).map(toCurrency);
}

export async function findCurrencyByCode(db: DB, code: string): Promise<Currency | null> {
  const row = await selectCurrencies(db).where('code', '=', code.toUpperCase()).executeTakeFirst();
  return row ? toCurrency(row) : null;
}

export async function findCurrencyById(db: DB, id: number): Promise<Currency | null> {
  const row = await selectCurrencies(db).where('id', '=', id).executeTakeFirst();
  return row ? toCurrency(row) : null;
}

export type NewCurrency = Omit<Currency, 'id' | 'communityWide'>;

export async function insertCurrency(
  db: DB,
  currency: NewCurrency,
  createdBy: number | null,
  now: Date,
): Promise<Currency> {
  const row = await db
    .insertInto('currencies')
    .values({
      code: currency.code,
      name: currency.name,
      symbol: currency.symbol,
      scale: currency.scale,
      group_id: currency.groupId,
      default_lower_limit: currency.defaultLowerLimit,
      default_upper_limit: currency.defaultUpperLimit,
      request_days: currency.requestDays,
      created_by: createdBy,
      created_at: iso(now),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findCurrencyById(db, row.id))!;
}

export async function currencyCodeTaken(db: DB, code: string): Promise<boolean> {
  return (await db.selectFrom('currencies').select('id').where('code', '=', code).executeTakeFirst()) !== undefined;
}

/** Who created a currency (null for the one made at setup), by its code. */
export async function findCurrencyCreator(db: DB, code: string): Promise<number | null> {
  return (
    (await db.selectFrom('currencies').select('created_by').where('code', '=', code).executeTakeFirst())?.created_by ??
    null
  );
}

/**
 * Whether a party may hold an account in the currency. The community's
 * currency: anyone. A group's currency: its active members, and its own fund
 * (a group's fund does not use another group's currency, as a member outside
 * that group does not).
 */
export async function mayHoldCurrency(db: DB, currency: Currency, party: Party): Promise<boolean> {
  if (currency.communityWide) return true;
  if ('groupId' in party) return party.groupId === currency.groupId;
  const membership = await db
    .selectFrom('group_members')
    .select('status')
    .where('group_id', '=', currency.groupId)
    .where('member_id', '=', party.memberId)
    .executeTakeFirst();
  return membership?.status === 'active';
}

/** The currencies a party may hold (see `mayHoldCurrency`), in the order of `findCurrencies`. */
export async function findCurrenciesFor(db: DB, party: Party): Promise<Currency[]> {
  const usable: Currency[] = [];
  for (const currency of await findCurrencies(db))
    if (await mayHoldCurrency(db, currency, party)) usable.push(currency);
  return usable;
}

/** A group a currency is being created for: whether it is the community's own, and whether the actor is its admin. */
export async function findCurrencyGroup(
  db: DB,
  groupId: number,
  actorId: number,
): Promise<{ isRoot: boolean; actorIsAdmin: boolean } | null> {
  const group = await db.selectFrom('groups').select(['parent_id']).where('id', '=', groupId).executeTakeFirst();
  if (!group) return null;
  const membership = await db
    .selectFrom('group_members')
    .select('role')
    .where('group_id', '=', groupId)
    .where('member_id', '=', actorId)
    .where('status', '=', 'active')
    .executeTakeFirst();
  return { isRoot: group.parent_id === null, actorIsAdmin: membership?.role === 'admin' };
}

/** The community's own group, the root of the tree, which holds the community's currency. */
export async function findRootGroupId(db: DB): Promise<number> {
  return (await db.selectFrom('groups').select('id').where('parent_id', 'is', null).executeTakeFirstOrThrow()).id;
}
