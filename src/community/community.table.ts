import type { ColumnType, Generated } from 'kysely';

/**
 * The community’s tables, by name (composed into `Database` in src/db/database.ts): the box’s key/value settings
 * (`meta`, where federation keeps a few of its own too) and the one `community` row.
 */
export interface CommunityTables {
  meta: MetaTable;
  community: CommunityTable;
}

export interface MetaTable {
  key: string;
  value: string;
}

export interface CommunityTable {
  id: ColumnType<1, 1 | undefined, never>;
  name: string;
  lat: number;
  lon: number;
  region: string;
  vouches_required: Generated<number>;
  created_at: string;
  /** The language of the box for whoever has not chosen theirs (`en`, `fr`). */
  default_locale: Generated<string>;
}
