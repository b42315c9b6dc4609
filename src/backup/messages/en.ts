import type { Catalogue } from '../../i18n/catalogue.js';

/** What backing up and restoring tell a steward: progress lines (`marketcross backup`) and what went wrong. */
export const en = {
  changedWhileCopied:
    'backup: the database changed while it was copied; taking it again (attempt {attempt} of {attempts})',
  keptChanging:
    'The backup could not be verified: the database kept changing while it was copied. Earlier backups are untouched.',
  written: 'backup: wrote and verified {file} ({tables} tables, {rows} rows)',
  copyFailed: 'backup: could not copy to {target}: {reason}',
  integrityFailed: 'The new backup failed its integrity check ({integrity}). Earlier backups are untouched.',
  pruned: 'backup: pruned {count, number} older backup(s) in {directory}',
  copyDiffers: 'the copy differs from the backup',
  noFile: 'There is no file {file}.',
  notABackup: '{file} is not a Marketcross backup ({reason}).',
  damaged: '{file} is damaged (integrity check: {integrity}). Use another backup.',
  noManifest: '{file} is not a Marketcross backup: it has no backup manifest.',
  wrongCount: '{file} is damaged: table {table} has {actual} rows, the manifest says {expected}. Use another backup.',
  // The nightly job's result, in the log and on the health page.
  'job.done':
    'wrote {file} ({rows, plural, one {# row} other {# rows}}){copiedTo, select, none {} other {, copied to ' +
    '{copiedTo}}}{pruned, plural, =0 {} one {, pruned # older backup} other {, pruned # older backups}}',
  serverRunning:
    'The box is running (process {pid}). Stop it first (on a box: sudo systemctl stop marketcross), then restore.',
} as const satisfies Catalogue;
