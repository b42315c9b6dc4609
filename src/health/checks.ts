import fs from 'node:fs';
import { sql } from 'kysely';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import { backupsDirectory, listBackups } from '../backup/backup-files.js';
import { jobProblem, type JobProblem, type ScheduledJobStatus } from '../jobs/job-runs.js';
import { findScheduledJobStatuses } from '../jobs/job-runs.queries.js';
import type { Federation } from '../federation/federation.js';
import { listSiblings, SEEN_REFRESH_MS } from '../federation/siblings.queries.js';

export { networkAddresses } from './address.js';

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

/**
 * Who can say which siblings are connected right now: the server's own peer
 * layer. `marketcross doctor` runs in a process of its own and has none; it
 * goes by when the server last saw each sibling.
 */
export type SiblingConnections = Pick<Federation, 'isConnected'> | null;

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
  ];
}

async function databaseCheck(db: DB, config: Config): Promise<Check> {
  try {
    const { rows } = await sql<{ quick_check: string }>`PRAGMA quick_check`.execute(db);
    const verdict = rows.map((r) => Object.values(r)[0]).join('; ');
    const size = fs.statSync(config.databaseFile).size;
    if (verdict !== 'ok') {
      return {
        name: 'Database',
        level: 'fail',
        detail: `The database reports damage: ${verdict}`,
        advice: 'Stop the box and restore the latest backup: marketcross restore <file>.',
      };
    }
    return { name: 'Database', level: 'ok', detail: `Healthy, ${formatBytes(size)}.` };
  } catch (error) {
    return {
      name: 'Database',
      level: 'fail',
      detail: `The database cannot be read: ${(error as Error).message}`,
      advice: 'Check the data directory and its permissions; restore the latest backup if the file is damaged.',
    };
  }
}

function diskCheck(config: Config, probes: Probes): Check {
  const { free, total } = probes.disk(config.dataDir);
  const detail = `${formatBytes(free)} free of ${formatBytes(total)} on the data volume.`;
  if (free < DISK_FAIL_BYTES)
    return {
      name: 'Disk space',
      level: 'fail',
      detail,
      advice:
        'The card is nearly full: the box may stop saving. Delete old files in the backups folder or move them to a USB drive, or use a larger card.',
    };
  if (free < DISK_WARN_BYTES)
    return {
      name: 'Disk space',
      level: 'warn',
      detail,
      advice: 'Space is getting low. Copy old backups to a USB drive and delete them from the box.',
    };
  return { name: 'Disk space', level: 'ok', detail };
}

function backupCheck(config: Config, now: Date): Check {
  const latest = listBackups(backupsDirectory(config.dataDir))[0];
  if (!latest)
    return {
      name: 'Backups',
      level: 'fail',
      detail: 'There is no backup yet.',
      advice: 'Take one now: marketcross backup. The box also takes one every night.',
    };
  const hours = (now.getTime() - latest.takenAt.getTime()) / 3_600_000;
  const detail = `The latest backup is ${latest.name}, taken ${formatAge(hours)}.`;
  if (hours > BACKUP_WARN_HOURS)
    return {
      name: 'Backups',
      level: 'warn',
      detail,
      advice:
        "The nightly backup has not run for more than two days. Take one now with marketcross backup, and check the box's log for why the nightly one failed.",
    };
  return { name: 'Backups', level: 'ok', detail };
}

/**
 * A Raspberry Pi has no battery-backed clock: after a power cut without
 * network it may start in the past. The newest time the box has stored is a
 * floor the clock should never be below.
 */
async function clockCheck(db: DB, now: Date): Promise<Check> {
  const newest = await newestStoredTime(db);
  const detail = `The box's clock says ${formatUtc(now)}.`;
  const advice =
    'Connect the box to a network with internet time, or set the time by hand (sudo date -s "YYYY-MM-DD HH:MM"), then restart Marketcross.';
  if (now < EARLIEST_PLAUSIBLE)
    return {
      name: 'Clock',
      level: 'fail',
      detail: `${detail} That is before this box could have been set up.`,
      advice,
    };
  if (newest && now.getTime() < newest.getTime() - CLOCK_SLACK_MINUTES * 60_000) {
    return {
      name: 'Clock',
      level: 'fail',
      detail: `${detail} The box has already stored times up to ${formatUtc(newest)}: the clock has gone back.`,
      advice,
    };
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

/** A sibling away for longer than this is worth a steward's look; a short absence is a reboot or a power cut. */
const SIBLING_AWAY_WARN_HOURS = 24;

/**
 * The neighbouring towns on this box's list: which are connected, and a
 * warning for one that has been away for a day, since its members' listings
 * and replies stop flowing. A box that lists siblings but runs without its
 * peer layer is a warning too.
 */
async function siblingsCheck(db: DB, config: Config, now: Date, connections: SiblingConnections): Promise<Check> {
  const name = 'Neighbouring towns';
  const siblings = await listSiblings(db);
  if (siblings.length === 0) return { name, level: 'ok', detail: "No neighbouring town is on this box's list." };
  if (!connections && config.p2pListen.length === 0) {
    return {
      name,
      level: 'warn',
      detail: `${siblings.length} neighbouring ${siblings.length === 1 ? 'town is' : 'towns are'} on the list, but the box runs without its peer layer (--no-p2p), so none is reached.`,
      advice:
        'Set MARKETCROSS_P2P_LISTEN=/ip4/0.0.0.0/tcp/4001 in /etc/marketcross/marketcross.env (and remove --no-p2p if it was added), then restart: sudo systemctl restart marketcross.',
    };
  }
  // Twice the server's refresh, so a sibling noted just before the last refresh still counts.
  const recently = now.getTime() - 2 * SEEN_REFRESH_MS;
  const isConnected = (sibling: (typeof siblings)[number]) =>
    connections
      ? connections.isConnected(sibling.peerId)
      : sibling.lastSeenAt !== null && new Date(sibling.lastSeenAt).getTime() >= recently;
  const connected = siblings.filter(isConnected);
  const away = siblings.filter((s) => !isConnected(s));
  const awayTooLong = away.filter(
    (s) => (now.getTime() - new Date(s.lastSeenAt ?? s.addedAt).getTime()) / 3_600_000 > SIBLING_AWAY_WARN_HOURS,
  );
  const connectedWord = connections ? 'connected' : 'seen by the server in the last few minutes';
  const parts = [
    `${connected.length} of ${siblings.length} ${connectedWord}${connected.length > 0 ? `: ${connected.map((s) => s.name).join(', ')}` : ''}.`,
  ];
  for (const sibling of away) {
    const hours = sibling.lastSeenAt ? (now.getTime() - new Date(sibling.lastSeenAt).getTime()) / 3_600_000 : null;
    parts.push(
      `${sibling.name}: ${connections ? 'not connected' : 'not seen lately'}, ${hours === null ? 'never seen' : `last seen ${formatAge(hours)}`}.`,
    );
  }
  if (awayTooLong.length === 0) return { name, level: 'ok', detail: parts.join(' ') };
  return {
    name,
    level: 'warn',
    detail: parts.join(' '),
    advice: `${awayTooLong.map((s) => s.name).join(', ')} ${awayTooLong.length === 1 ? 'has' : 'have'} been away for more than a day: the box may be switched off or have a new address. This box keeps trying. Check the address on the Neighbouring towns page and ask that town's stewards.`,
  };
}

const SERVER_ADVICE =
  'Jobs run only while the server runs. Check it with "sudo systemctl status marketcross"; start it with "sudo systemctl start marketcross", or restart it if it is running.';

/**
 * The scheduled jobs (nightly backup, reminders, tidying): a job that failed
 * its last run, has not run when it should have, or never finished is a
 * warning: the box still works, but something it should do is not done.
 */
export function jobsCheck(jobs: readonly ScheduledJobStatus[], now: Date): Check {
  const name = 'Scheduled jobs';
  if (jobs.length === 0) {
    return {
      name,
      level: 'warn',
      detail: 'No job has been scheduled on this box yet: the server schedules them when it starts.',
      advice: SERVER_ADVICE,
    };
  }
  const problems = jobs.flatMap((job) => {
    const problem = jobProblem(job, now);
    return problem ? [describeJobProblem(job.name, problem)] : [];
  });
  if (problems.length === 0) return { name, level: 'ok', detail: `All ${jobs.length} jobs ran as planned.` };
  return {
    name,
    level: 'warn',
    detail: problems.map((p) => p.detail).join(' '),
    advice: [...new Set(problems.map((p) => p.advice))].join(' '),
  };
}

function describeJobProblem(job: string, problem: JobProblem): { detail: string; advice: string } {
  switch (problem.kind) {
    case 'overdue':
      return { detail: `${job} should have run at ${formatUtc(problem.dueAt)} but has not.`, advice: SERVER_ADVICE };
    case 'stuck':
      return {
        detail: `${job} started at ${formatUtc(problem.run.startedAt)} and has not finished.`,
        advice: 'Restart the server: sudo systemctl restart marketcross.',
      };
    case 'failed':
      return {
        detail: `${job} failed its last run, at ${formatUtc(problem.run.startedAt)}: ${problem.run.message.replace(/\.$/, '')}.`,
        advice: `Read what went wrong in the box's log: sudo journalctl -u marketcross --since "${formatUtc(problem.run.startedAt)}". The job is tried again at its next time; if it fails again, ask for help and pass on that message.`,
      };
  }
}

/** One scheduled job in words, for the health page's table and doctor's list. */
export interface JobLine {
  name: string;
  lastRun: string;
  result: 'ok' | 'failed' | 'running' | 'not yet';
  message: string;
  nextRun: string;
  needsAttention: boolean;
}

export function describeJobs(jobs: readonly ScheduledJobStatus[], now: Date): JobLine[] {
  return jobs.map((job) => {
    const last = job.lastRun;
    const took = last?.finishedAt
      ? ` (took ${formatDuration(last.finishedAt.getTime() - last.startedAt.getTime())})`
      : '';
    return {
      name: job.name,
      lastRun: last ? `${formatUtc(last.startedAt)}${took}` : 'never',
      result: last?.outcome ?? 'not yet',
      message: last?.message ?? '',
      nextRun: job.nextRunAt ? formatUtc(job.nextRunAt) : 'not scheduled',
      needsAttention: jobProblem(job, now) !== null,
    };
  });
}

function formatDuration(ms: number): string {
  if (ms < 1000) return 'under a second';
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

export function verdict(checks: readonly Check[]): CheckLevel {
  if (checks.some((c) => c.level === 'fail')) return 'fail';
  return checks.some((c) => c.level === 'warn') ? 'warn' : 'ok';
}

/** Minutes are enough for people, and UTC says which clock (the box's own may be set to any zone). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
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
