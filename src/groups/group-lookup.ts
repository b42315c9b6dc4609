import type { DB } from '../db/database.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import type { Viewer, VisibleGroup } from './groups.js';
import { findVisibleGroups } from './groups.queries.js';

/**
 * The group as this viewer may see it. A hidden group answers exactly like a slug that does not exist, so nobody
 * learns that it is there: the same NotFound, before any Forbidden.
 */
export async function visibleGroup(db: DB, viewer: Viewer, slug: string): Promise<VisibleGroup> {
  const group = (await findVisibleGroups(db, viewer)).find(slug);
  if (!group) throw new NotFound(msg('groups.errors.noSuchGroup'));
  return group;
}
