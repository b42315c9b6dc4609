import type { DB } from '../db/database.js';
import type { MemberStatus, Visibility, VouchRelation } from './members.table.js';
import { iso } from '../lib/time.js';

export interface NewVouch {
  memberId: number;
  voucherId: number;
  relation: VouchRelation;
  note: string;
  /** The invite link the vouch came with, when joining through one. */
  inviteId: number | null;
}

export interface Vouch {
  memberId: number;
  voucher: { id: number; handle: string; displayName: string; nameVisibility: Visibility; status: MemberStatus };
  relation: VouchRelation;
  note: string;
  createdAt: string;
}

export async function insertVouch(db: DB, vouch: NewVouch, now: Date): Promise<void> {
  await db
    .insertInto('vouches')
    .values({
      member_id: vouch.memberId,
      voucher_id: vouch.voucherId,
      relation: vouch.relation,
      note: vouch.note,
      invite_id: vouch.inviteId,
      created_at: iso(now),
    })
    .execute();
}

export async function countVouchesFor(db: DB, memberId: number): Promise<number> {
  const row = await db
    .selectFrom('vouches')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('member_id', '=', memberId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function hasVouched(db: DB, memberId: number, voucherId: number): Promise<boolean> {
  const row = await db
    .selectFrom('vouches')
    .select('id')
    .where('member_id', '=', memberId)
    .where('voucher_id', '=', voucherId)
    .executeTakeFirst();
  return row !== undefined;
}

/** The vouches each member has received, oldest first. */
export async function findVouchesFor(db: DB, memberIds: number[]): Promise<Map<number, Vouch[]>> {
  const vouches = new Map<number, Vouch[]>(memberIds.map((id) => [id, []]));
  if (memberIds.length === 0) return vouches;
  const rows = await db
    .selectFrom('vouches')
    .innerJoin('members as voucher', 'voucher.id', 'vouches.voucher_id')
    .select([
      'vouches.member_id',
      'voucher.id',
      'voucher.handle',
      'voucher.display_name',
      'voucher.name_visibility',
      'voucher.status',
      'vouches.relation',
      'vouches.note',
      'vouches.created_at',
    ])
    .where('vouches.member_id', 'in', memberIds)
    .orderBy('vouches.id')
    .execute();
  for (const row of rows) {
    vouches.get(row.member_id)!.push({
      memberId: row.member_id,
      voucher: {
        id: row.id,
        handle: row.handle,
        displayName: row.display_name,
        nameVisibility: row.name_visibility,
        status: row.status,
      },
      relation: row.relation,
      note: row.note,
      createdAt: row.created_at,
    });
  }
  return vouches;
}

/**
 * How many join requests wait for a vouch `voucherId` has not given: what the home page counts for an active member
 * (members_status, then the vouches_once index for each request).
 */
export async function countRequestsNotVouchedBy(db: DB, voucherId: number): Promise<number> {
  const row = await db
    .selectFrom('members')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('status', '=', 'pending')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('vouches')
            .select('vouches.id')
            .whereRef('vouches.member_id', '=', 'members.id')
            .where('vouches.voucher_id', '=', voucherId),
        ),
      ),
    )
    .executeTakeFirstOrThrow();
  return Number(row.count);
}
