import type { DB } from '../db/database.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import type { Viewer } from '../groups/groups.js';
import { findCurrencies, findCurrencyByCode } from './currencies.queries.js';
import type { Currency } from './ledger.js';

/**
 * A currency belongs to a group, and is known to those who may see that group (the rules of
 * src/groups/group-access.ts): for everyone else it does not exist. Every lookup of a currency by the code someone
 * typed goes through here, so a hidden group's currency answers exactly as a code nobody has, by the same path (both
 * walk the groups the viewer may see). The stewards' own ledger pages, which show every account, are the one
 * deliberate exception.
 */
export async function visibleCurrencies(db: DB, viewer: Viewer): Promise<Currency[]> {
  const [currencies, groups] = await Promise.all([findCurrencies(db), findVisibleGroups(db, viewer)]);
  const seen = new Set(groups.all.map((g) => g.id));
  return currencies.filter((currency) => seen.has(currency.groupId));
}

/** A currency by its code (any case), if the viewer may know of it; null, the same way, if not or if there is none. */
export async function visibleCurrencyByCode(db: DB, viewer: Viewer, code: string): Promise<Currency | null> {
  const currency = await findCurrencyByCode(db, code);
  // The community's own currencies are every member's to know: a payment in them needs no walk of the groups.
  if (currency?.communityWide && viewer) return currency;
  const groups = await findVisibleGroups(db, viewer);
  return currency && groups.all.some((g) => g.id === currency.groupId) ? currency : null;
}
