import { sql, type Kysely } from 'kysely';

/**
 * Runs `fn` in a write transaction that takes SQLite's write lock at once
 * (`BEGIN IMMEDIATE`), for use cases that read and then write on what they
 * read (a balance against a limit). kysely's `transaction()` issues a plain
 * BEGIN, which takes the lock only at the first write: another process (the
 * CLI) could write in between, and SQLite would then refuse the upgrade.
 *
 * `connection()` holds kysely's single connection for the whole callback, so
 * no other query of this process interleaves. Inside `fn`, query only through
 * `trx`: a query on `db` would wait for the connection `fn` holds, forever.
 * Never call this inside another transaction: pass that transaction's handle
 * to the inner function instead.
 */
export async function immediateTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Kysely<DB>) => Promise<T>): Promise<T> {
  return db.connection().execute(async (conn) => {
    await sql`BEGIN IMMEDIATE`.execute(conn);
    try {
      const result = await fn(conn);
      await sql`COMMIT`.execute(conn);
      return result;
    } catch (error) {
      // SQLite may already have rolled back (a failed COMMIT); the first error is the one to report.
      await sql`ROLLBACK`.execute(conn).catch(() => {});
      throw error;
    }
  });
}
