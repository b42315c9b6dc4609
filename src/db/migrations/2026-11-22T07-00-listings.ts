// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * Offers and wants. `seq` is the integer primary key because the spatial index
 * and the FTS table both point at rows by rowid, and an implicit rowid may
 * change on VACUUM; `id` is the global UUID that crosses boxes.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('listings')
    .addColumn('seq', 'integer', (c) => c.primaryKey())
    .addColumn('id', 'text', (c) => c.notNull().unique())
    .addColumn('author_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('offer', 'want')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull().check(sql`terms IN ('price', 'free', 'swap', 'negotiable')`))
    .addColumn('price_amount', 'integer')
    .addColumn('price_currency', 'text')
    // Exact and private: only the author ever sees these.
    .addColumn('lat', 'real', (c) => c.notNull().check(sql`lat BETWEEN -90 AND 90`))
    .addColumn('lon', 'real', (c) => c.notNull().check(sql`lon BETWEEN -180 AND 180`))
    // The rounded point others see; the geometry column `public_point` holds the same point.
    .addColumn('public_lat', 'real', (c) => c.notNull())
    .addColumn('public_lon', 'real', (c) => c.notNull())
    .addColumn('town', 'text')
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility IN ('members', 'public', 'group')`))
    // A group that is deleted takes its listings with it rather than widening who sees them.
    .addColumn('group_id', 'integer', (c) => c.references('groups.id').onDelete('cascade'))
    .addColumn('promised_to', 'integer', (c) => c.references('members.id'))
    .addColumn('promised_at', 'text')
    .addColumn('done_at', 'text')
    .addColumn('withdrawn_at', 'text')
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('reminded_at', 'text')
    .addColumn('archived_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addCheckConstraint('listings_group_iff_group_visibility', sql`(visibility = 'group') = (group_id IS NOT NULL)`)
    .addCheckConstraint(
      'listings_price_iff_priced',
      sql`(terms = 'price') = (price_amount IS NOT NULL AND price_currency IS NOT NULL)`,
    )
    .addCheckConstraint('listings_price_positive', sql`price_amount IS NULL OR price_amount > 0`)
    .execute();
  await db.schema.createIndex('listings_author').on('listings').columns(['author_id', 'created_at']).execute();
  await db.schema.createIndex('listings_expires').on('listings').column('expires_at').execute();
  await db.schema.createIndex('listings_created').on('listings').column('created_at').execute();

  const added = await sql<{
    ok: number;
  }>`SELECT AddGeometryColumn('listings', 'public_point', 4326, 'POINT', 'XY', 1) AS ok`.execute(db);
  if (added.rows[0]?.ok !== 1) throw new Error('SpatiaLite could not add the geometry column listings.public_point.');
  const indexed = await sql<{ ok: number }>`SELECT CreateSpatialIndex('listings', 'public_point') AS ok`.execute(db);
  if (indexed.rows[0]?.ok !== 1)
    throw new Error('SpatiaLite could not create the spatial index on listings.public_point.');

  // Keyword search; triggers keep it in step with every write, in the same transaction.
  await sql`CREATE VIRTUAL TABLE listings_fts USING fts5(title, description, content='listings', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
    INSERT INTO listings_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
  END`.execute(db);
  await sql`CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
    INSERT INTO listings_fts(listings_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
  END`.execute(db);
  await sql`CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, description ON listings BEGIN
    INSERT INTO listings_fts(listings_fts, rowid, title, description) VALUES ('delete', old.seq, old.title, old.description);
    INSERT INTO listings_fts(rowid, title, description) VALUES (new.seq, new.title, new.description);
  END`.execute(db);

  // Re-encoded photos (metadata stripped), kept in the database so a backup holds everything.
  await db.schema
    .createTable('listing_photos')
    .addColumn('listing_seq', 'integer', (c) => c.primaryKey().references('listings.seq').onDelete('cascade'))
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('data', 'blob', (c) => c.notNull())
    .addColumn('width', 'integer', (c) => c.notNull())
    .addColumn('height', 'integer', (c) => c.notNull())
    .execute();

  // "I'm interested": one private conversation per listing and replier.
  await db.schema
    .createTable('listing_conversations')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('listing_seq', 'integer', (c) => c.notNull().references('listings.seq').onDelete('cascade'))
    .addColumn('replier_id', 'integer', (c) => c.notNull().references('members.id'))
    // The last message each side has read, by id: timestamps can tie, ids cannot.
    .addColumn('author_read_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('replier_read_id', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('listing_conversations_once', ['listing_seq', 'replier_id'])
    .execute();
  await db.schema
    .createIndex('listing_conversations_replier')
    .on('listing_conversations')
    .column('replier_id')
    .execute();

  await db.schema
    .createTable('listing_messages')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('conversation_id', 'integer', (c) =>
      c.notNull().references('listing_conversations.id').onDelete('cascade'),
    )
    .addColumn('sender_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('listing_messages_conversation')
    .on('listing_messages')
    .columns(['conversation_id', 'id'])
    .execute();

  // In-app notices (expiry reminders); no mail server is assumed.
  await db.schema
    .createTable('listing_notices')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('listing_seq', 'integer', (c) => c.notNull().references('listings.seq').onDelete('cascade'))
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('read_at', 'text')
    .execute();
  await db.schema
    .createIndex('listing_notices_member')
    .on('listing_notices')
    .columns(['member_id', 'read_at'])
    .execute();
}
