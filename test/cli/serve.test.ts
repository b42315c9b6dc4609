import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
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

  function freshDataDir(): string {
    const data = tempDataDir();
    dirs.push(data);
    return data.dir;
  }

  /** After a failed serve: no lock is left, and restore (which refuses beside a running server) works. */
  async function expectLockReleased(dataDir: string): Promise<void> {
    expect(fs.existsSync(path.join(dataDir, 'marketcross.pid'))).toBe(false);
    const restored = await cli(['restore', backupFile, '--data-dir', dataDir]);
    expect(restored.err).toBe('');
    expect(restored.code).toBe(0);
  }

  it('releases its lock when the web port is taken', async () => {
    const dataDir = freshDataDir();
    const served = await cli([
      'serve',
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(busyPort),
      '--no-p2p',
    ]);
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining('EADDRINUSE') });
    await expectLockReleased(dataDir);
  });

  it('releases its lock when a migration fails', async () => {
    const dataDir = freshDataDir();
    // A table the first migration creates already exists, so that migration fails.
    const sqlite = new BetterSqlite3(path.join(dataDir, 'marketcross.db'));
    sqlite.exec('CREATE TABLE community (squatter TEXT)');
    sqlite.close();
    const served = await cli(['serve', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', '0', '--no-p2p']);
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining('Migration') });
    await expectLockReleased(dataDir);
  });

  it('releases its lock when the peer listen address is taken', async () => {
    const dataDir = freshDataDir();
    const served = await cli([
      'serve',
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      '0',
      '--p2p-listen',
      `/ip4/127.0.0.1/tcp/${busyPort}`,
    ]);
    expect(served).toMatchObject({ code: 1, err: expect.stringContaining('could not listen for sibling boxes') });
    await expectLockReleased(dataDir);
  });
});
