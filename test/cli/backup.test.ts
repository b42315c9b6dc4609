import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/backup.js';
import { openDatabase } from '../../src/db/open.js';
import { cli, tempDataDir } from './cli-io.js';

describe('marketcross backup and restore', () => {
  const data = tempDataDir();
  const elsewhere = tempDataDir();
  beforeAll(async () => {
    expect((await cli(['demo', '--data-dir', data.dir])).code).toBe(0);
  });
  afterAll(() => {
    data.remove();
    elsewhere.remove();
  });

  it('backs up, printing the file alone, and restores it into another data directory', async () => {
    const made = await cli(['backup', '--data-dir', data.dir]);
    expect(made.code).toBe(0);
    expect(made.out).toMatch(/backups\/marketcross-manual-\d{8}-\d{6}\.db$/);
    expect(fs.existsSync(made.out)).toBe(true);

    const restored = await cli(['restore', made.out, '--data-dir', elsewhere.dir]);
    expect(restored.code).toBe(0);
    expect(restored.out).toContain(`into ${elsewhere.dir}`);
    const list = await cli(['members', 'list', '--json', '--data-dir', elsewhere.dir]);
    expect(JSON.parse(list.out)).toHaveLength(31);
  });

  it('keeps a backup taken by hand when the nightly one runs two seconds later', async () => {
    const made = await cli(['backup', '--data-dir', data.dir]);
    expect(made.code).toBe(0);
    const database = openDatabase(path.join(data.dir, 'marketcross.db'));
    try {
      await createBackup(database, data.dir, { now: new Date(Date.now() + 2000), version: 'test', kind: 'nightly' });
    } finally {
      await database.close();
    }
    expect(fs.existsSync(made.out)).toBe(true);
  });

  it('explains its mistakes', async () => {
    expect(await cli(['restore', '--data-dir', data.dir])).toMatchObject({
      code: 2,
      err: expect.stringContaining('Name one backup file'),
    });
    const missing = await cli(['restore', path.join(data.dir, 'nope.db'), '--data-dir', elsewhere.dir]);
    expect(missing).toMatchObject({ code: 1, err: expect.stringContaining('There is no file') });
    const empty = tempDataDir();
    expect(await cli(['backup', '--data-dir', empty.dir])).toMatchObject({
      code: 1,
      err: expect.stringContaining('There is no Marketcross database'),
    });
    empty.remove();
  });
});
