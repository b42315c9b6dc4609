// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * Federation with sibling boxes: who the siblings are, the signed listing
 * records this box holds (its own and those relayed from siblings), how far
 * it has caught up with each origin, and the remote listings it shows.
 */
export async function up(db: Kysely<any>): Promise<void> {
  // The author's choice to share a listing with neighbouring towns.
  await sql`ALTER TABLE listings ADD COLUMN regional INTEGER NOT NULL DEFAULT 0 CHECK (regional IN (0, 1))`.execute(db);

  // Every change to a listing that is (or was) regional queues it, whatever code made the change;
  // the sync service turns the queue into signed records. Triggers mean no write path can forget.
  await db.schema
    .createTable('regional_changes')
    .addColumn('listing_seq', 'integer', (c) => c.primaryKey())
    .execute();
  await sql`CREATE TRIGGER listings_regional_insert AFTER INSERT ON listings WHEN new.regional = 1 BEGIN
    INSERT OR IGNORE INTO regional_changes(listing_seq) VALUES (new.seq);
  END`.execute(db);
  await sql`CREATE TRIGGER listings_regional_update AFTER UPDATE ON listings WHEN new.regional = 1 OR old.regional = 1 BEGIN
    INSERT OR IGNORE INTO regional_changes(listing_seq) VALUES (new.seq);
  END`.execute(db);

  // Siblings are added by a steward; nothing is trusted automatically.
  await db.schema
    .createTable('siblings')
    .addColumn('peer_id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('added_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text')
    .addColumn('records_received', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('records_rejected', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('last_rejection', 'text')
    .execute();

  // Boxes seen on the LAN by mDNS, awaiting a steward's approval.
  await db.schema
    .createTable('discovered_peers')
    .addColumn('peer_id', 'text', (c) => c.primaryKey())
    .addColumn('addresses', 'text', (c) => c.notNull())
    .addColumn('first_seen_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .execute();

  // The latest signed record per origin and listing, exactly as signed, so it can be served to others in catch-up.
  await db.schema
    .createTable('listing_records')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('op', 'text', (c) => c.notNull().check(sql`op IN ('upsert', 'withdraw')`))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('signed', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('listing_records_pk', ['origin', 'seq'])
    .addUniqueConstraint('listing_records_latest', ['origin', 'listing_id'])
    .execute();
  await db.schema.createIndex('listing_records_expires').on('listing_records').column('expires_at').execute();

  // Per origin: every record up to `complete_seq` that is still live is held here. For this box's own origin it is the
  // last sequence number issued.
  await db.schema
    .createTable('listing_record_progress')
    .addColumn('origin', 'text', (c) => c.primaryKey())
    .addColumn('complete_seq', 'integer', (c) => c.notNull())
    .execute();

  // Listings from sibling towns: read-only, shown with their town, gone on withdraw or expiry.
  await db.schema
    .createTable('remote_listings')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('origin_seq', 'integer', (c) => c.notNull())
    .addColumn('town', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('offer', 'want')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('price_amount', 'integer')
    .addColumn('price_currency', 'text')
    .addColumn('public_lat', 'real', (c) => c.notNull())
    .addColumn('public_lon', 'real', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('public', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('received_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('remote_listings_origin').on('remote_listings').column('origin').execute();
  await db.schema.createIndex('remote_listings_expires').on('remote_listings').column('expires_at').execute();
  const added = await sql<{
    ok: number;
  }>`SELECT AddGeometryColumn('remote_listings', 'public_point', 4326, 'POINT', 'XY', 1) AS ok`.execute(db);
  if (added.rows[0]?.ok !== 1)
    throw new Error('SpatiaLite could not add the geometry column remote_listings.public_point.');
  const indexed = await sql<{ ok: number }>`SELECT CreateSpatialIndex('remote_listings', 'public_point') AS ok`.execute(
    db,
  );
  if (indexed.rows[0]?.ok !== 1)
    throw new Error('SpatiaLite could not create the spatial index on remote_listings.public_point.');

  await sql`CREATE VIRTUAL TABLE remote_listings_fts USING fts5(title, description, content='remote_listings', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE TRIGGER remote_listings_fts_insert AFTER INSERT ON remote_listings BEGIN
    INSERT INTO remote_listings_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
  END`.execute(db);
  await sql`CREATE TRIGGER remote_listings_fts_delete AFTER DELETE ON remote_listings BEGIN
    INSERT INTO remote_listings_fts(remote_listings_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
  END`.execute(db);
  await sql`CREATE TRIGGER remote_listings_fts_update AFTER UPDATE OF title, description ON remote_listings BEGIN
    INSERT INTO remote_listings_fts(remote_listings_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
    INSERT INTO remote_listings_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
  END`.execute(db);

  // "I'm interested" across boxes: a conversation between a member here and one on a sibling box,
  // keyed by a UUID both boxes share. Outgoing messages wait here until the other box takes them.
  await db.schema
    .createTable('federated_conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('listing_id', 'text', (c) => c.notNull())
    .addColumn('listing_title', 'text', (c) => c.notNull())
    .addColumn('peer', 'text', (c) => c.notNull())
    .addColumn('side', 'text', (c) => c.notNull().check(sql`side IN ('author', 'replier')`))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('other_name', 'text', (c) => c.notNull())
    .addColumn('read_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('federated_conversations_listing')
    .on('federated_conversations')
    .columns(['listing_id', 'member_id'])
    .execute();
  await db.schema
    .createTable('federated_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('uuid', 'text', (c) => c.notNull().unique())
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('federated_conversations.id').onDelete('cascade'),
    )
    .addColumn('mine', 'integer', (c) => c.notNull().check(sql`mine IN (0, 1)`))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    // Outgoing: when the other box took it (null while it waits); incoming: when it arrived.
    .addColumn('delivered_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'text')
    // Set when the other box refused it for good (the listing is gone, say).
    .addColumn('refused', 'text')
    .execute();
  await db.schema
    .createIndex('federated_messages_conversation')
    .on('federated_messages')
    .columns(['conversation_id', 'id'])
    .execute();
  await sql`CREATE INDEX federated_messages_waiting ON federated_messages (next_attempt_at) WHERE delivered_at IS NULL AND refused IS NULL`.execute(
    db,
  );
}
