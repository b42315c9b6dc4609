import type { DB } from '../db/database.js';

/** Every group's id by its slug, so the demo can name parents by slug. */
export async function findGroupIdsBySlug(db: DB): Promise<Map<string, number>> {
  return new Map((await db.selectFrom('groups').select(['slug', 'id']).execute()).map((g) => [g.slug, g.id]));
}
