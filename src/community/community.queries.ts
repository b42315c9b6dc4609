import crypto from 'node:crypto';
import type { DB } from '../db/database.js';
import type { Locale } from '../i18n/locales.js';
import { iso } from '../lib/time.js';

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

/** The community's one row, made at setup. */
export async function insertCommunity(
  db: DB,
  community: Omit<Community, 'createdAt'> & { defaultLocale: Locale },
  now: Date,
): Promise<void> {
  await db
    .insertInto('community')
    .values({
      id: 1,
      name: community.name,
      lat: community.lat,
      lon: community.lon,
      region: community.region,
      vouches_required: community.vouchesRequired,
      default_locale: community.defaultLocale,
      created_at: iso(now),
    })
    .execute();
}

/**
 * The root of the groups' tree, everyone's group, made at setup (a debt named in ARCHITECTURE.md: setup writes what
 * features above it own, until it moves above them).
 */
export async function insertRootGroup(
  db: DB,
  group: { name: string; purpose: string; createdBy: number },
  now: Date,
): Promise<void> {
  await db
    .insertInto('groups')
    .values({
      parent_id: null,
      name: group.name,
      slug: 'community',
      purpose: group.purpose,
      join_policy: 'request',
      visibility: 'everyone',
      created_by: group.createdBy,
      created_at: iso(now),
    })
    .execute();
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

/** The setup code (see setup-code.ts), while there is one. */
export async function findSetupCode(db: DB, key: string): Promise<string | null> {
  const row = await db.selectFrom('meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value ?? null;
}

export async function insertSetupCode(db: DB, key: string, code: string): Promise<void> {
  await db.insertInto('meta').values({ key, value: code }).execute();
}

export async function deleteSetupCode(db: DB, key: string): Promise<void> {
  await db.deleteFrom('meta').where('key', '=', key).execute();
}
