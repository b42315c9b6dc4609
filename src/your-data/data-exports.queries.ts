import type { DB } from '../db/database.js';
import type { DataExportState } from './your-data.table.js';

/** An archive a member asked for, as stored. */
export interface StoredExport {
  readonly id: number;
  readonly memberId: number;
  readonly state: DataExportState;
  readonly doneSteps: number;
  readonly totalSteps: number;
  readonly file: string;
  readonly locale: string;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly expiresAt: Date;
}

const COLUMNS = [
  'id',
  'member_id',
  'state',
  'done_steps',
  'total_steps',
  'file',
  'locale',
  'created_at',
  'finished_at',
  'expires_at',
] as const;

export async function insertExport(
  db: DB,
  row: { memberId: number; file: string; locale: string; now: Date; expiresAt: Date },
): Promise<StoredExport> {
  const inserted = await db
    .insertInto('data_exports')
    .values({
      member_id: row.memberId,
      state: 'making',
      file: row.file,
      locale: row.locale,
      created_at: row.now.toISOString(),
      expires_at: row.expiresAt.toISOString(),
    })
    .returning(COLUMNS)
    .executeTakeFirstOrThrow();
  return toExport(inserted);
}

/** The member's latest archive that is still kept, if any. */
export async function findLatestExport(db: DB, memberId: number, now: Date): Promise<StoredExport | null> {
  const row = await db
    .selectFrom('data_exports')
    .select(COLUMNS)
    .where('member_id', '=', memberId)
    .where('expires_at', '>', now.toISOString())
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toExport(row) : null;
}

/** One of the member's archives by its id: null when it is another member's, or gone. */
export async function findMemberExport(db: DB, memberId: number, id: number): Promise<StoredExport | null> {
  const row = await db
    .selectFrom('data_exports')
    .select(COLUMNS)
    .where('id', '=', id)
    .where('member_id', '=', memberId)
    .executeTakeFirst();
  return row ? toExport(row) : null;
}

export async function recordProgress(db: DB, id: number, done: number, total: number): Promise<void> {
  await db.updateTable('data_exports').set({ done_steps: done, total_steps: total }).where('id', '=', id).execute();
}

export async function recordFinished(db: DB, id: number, state: 'ready' | 'failed', now: Date): Promise<void> {
  await db
    .updateTable('data_exports')
    .set({ state, finished_at: now.toISOString() })
    .where('id', '=', id)
    .execute();
}

/** The archives past their day (to delete with their files), or every other one of a member's when `except` is set. */
export async function findExportsToDelete(
  db: DB,
  which: { expiredAt: Date } | { memberId: number; except: number },
): Promise<{ id: number; file: string }[]> {
  let query = db.selectFrom('data_exports').select(['id', 'file']);
  query =
    'expiredAt' in which
      ? query.where('expires_at', '<=', which.expiredAt.toISOString())
      : query.where('member_id', '=', which.memberId).where('id', '!=', which.except);
  return query.execute();
}

export async function deleteExport(db: DB, id: number): Promise<void> {
  await db.deleteFrom('data_exports').where('id', '=', id).execute();
}

function toExport(row: {
  id: number;
  member_id: number;
  state: DataExportState;
  done_steps: number;
  total_steps: number;
  file: string;
  locale: string;
  created_at: string;
  finished_at: string | null;
  expires_at: string;
}): StoredExport {
  return {
    id: row.id,
    memberId: row.member_id,
    state: row.state,
    doneSteps: row.done_steps,
    totalSteps: row.total_steps,
    file: row.file,
    locale: row.locale,
    createdAt: new Date(row.created_at),
    finishedAt: row.finished_at ? new Date(row.finished_at) : null,
    expiresAt: new Date(row.expires_at),
  };
}
