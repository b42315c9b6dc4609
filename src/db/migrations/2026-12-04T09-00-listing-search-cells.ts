// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * Keyword searches near a place, made cheap. Each listing's full-text row also
 * holds the grid cells its public point lies in, one token per level (cells of
 * 0.01° × 2^level, levels 0–8: about 1 km to 280 km of latitude), such as
 * `g3x2262y1781` behind U+E000. That private-use character is a token character
 * to FTS5's tokenizer but splits the words of a search (matchExpression keeps
 * letters and digits only), so no keyword, not even a prefix like `g*`, can
 * match a cell token, and no column filter (which costs FTS5 twice the time) is needed. A search asks FTS5 for the
 * keyword AND the few cells around
 * its circle, and FTS5 intersects the two lists itself, instead of SQLite
 * checking each of a common word's thousands of matches against the spatial
 * index. src/listings/search-cells.ts builds the same tokens for a search (a
 * test checks the two agree).
 *
 * `search_cells` is a virtual generated column, computed when read, so the
 * FTS table's external content (and its 'rebuild' and integrity check) finds
 * every column it indexes in `listings`, and nothing stored can disagree.
 */
const LEVELS = 9;

/**
 * Hundredths of a degree from -180° and -90°, halved per level: one exact multiplication, then integers, in SQLite and
 * JavaScript alike.
 */
function cellsSql(): string {
  return Array.from(
    { length: LEVELS },
    (_, level) =>
      `char(57344) || 'g${level}x' || (CAST((public_lon + 180) * 100 AS INTEGER) >> ${level}) || 'y' || (CAST((public_lat + 90) * 100 AS INTEGER) >> ${level})`,
  ).join(` || ' ' || `);
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE listings ADD COLUMN search_cells TEXT GENERATED ALWAYS AS (${sql.raw(cellsSql())}) VIRTUAL`.execute(
    db,
  );
  for (const trigger of ['listings_fts_insert', 'listings_fts_delete', 'listings_fts_update'])
    await sql`DROP TRIGGER ${sql.ref(trigger)}`.execute(db);
  await sql`DROP TABLE listings_fts`.execute(db);
  await sql`CREATE VIRTUAL TABLE listings_fts USING fts5(title, description, search_cells, content='listings', content_rowid='seq', tokenize='unicode61 remove_diacritics 2')`.execute(
    db,
  );
  await sql`INSERT INTO listings_fts(listings_fts) VALUES ('rebuild')`.execute(db);
  // As before, in the same transaction as every write; a move of the public point changes the cells.
  await sql`CREATE TRIGGER listings_fts_insert AFTER INSERT ON listings BEGIN
    INSERT INTO listings_fts(rowid, title, description, search_cells) VALUES (new.seq, new.title, new.description, new.search_cells);
  END`.execute(db);
  await sql`CREATE TRIGGER listings_fts_delete AFTER DELETE ON listings BEGIN
    INSERT INTO listings_fts(listings_fts, rowid, title, description, search_cells) VALUES ('delete', old.seq, old.title, old.description, old.search_cells);
  END`.execute(db);
  await sql`CREATE TRIGGER listings_fts_update AFTER UPDATE OF title, description, public_lat, public_lon ON listings BEGIN
    INSERT INTO listings_fts(listings_fts, rowid, title, description, search_cells) VALUES ('delete', old.seq, old.title, old.description, old.search_cells);
    INSERT INTO listings_fts(rowid, title, description, search_cells) VALUES (new.seq, new.title, new.description, new.search_cells);
  END`.execute(db);
}
