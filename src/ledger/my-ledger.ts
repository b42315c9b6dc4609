import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/database.js';
import { groupsRunBy } from './funds.js';
import { headroom } from './ledger.js';
import {
  type AccountView,
  findAccountsOfMember,
  findGroupFunds,
  findPendingOn,
  type TransferView,
} from './statements.queries.js';

/** A member's account, or a fund they run, with what it can still pay: down to its lower limit. */
export interface MyAccount extends AccountView {
  available: number;
}

/** What "My accounts" and the home page show of a member's money: the accounts, and the transfers pending on them. */
export interface MyLedger {
  /** The member's own accounts, then the funds of the groups they run. */
  accounts: MyAccount[];
  /** Pending transfers the member (or a fund they run) is to accept or decline. */
  waitingForMe: TransferView[];
  /** Pending transfers the member (or a fund they run) waits on someone else for. */
  waitingForOthers: TransferView[];
}

export async function findMyLedger(db: DB, actor: Actor, now: Date): Promise<MyLedger> {
  const runs = (await groupsRunBy(db, actor)).map((g) => g.id);
  const accounts = [...(await findAccountsOfMember(db, actor.id, now)), ...(await findGroupFunds(db, runs, now))];
  const pending = await findPendingOn(
    db,
    accounts.map((a) => a.id),
    now,
  );
  const mine = (accountId: number | null) => accounts.some((a) => a.id === accountId);
  return {
    accounts: accounts.map((a) => ({ ...a, available: headroom(a).out })),
    waitingForMe: pending.filter((t) => t.awaitingAccountId !== null && mine(t.awaitingAccountId)),
    waitingForOthers: pending.filter((t) => !mine(t.awaitingAccountId)),
  };
}
