import crypto from 'node:crypto';
import type { DB } from '../db/database.js';

export interface Community {
  name: string;
  lat: number;
  lon: number;
  region: string;
  vouchesRequired: number;
  createdAt: string;
}

export async function findCommunity(db: DB): Promise<Community | null> {
  const row = await db.selectFrom('community').selectAll().executeTakeFirst();
  if (!row) return null;
  return {
    name: row.name,
    lat: row.lat,
    lon: row.lon,
    region: row.region,
    vouchesRequired: row.vouches_required,
    createdAt: row.created_at,
  };
}

export async function hasSteward(db: DB): Promise<boolean> {
  const row = await db
    .selectFrom('members')
    .select('id')
    .where('role', '=', 'steward')
    .where('status', '=', 'active')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A random secret kept in the `meta` table, made on first use. */
export async function boxSecret(db: DB, key: string): Promise<Buffer> {
  const existing = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  if (existing) return Buffer.from(existing.value, 'base64');
  const value = crypto.randomBytes(32).toString('base64');
  await db
    .insertInto('meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirstOrThrow();
  return Buffer.from(stored.value, 'base64');
}
