import fs from 'node:fs';
import path from 'node:path';

/**
 * Backups are single SQLite files named by the UTC time they were taken, in
 * `<data dir>/backups/`: `marketcross-20261122-030000.db` for the nightly ones,
 * `marketcross-manual-20261122-030000.db` for one taken by hand
 * (`marketcross backup`, and so before each upgrade). A file being written has
 * a `.partial` suffix and never counts as a backup.
 */
const BACKUP_NAME = /^marketcross-(manual-)?(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})\.db$/;

/** Nightly backups are pruned in rotation; a manual one is kept until a steward deletes it. */
export type BackupKind = 'nightly' | 'manual';

export interface BackupFile {
  readonly path: string;
  readonly name: string;
  readonly takenAt: Date;
  readonly kind: BackupKind;
}

export function backupsDirectory(dataDir: string): string {
  return path.join(dataDir, 'backups');
}

export function backupName(takenAt: Date, kind: BackupKind = 'nightly'): string {
  const stamp = takenAt
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-');
  return kind === 'manual' ? `marketcross-manual-${stamp}.db` : `marketcross-${stamp}.db`;
}

export function listBackups(directory: string): BackupFile[] {
  if (!fs.existsSync(directory)) return [];
  const backups: BackupFile[] = [];
  for (const name of fs.readdirSync(directory)) {
    const m = BACKUP_NAME.exec(name);
    if (!m) continue;
    const takenAt = new Date(Date.UTC(+m[2]!, +m[3]! - 1, +m[4]!, +m[5]!, +m[6]!, +m[7]!));
    backups.push({ path: path.join(directory, name), name, takenAt, kind: m[1] ? 'manual' : 'nightly' });
  }
  return backups.sort((a, b) => b.takenAt.getTime() - a.takenAt.getTime());
}

/**
 * Which backups to keep: every manual one, and of the nightly ones the newest
 * of each of the last 14 days that have one and the newest of each of the last
 * 8 weeks that have one (weeks start on Monday, UTC). A manual backup is no
 * day's or week's backup: one taken by hand just before the nightly one must
 * not cost either of them its place (issue 12). Everything else may go.
 */
export function backupsToKeep(backups: readonly BackupFile[], daily = 14, weekly = 8): Set<string> {
  const keep = new Set(backups.filter((backup) => backup.kind === 'manual').map((backup) => backup.path));
  const nightly = backups.filter((backup) => backup.kind === 'nightly');
  const newestPer = (key: (d: Date) => string, count: number) => {
    const seen = new Set<string>();
    for (const backup of nightly) {
      const bucket = key(backup.takenAt);
      if (seen.has(bucket)) continue;
      seen.add(bucket);
      if (seen.size > count) break;
      keep.add(backup.path);
    }
  };
  newestPer((d) => d.toISOString().slice(0, 10), daily);
  newestPer(weekStart, weekly);
  return keep;
}

function weekStart(date: Date): string {
  const monday = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
  monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7));
  return monday.toISOString().slice(0, 10);
}
