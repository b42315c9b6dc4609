import type { Generated } from 'kysely';

/**
 * "Your data"'s table, by name (composed into `Database` in src/db/database.ts): the archives members asked for of
 * everything the box holds about them, each kept a day.
 */
export interface YourDataTables {
  data_exports: DataExportsTable;
}

export type DataExportState = 'making' | 'ready' | 'failed';

export interface DataExportsTable {
  id: Generated<number>;
  member_id: number;
  state: DataExportState;
  /** Progress: the archive's parts written so far, out of `total_steps`. */
  done_steps: Generated<number>;
  total_steps: Generated<number>;
  /** The archive's file name in the data folder's `exports/`: random, so that it names no one. */
  file: string;
  /** The language its README is written in. */
  locale: string;
  created_at: string;
  finished_at: string | null;
  expires_at: string;
}
