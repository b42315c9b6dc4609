import { Migrator, type Kysely, type Migration, type MigrationResult } from 'kysely';
import { migrations } from './migrations/index.js';

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Brings the schema up to date. All pending migrations run in one transaction:
 * if any fails, the database is left exactly as it was and this throws a
 * `MigrationError` naming the migration and the cause.
 */
export async function migrateToLatest(
  db: Kysely<any>,
  log: (line: string) => void = () => {},
  available: Record<string, Migration> = migrations,
): Promise<string[]> {
  const migrator = new Migrator({ db, provider: { getMigrations: async () => available } });
  const { error, results } = await migrator.migrateToLatest();
  const applied = (results ?? []).filter((r: MigrationResult) => r.status === 'Success').map((r) => r.migrationName);
  if (error) {
    const failed = (results ?? []).find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    const cause = error instanceof Error ? error.message : String(error);
    throw new MigrationError(`Migration "${failed}" failed: ${cause}. The database was left unchanged.`);
  }
  for (const name of applied) log(`migrated: ${name}`);
  return applied;
}
