import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Actor } from '../auth/actor.js';
import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import { makePrivateDirectory } from '../db/private-files.js';
import type { RenderLocale } from '../i18n/locales.js';
import type { Translator } from '../i18n/translate.js';
import { LimitReached, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { addDays } from '../lib/time.js';
import { createWorkQueue, type WorkQueueSize } from '../lib/work-queue.js';
import { writeArchive } from './archive.js';
import {
  deleteExport,
  findExportsToDelete,
  findLatestExport,
  findMemberExport,
  insertExport,
  recordFinished,
  recordProgress,
  type StoredExport,
} from './data-exports.queries.js';

/** An archive is kept this long after it is asked for, then deleted (by the hourly job, or when next asked for). */
const KEPT_DAYS = 1;
/** Archives are written one at a time (a Pi's memory and disk), and this many more may wait their turn. */
const ARCHIVES_AT_ONCE: WorkQueueSize = { running: 1, waiting: 20 };
const BUSY_RETRY_SECONDS = 300;

/** An archive as its member sees it: `waiting` for its turn, being `made`, `ready`, or `failed`. */
export interface ArchiveStatus {
  readonly id: number;
  readonly state: 'waiting' | 'making' | 'ready' | 'failed';
  readonly done: number;
  readonly total: number;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
  readonly expiresAt: Date;
}

export interface DataExports {
  /** The member's archive still kept, if any. */
  latest(memberId: number): Promise<ArchiveStatus | null>;
  /**
   * Starts an archive for the member, unless one is being made (that one is answered) or, with `reuseReady`, one is
   * ready (the API's single call). A new archive replaces the member's older ones. `db` is the use case's (a form's
   * transaction); the archive itself is made afterwards, on the box's own connection.
   */
  start(db: DB, member: Actor, locale: RenderLocale, options?: { reuseReady?: boolean }): Promise<ArchiveStatus>;
  /** The file of the member's own ready archive; NotFound for anyone else's, one not ready, or one past its day. */
  readyFile(memberId: number, id: number): Promise<{ path: string; createdAt: Date }>;
}

export interface DataExportsDeps {
  readonly db: DB;
  readonly dataDir: string;
  readonly now: () => Date;
  readonly translator: Translator;
  readonly log: (line: string) => void;
}

function exportsDirectory(dataDir: string): string {
  return path.join(dataDir, 'exports');
}

export function createDataExports(deps: DataExportsDeps): DataExports {
  const queue = createWorkQueue(
    ARCHIVES_AT_ONCE,
    { reason: msg('yourData.export.busy'), retryAfterSeconds: BUSY_RETRY_SECONDS },
    deps.now,
  );
  // The archives this process is making or will make: a row still `making` but not here was cut short by a restart.
  const underWay = new Set<number>();
  const statusOf = (stored: StoredExport): ArchiveStatus => ({
    id: stored.id,
    state: stateOf(stored, underWay),
    done: stored.doneSteps,
    total: stored.totalSteps,
    createdAt: stored.createdAt,
    finishedAt: stored.finishedAt,
    expiresAt: stored.expiresAt,
  });

  const make = async (stored: StoredExport, member: Actor) => {
    const community = (await findCommunity(deps.db))?.name ?? '';
    const file = path.join(exportsDirectory(deps.dataDir), stored.file);
    await writeArchive(
      deps.db,
      { memberId: member.id, handle: member.handle, community, madeAt: stored.createdAt },
      file,
      deps.translator.forLocale(stored.locale as RenderLocale),
      (done, total) => recordProgress(deps.db, stored.id, done, total),
    );
  };

  return {
    async latest(memberId) {
      const stored = await findLatestExport(deps.db, memberId, deps.now());
      return stored ? statusOf(stored) : null;
    },

    async start(db, member, locale, options = {}) {
      const now = deps.now();
      const current = await findLatestExport(db, member.id, now);
      if (current) {
        const status = statusOf(current);
        if (status.state === 'waiting' || status.state === 'making') return status;
        if (status.state === 'ready' && options.reuseReady) return status;
      }
      if (queue.waiting >= ARCHIVES_AT_ONCE.waiting)
        throw new LimitReached(msg('yourData.export.busy'), new Date(now.getTime() + BUSY_RETRY_SECONDS * 1000));
      makePrivateDirectory(exportsDirectory(deps.dataDir));
      const file = `${randomBytes(16).toString('hex')}.tar.gz`;
      const stored = await insertExport(db, {
        memberId: member.id,
        file,
        locale,
        now,
        expiresAt: addDays(now, KEPT_DAYS),
      });
      const older = await findExportsToDelete(db, { memberId: member.id, except: stored.id });
      await deleteArchives({ db, dataDir: deps.dataDir }, older);
      underWay.add(stored.id);
      void queue
        .run(() => make(stored, member))
        .then(
          () => recordFinished(deps.db, stored.id, 'ready', deps.now()),
          (error: Error) => {
            deps.log(`your-data: archive ${stored.id} could not be made: ${error.message}`);
            return recordFinished(deps.db, stored.id, 'failed', deps.now());
          },
        )
        .finally(() => underWay.delete(stored.id));
      return statusOf(stored);
    },

    async readyFile(memberId, id) {
      const stored = Number.isSafeInteger(id) ? await findMemberExport(deps.db, memberId, id) : null;
      const file = stored && path.join(exportsDirectory(deps.dataDir), stored.file);
      if (!stored || !file || stored.state !== 'ready' || stored.expiresAt <= deps.now() || !fs.existsSync(file))
        throw new NotFound(msg('yourData.noSuchArchive'));
      return { path: file, createdAt: stored.createdAt };
    },
  };
}

/** A stored archive's state as its member sees it: one `making` that this process is not making was cut short. */
function stateOf(stored: StoredExport, underWay: ReadonlySet<number>): ArchiveStatus['state'] {
  if (stored.state !== 'making') return stored.state;
  if (!underWay.has(stored.id)) return 'failed';
  return stored.totalSteps === 0 ? 'waiting' : 'making';
}

/** Deletes the archives past their day, files and rows; answers how many. */
export async function deleteExpiredArchives(db: DB, dataDir: string, now: Date): Promise<number> {
  const expired = await findExportsToDelete(db, { expiredAt: now });
  await deleteArchives({ db, dataDir }, expired);
  return expired.length;
}

async function deleteArchives(
  deps: { db: DB; dataDir: string },
  archives: readonly { id: number; file: string }[],
): Promise<void> {
  for (const archive of archives) {
    const file = path.join(exportsDirectory(deps.dataDir), archive.file);
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.part`, { force: true });
    await deleteExport(deps.db, archive.id);
  }
}
