import { sql, type RawBuilder } from 'kysely';

/**
 * `column` contains `text` as typed: SQLite's LIKE (case-insensitive for
 * ASCII letters) with `%`, `_` and `\` escaped, so a search for "50%" finds
 * "50%" and not everything starting with "50". A leading `%` means no index
 * helps: fine for the few thousand rows of one community, not for more.
 */
export function containsText(column: string, text: string): RawBuilder<boolean> {
  const pattern = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return sql<boolean>`${sql.ref(column)} LIKE ${pattern} ESCAPE '\\'`;
}
