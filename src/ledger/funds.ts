import type { DB } from '../db/database.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { isActiveMember, isAdmin, type VisibleGroup } from '../groups/groups.js';
import type { Actor } from '../auth/actor.js';
import { Forbidden, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { feedbackAbout } from './feedback.js';
import type { FeedbackSummary } from './feedback.queries.js';
import { findGroupFunds, type AccountView } from './statements.queries.js';
import { FUND_PREFIX } from './transfers.js';

/**
 * A group's fund is the group's shared money: its admins run it (pay from it,
 * bill for it, accept for it), and every active member of the group may read
 * its balance, its statement and the transfers on it, as a club's members may
 * read its accounts. For the community's own fund that is every member.
 *
 * Anyone who can see a group may pay into its fund; one they cannot see does
 * not exist for them (404), and a fund they may pay but not read answers 403.
 * Stewards get no exception here, as with groups' privacy; the stewards' own
 * pages show every account's balance.
 */
function mayReadFund(group: VisibleGroup): boolean {
  return isActiveMember(group);
}

/** The groups a member runs (is an admin of): they use those groups' funds and may create currencies for them. */
export async function groupsRunBy(db: DB, actor: Actor): Promise<VisibleGroup[]> {
  return (await findVisibleGroups(db, actor)).all.filter(isAdmin);
}

/** The group whose fund the viewer asks to read, or the refusal. */
export async function readableFund(db: DB, actor: Actor, slug: string): Promise<VisibleGroup> {
  const group = (await findVisibleGroups(db, actor)).find(slug);
  if (!group) throw new NotFound(msg('ledger.errors.noSuchGroup'));
  if (!mayReadFund(group)) throw new Forbidden(msg('ledger.errors.fundMembersOnly', { name: group.name }));
  return group;
}

export interface FundPanel {
  slug: string;
  name: string;
  /** What the pay form's "to" takes for this fund. */
  payInto: string;
  /** The fund's accounts, one per currency used, as shown; null when the viewer may not read the fund. */
  accounts: { code: string; name: string; balance: number; scale: 60 | 100; frozen: boolean }[] | null;
  /** Whether the viewer is one of the admins who run it. */
  runs: boolean;
  feedback: FeedbackSummary | null;
}

/** What a group's page shows of its fund, to signed-in members (visitors see none of the ledger). */
export async function fundPanel(
  db: DB,
  actor: Actor | null,
  group: VisibleGroup,
  now: Date,
): Promise<FundPanel | null> {
  if (!actor) return null;
  const shown = (a: AccountView) => ({
    code: a.currencyCode,
    name: a.currencyName,
    balance: a.balance,
    scale: a.scale,
    frozen: a.frozenReason !== null,
  });
  return {
    slug: group.slug,
    name: group.name,
    payInto: FUND_PREFIX + group.slug,
    accounts: mayReadFund(group) ? (await findGroupFunds(db, [group.id], now)).map(shown) : null,
    runs: isAdmin(group),
    feedback: await feedbackAbout(db, actor, { groupId: group.id }),
  };
}
