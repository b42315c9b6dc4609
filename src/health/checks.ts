import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import { backupsDirectory, listBackups } from '../backup/backup-files.js';

/**
 * The checks a steward (on the health page) or a volunteer at the box (with
 * `marketcross doctor`) needs: each says what it found and, when something is
 * wrong, what to do about it in words a non-programmer can follow.
 */
export type CheckLevel = 'ok' | 'warn' | 'fail';

export interface Check {
  name: string;
  level: CheckLevel;
  detail: string;
  /** What to do, when the level is not ok. */
  advice?: string;
}

/** The parts of the machine the checks read, replaceable in tests (a full disk, a wrong clock). */
export interface Probes {
  now(): Date;
  /** Bytes free (for an unprivileged process) and in all, on the volume holding `dir`. */
  disk(dir: string): { free: number; total: number };
  rssBytes(): number;
  uptimeSeconds(): number;
}

export const systemProbes: Probes = {
  now: () => new Date(),
  disk(dir) {
    const stats = fs.statfsSync(dir);
    return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
  },
  rssBytes: () => process.memoryUsage.rss(),
  uptimeSeconds: () => process.uptime(),
};

const DISK_FAIL_BYTES = 200 * 1024 * 1024;
const DISK_WARN_BYTES = 1024 * 1024 * 1024;
const BACKUP_WARN_HOURS = 48;
/** Timestamps stored a little in the future are rounding; more means the clock went back. */
const CLOCK_SLACK_MINUTES = 5;
/** No box was set up before Marketcross existed: a date earlier than this is a Pi that lost its time. */
const EARLIEST_PLAUSIBLE = new Date('2026-01-01T00:00:00Z');

export async function runHealthChecks(db: DB, config: Config, probes: Probes = systemProbes): Promise<Check[]> {
  const now = probes.now();
  return [await databaseCheck(db, config), diskCheck(config, probes), backupCheck(config, now), await clockCheck(db, now)];
}

async function databaseCheck(db: DB, config: Config): Promise<Check> {
  try {
    const { rows } = await sql<{ quick_check: string }>`PRAGMA quick_check`.execute(db);
    const verdict = rows.map((r) => Object.values(r)[0]).join('; ');
    const size = fs.statSync(config.databaseFile).size;
    if (verdict !== 'ok') {
      return { name: 'Database', level: 'fail', detail: `The database reports damage: ${verdict}`, advice: 'Stop the box and restore the latest backup: marketcross restore <file>.' };
    }
    return { name: 'Database', level: 'ok', detail: `Healthy, ${formatBytes(size)}.` };
  } catch (error) {
    return { name: 'Database', level: 'fail', detail: `The database cannot be read: ${(error as Error).message}`, advice: 'Check the data directory and its permissions; restore the latest backup if the file is damaged.' };
  }
}

function diskCheck(config: Config, probes: Probes): Check {
  const { free, total } = probes.disk(config.dataDir);
  const detail = `${formatBytes(free)} free of ${formatBytes(total)} on the data volume.`;
  if (free < DISK_FAIL_BYTES) return { name: 'Disk space', level: 'fail', detail, advice: 'The card is nearly full: the box may stop saving. Delete old files in the backups folder or move them to a USB drive, or use a larger card.' };
  if (free < DISK_WARN_BYTES) return { name: 'Disk space', level: 'warn', detail, advice: 'Space is getting low. Copy old backups to a USB drive and delete them from the box.' };
  return { name: 'Disk space', level: 'ok', detail };
}

function backupCheck(config: Config, now: Date): Check {
  const latest = listBackups(backupsDirectory(config.dataDir))[0];
  if (!latest) return { name: 'Backups', level: 'fail', detail: 'There is no backup yet.', advice: 'Take one now: marketcross backup. The box also takes one every night.' };
  const hours = (now.getTime() - latest.takenAt.getTime()) / 3_600_000;
  const detail = `The latest backup is ${latest.name}, taken ${formatAge(hours)}.`;
  if (hours > BACKUP_WARN_HOURS) return { name: 'Backups', level: 'warn', detail, advice: 'The nightly backup has not run for more than two days. Take one now with marketcross backup, and check the box\'s log for why the nightly one failed.' };
  return { name: 'Backups', level: 'ok', detail };
}

/**
 * A Raspberry Pi has no battery-backed clock: after a power cut without
 * network it may start in the past. The newest time the box has stored is a
 * floor the clock should never be below.
 */
async function clockCheck(db: DB, now: Date): Promise<Check> {
  const newest = await newestStoredTime(db);
  const detail = `The box's clock says ${now.toISOString().replace('T', ' ').slice(0, 16)} UTC.`;
  const advice = 'Connect the box to a network with internet time, or set the time by hand (sudo date -s "YYYY-MM-DD HH:MM"), then restart Marketcross.';
  if (now < EARLIEST_PLAUSIBLE) return { name: 'Clock', level: 'fail', detail: `${detail} That is before this box could have been set up.`, advice };
  if (newest && now.getTime() < newest.getTime() - CLOCK_SLACK_MINUTES * 60_000) {
    return { name: 'Clock', level: 'fail', detail: `${detail} The box has already stored times up to ${newest.toISOString().replace('T', ' ').slice(0, 16)}: the clock has gone back.`, advice };
  }
  return { name: 'Clock', level: 'ok', detail };
}

async function newestStoredTime(db: DB): Promise<Date | null> {
  const { rows } = await sql<{ newest: string | null }>`
    SELECT max(t) AS newest FROM (
      SELECT max(created_at) AS t FROM members UNION ALL
      SELECT max(last_seen_at) FROM sessions UNION ALL
      SELECT max(created_at) FROM member_decisions UNION ALL
      SELECT max(created_at) FROM community
    )`.execute(db);
  return rows[0]?.newest ? new Date(rows[0].newest) : null;
}

export function verdict(checks: readonly Check[]): CheckLevel {
  if (checks.some((c) => c.level === 'fail')) return 'fail';
  return checks.some((c) => c.level === 'warn') ? 'warn' : 'ok';
}

/** The box's addresses on the local network, for people whose phones cannot resolve marketcross.local. */
export function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
    .map((a) => a.address);
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
  return `${Math.round(bytes / 1024)} kB`;
}

function formatAge(hours: number): string {
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${Math.round(hours)} hours ago`;
  return `${Math.round(hours / 24)} days ago`;
}
