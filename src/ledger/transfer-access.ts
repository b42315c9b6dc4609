import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/database.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import { isActiveMember, isAdmin } from '../groups/groups.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { findTransferView, type TransferView } from './statements.queries.js';

/** A transfer as one member may see it, with what they may do about it. */
export interface TransferAccess {
  transfer: TransferView;
  /** The member acts for one side: theirs, or a fund they run. They may propose to reverse it. */
  actsFor: boolean;
  /** The groups whose funds the member runs (their admins). */
  runs: number[];
}

/**
 * Who may see a transfer: its parties (the members on it, the admins of a fund on it), the members of a fund's group
 * (reading, as they may read the fund's statement), and the stewards. Anyone else is told there is no such transfer,
 * so that its existence is not given away.
 */
export async function visibleTransfer(db: DB, viewer: Actor, id: string, now: Date): Promise<TransferAccess> {
  const transfer = /^[0-9a-f-]{36}$/i.test(id) ? await findTransferView(db, id, now) : null;
  const groups = (await findVisibleGroups(db, viewer)).all;
  const runs = new Set(groups.filter(isAdmin).map((g) => g.id));
  const reads = new Set(groups.filter(isActiveMember).map((g) => g.id));
  const sides = transfer ? [transfer.payer, transfer.payee] : [];
  const actsFor = sides.some((h) => (h.kind === 'member' ? h.id === viewer.id : runs.has(h.id)));
  const readsFund = sides.some((h) => h.kind === 'group' && reads.has(h.id));
  if (!transfer || (!actsFor && !readsFund && viewer.role !== 'steward')) {
    throw new NotFound(msg('ledger.errors.notYours'));
  }
  return { transfer, actsFor, runs: [...runs] };
}
