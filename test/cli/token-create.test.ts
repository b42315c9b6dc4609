import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { cli, tempDataDir } from './cli-io.js';

describe('marketcross token create', () => {
  const data = tempDataDir();
  beforeAll(async () => {
    expect((await cli(['demo', '--data-dir', data.dir])).code).toBe(0);
  });
  afterAll(() => data.remove());

  it('prints the token alone on standard output, and the token works against the API', async () => {
    const run = await cli([
      'token',
      'create',
      '--member',
      '@maggie-hart',
      '--name',
      'backup script',
      '--data-dir',
      data.dir,
    ]);
    expect(run.code).toBe(0);
    expect(run.out).toMatch(/^mcx_[A-Za-z0-9_-]{40,}$/);
    expect(run.err).toContain('Made the API token "backup script" for @maggie-hart');

    const config = loadConfig({}, { dataDir: data.dir, host: '127.0.0.1', port: '0' });
    const database = openDatabase(config.databaseFile);
    const app = await createApp(config, database, { log: () => {} });
    const url = await app.start();
    try {
      const me = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${run.out}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ member: { handle: 'maggie-hart' } });
      const wrong = await fetch(`${url}/api/v1/me`, { headers: { authorization: `Bearer ${run.out}x` } });
      expect(wrong.status).toBe(401);
    } finally {
      await app.stop();
      await database.close();
    }
  });

  it('refuses unknown and inactive members with exit code 1', async () => {
    const unknown = await cli(['token', 'create', '--member', 'nobody-here', '--data-dir', data.dir]);
    expect(unknown).toMatchObject({ code: 1, out: '' });
    expect(unknown.err).toContain('There is no member with the handle "nobody-here"');
    for (const handle of ['nina-foster', 'gavin-smyth']) {
      const inactive = await cli(['token', 'create', '--member', handle, '--data-dir', data.dir]);
      expect(inactive).toMatchObject({ code: 1, out: '' });
      expect(inactive.err).toMatch(/is (pending|suspended); only active members can have API tokens/);
    }
  });

  it('needs --member and a sensible --name (exit code 2)', async () => {
    const missing = await cli(['token', 'create', '--data-dir', data.dir]);
    expect(missing).toMatchObject({ code: 2, out: '' });
    expect(missing.err).toContain('--member HANDLE');
    const long = await cli([
      'token',
      'create',
      '--member',
      'maggie-hart',
      '--name',
      'x'.repeat(81),
      '--data-dir',
      data.dir,
    ]);
    expect(long).toMatchObject({ code: 2, out: '' });
    expect(long.err).toContain('--name: Name can be at most 80 characters.');
  });
});
