import crypto from 'node:crypto';
import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

/**
 * A sibling town's listing as gossip would have left it, written straight into the table: these tests are about what
 * the pages say of it, not about how it travelled (test/sync/ has that).
 */
export async function insertRemoteListing(
  db: DB,
  listing: { origin: string; town: string; title: string; at: { lat: number; lon: number }; authorName: string | null },
  now: Date,
): Promise<string> {
  const id = crypto.randomUUID();
  const { lat, lon } = listing.at;
  await db
    .insertInto('remote_listings')
    .values({
      id,
      origin: listing.origin,
      origin_seq: 1,
      town: listing.town,
      kind: 'offer',
      title: listing.title,
      description: '',
      category: 'food',
      terms: 'swap',
      public_lat: lat,
      public_lon: lon,
      public_point: sql`MakePoint(${lon}, ${lat}, 4326)`,
      author_name: listing.authorName,
      public: 1,
      created_at: now.toISOString(),
      expires_at: new Date(now.getTime() + 86_400_000).toISOString(),
      received_at: now.toISOString(),
    })
    .execute();
  return id;
}
