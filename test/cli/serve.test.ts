import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase } from '../../src/db/open.js';
import { cli, tempDataDir } from './cli-io.js';

/**
 * `marketcross serve` claims its data directory with a lock file (src/backup/server-lock.ts) that restore honours.
 * When serve fails before it serves, the lock must go: a lock left by a server that never ran would name a process
 * that is still alive (whatever ran serve, here this test's worker) and make restore refuse.
 *
 * serve runs in-process here, so the lock names this very process, which `runningServerPid` ignores; the lock file
 * itself is what the tests check.
 */
describe('marketcross serve, when it cannot start', () => {
  const source = tempDataDir();
  let backupFile: string;
  let busy: net.Server;
  let busyPort: number;
  const dirs: { remove(): void }[] = [];

  beforeAll(async () => {
    expect((await cli(['demo', '--data-dir', source.dir])).code).toBe(0);
    backupFile = (await cli(['backup', '--data-dir', source.dir])).out;
    busy = net.createServer();
    await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', resolve));
    busyPort = (busy.address() as net.AddressInfo).port;
  });
  afterEach(() => {
    for (const dir of dirs.splice(0)) dir.remove();
  });
  afterAll(async () => {
    await new Promise((resolve) => busy.close(resolve));
    source.remove();
  });

  /** Runs serve on a fresh data directory (prepared by `before`), on 127.0.0.1 with the flags given. */
  async function serveFresh(flags: string[], before?: (dataDir: string) => Promise<void>) {
    const data = tempDataDir();
    dirs.push(data);
    await before?.(data.dir);
    return { dataDir: data.dir, served: await cli(['serve', '--data-dir', data.dir, '--host', '127.0.0.1', ...flags]) };
  }

  /** After a failed serve: no lock is left, and restore (which refuses beside a running server) works. */
  async function expectLockReleased(dataDir: string): Promise<void> {
    expect(fs.existsSync(path.join(dataDir, 'marketcross.pid'))).toBe(false);
    const restored = await cli(['restore', backupFile, '--data-dir', dataDir]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
  }

  it('releases its lock when the web port is taken', async () => {
    const { dataDir, served } = await serveFresh(['--port', String(busyPort), '--no-p2p']);
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining('EADDRINUSE') });
    await expectLockReleased(dataDir);
  });

  it('releases its lock when a migration fails', async () => {
    const later = '2099-01-01T00-00-from-a-newer-release';
    // A database a newer release migrated: this one does not know that release's migration, and refuses to go on.
    const { dataDir, served } = await serveFresh(['--port', '0', '--no-p2p'], async (dir) => {
      const newer = openDatabase(path.join(dir, 'marketcross.db'));
      await migrateToLatest(newer.db, () => {}, { ...migrations, [later]: { up: async () => {} } });
      await newer.close();
    });
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining(later) });
    await expectLockReleased(dataDir);
  });

  it('releases its lock when the peer listen address is taken', async () => {
    const { dataDir, served } = await serveFresh(['--port', '0', '--p2p-listen', `/ip4/127.0.0.1/tcp/${busyPort}`]);
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining('could not listen for sibling boxes') });
    await expectLockReleased(dataDir);
  });
});

describe('marketcross serve with secure cookies over plain HTTP', () => {
  it('stops at start, saying what to set, rather than answering every form with an error', async () => {
    const data = tempDataDir();
    try {
      const env = { MARKETCROSS_SECURE_COOKIES: 'true' };
      const served = await cli(['serve', '--data-dir', data.dir, '--port', '0', '--no-p2p'], { env });
      expect(served.code).toBe(1);
      expect(served.err).toContain('MARKETCROSS_SECURE_COOKIES is set, but the box serves plain HTTP');
      expect(fs.existsSync(path.join(data.dir, 'marketcross.pid'))).toBe(false);
    } finally {
      data.remove();
    }
  });
});
