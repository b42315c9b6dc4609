import dns from 'node:dns';
import fs from 'node:fs';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import { backupsDirectory, listBackups } from '../backup/backup-files.js';
import type { Translate } from '../i18n/translate.js';
import { findScheduledJobStatuses } from '../jobs/job-runs.queries.js';
import { findNewestStoredTime, quickCheck } from './health.queries.js';
import { httpsCheck } from './https-check.js';
import { jobsCheck } from './jobs-check.js';
import { agePhrase, bytesPhrase, formatUtc, paragraph, phrase, type Phrase } from './phrase.js';
import { type SiblingConnections, siblingsCheck } from './siblings-check.js';

export { networkAddresses } from './address.js';
export { describeJobs, jobsCheck, type JobLine } from './jobs-check.js';
export type { SiblingConnections } from './siblings-check.js';

/**
 * The checks a steward (on the health page) or a volunteer at the box (with
 * `marketcross doctor`) needs: each says what it found and, when something is
 * wrong, what to do about it in words a non-programmer can follow. The words
 * are sentences of the health catalogue, turned into the reader's language by
 * whoever shows them (`checkWords`).
 */
export type CheckLevel = 'ok' | 'warn' | 'fail';

export type CheckId = 'database' | 'disk' | 'backups' | 'clock' | 'jobs' | 'siblings' | 'https';

export interface Check {
  id: CheckId;
  level: CheckLevel;
  /** What it found, one or more sentences. */
  detail: readonly Phrase[];
  /** What to do, when the level is not ok. */
  advice?: readonly Phrase[];
}

/** A check in words: its name, what it found and what to do, in one language. */
export interface CheckWords {
  name: string;
  level: CheckLevel;
  detail: string;
  advice?: string;
}

export function checkWords(check: Check, t: Translate): CheckWords {
  const words: CheckWords = {
    name: t(`health.name.${check.id}`),
    level: check.level,
    detail: paragraph(check.detail, t),
  };
  if (check.advice) words.advice = paragraph(check.advice, t);
  return words;
}

/** The parts of the machine the checks read, replaceable in tests (a full disk, a wrong clock). */
export interface Probes {
  now(): Date;
  /** Bytes free (for an unprivileged process) and in all, on the volume holding `dir`. */
  disk(dir: string): { free: number; total: number };
  rssBytes(): number;
  uptimeSeconds(): number;
  /** The addresses a name resolves to on the box's network (for HTTPS: does the box's name lead to it?). */
  resolveName(name: string): Promise<string[]>;
}

export const systemProbes: Probes = {
  now: () => new Date(),
  disk(dir) {
    const stats = fs.statfsSync(dir);
    return { free: stats.bavail * stats.bsize, total: stats.blocks * stats.bsize };
  },
  rssBytes: () => process.memoryUsage.rss(),
  uptimeSeconds: () => process.uptime(),
  async resolveName(name) {
    // As a phone on the venue Wi-Fi would ask (the system's resolver), and no longer than a person waits for a page.
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref());
    const found = await Promise.race([dns.promises.lookup(name, { all: true }), timeout]);
    return found.map((entry) => entry.address);
  },
};

const DISK_FAIL_BYTES = 200 * 1024 * 1024;
const DISK_WARN_BYTES = 1024 * 1024 * 1024;
const BACKUP_WARN_HOURS = 48;
/** Timestamps stored a little in the future are rounding; more means the clock went back. */
const CLOCK_SLACK_MINUTES = 5;
/** No box was set up before Marketcross existed: a date earlier than this is a Pi that lost its time. */
const EARLIEST_PLAUSIBLE = new Date('2026-01-01T00:00:00Z');

export async function runHealthChecks(
  db: DB,
  config: Config,
  probes: Probes = systemProbes,
  connections: SiblingConnections = null,
): Promise<Check[]> {
  const now = probes.now();
  return [
    await databaseCheck(db, config),
    diskCheck(config, probes),
    backupCheck(config, now),
    await clockCheck(db, now),
    jobsCheck(await findScheduledJobStatuses(db), now),
    await siblingsCheck(db, config, now, connections),
    await httpsCheck(config, now, probes.resolveName),
  ];
}

async function databaseCheck(db: DB, config: Config): Promise<Check> {
  const id = 'database';
  try {
    const verdict = await quickCheck(db);
    const size = fs.statSync(config.databaseFile).size;
    if (verdict !== 'ok') {
      const advice = [phrase('health.database.restore')];
      return { id, level: 'fail', detail: [phrase('health.database.damaged', { verdict })], advice };
    }
    return { id, level: 'ok', detail: [phrase('health.database.healthy', {}, { size: bytesPhrase(size) })] };
  } catch (error) {
    return {
      id,
      level: 'fail',
      detail: [phrase('health.database.unreadable', { reason: (error as Error).message })],
      advice: [phrase('health.database.checkFolder')],
    };
  }
}

function diskCheck(config: Config, probes: Probes): Check {
  const { free, total } = probes.disk(config.dataDir);
  const detail = [phrase('health.disk.free', {}, { free: bytesPhrase(free), total: bytesPhrase(total) })];
  if (free < DISK_FAIL_BYTES) return { id: 'disk', level: 'fail', detail, advice: [phrase('health.disk.full')] };
  if (free < DISK_WARN_BYTES) return { id: 'disk', level: 'warn', detail, advice: [phrase('health.disk.low')] };
  return { id: 'disk', level: 'ok', detail };
}

function backupCheck(config: Config, now: Date): Check {
  const id = 'backups';
  const latest = listBackups(backupsDirectory(config.dataDir))[0];
  if (!latest)
    return { id, level: 'fail', detail: [phrase('health.backups.none')], advice: [phrase('health.backups.takeOne')] };
  const hours = (now.getTime() - latest.takenAt.getTime()) / 3_600_000;
  const detail = [phrase('health.backups.latest', { name: latest.name }, { age: agePhrase(hours) })];
  if (hours > BACKUP_WARN_HOURS) return { id, level: 'warn', detail, advice: [phrase('health.backups.stale')] };
  return { id, level: 'ok', detail };
}

/**
 * A Raspberry Pi has no battery-backed clock: after a power cut without
 * network it may start in the past. The newest time the box has stored is a
 * floor the clock should never be below.
 */
async function clockCheck(db: DB, now: Date): Promise<Check> {
  const id = 'clock';
  const newest = await findNewestStoredTime(db);
  const says = phrase('health.clock.says', { now: formatUtc(now) });
  const advice = [phrase('health.clock.setIt')];
  if (now < EARLIEST_PLAUSIBLE) return { id, level: 'fail', detail: [says, phrase('health.clock.tooEarly')], advice };
  if (newest && now.getTime() < newest.getTime() - CLOCK_SLACK_MINUTES * 60_000) {
    const wentBack = phrase('health.clock.wentBack', { newest: formatUtc(newest) });
    return { id, level: 'fail', detail: [says, wentBack], advice };
  }
  return { id, level: 'ok', detail: [says] };
}

export function verdict(checks: readonly { level: CheckLevel }[]): CheckLevel {
  if (checks.some((c) => c.level === 'fail')) return 'fail';
  return checks.some((c) => c.level === 'warn') ? 'warn' : 'ok';
}

export { bytesPhrase, phraseWords } from './phrase.js';
