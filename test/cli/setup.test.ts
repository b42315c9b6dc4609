import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/open.js';
import { findCommunityLocale } from '../../src/i18n/language.queries.js';
import { cli, tempDataDir } from './cli-io.js';

const PASSWORD = 'a-long-steward-password';
const FLAGS = [
  '--name',
  'PlaNet Diss',
  '--region',
  'South Norfolk',
  '--lat',
  '52.3765',
  '--lon',
  '1.1077',
  '--vouches',
  '2',
  '--steward-name',
  'Gary Alder',
  '--steward-contact',
  'gary@example.org',
];

describe('marketcross setup', () => {
  let data: ReturnType<typeof tempDataDir>;
  let passwordFile: string;
  beforeEach(() => {
    data = tempDataDir();
    passwordFile = path.join(data.dir, 'steward-password');
    fs.writeFileSync(passwordFile, `${PASSWORD}\n`);
  });
  afterEach(() => data.remove());

  it('sets up the community from flags and a password file, and prints the handle and where to sign in', async () => {
    const run = await cli(['setup', '--data-dir', data.dir, ...FLAGS, '--steward-password-file', passwordFile]);
    expect(run.err).not.toMatch(/failed/);
    expect(run.code).toBe(0);
    expect(run.out).toContain('@gary-alder');
    expect(run.out).toContain('http://127.0.0.1:8080/signin');
    expect(run.out + run.err).not.toContain(PASSWORD);
    const list = await cli(['members', 'list', '--json', '--data-dir', data.dir]);
    expect(JSON.parse(list.out)).toEqual([
      { handle: 'gary-alder', name: 'Gary Alder', kind: 'person', status: 'active', roles: ['steward'] },
    ]);
  });

  it('sets the community’s language with --locale (English unless told), refusing others', async () => {
    const communityLocale = async () => {
      const database = openDatabase(loadConfig({}, { dataDir: data.dir }).databaseFile);
      try {
        return await findCommunityLocale(database.db);
      } finally {
        await database.close();
      }
    };
    const flags = ['setup', '--data-dir', data.dir, ...FLAGS, '--steward-password-file', passwordFile];
    const german = await cli([...flags, '--locale', 'de']);
    expect(german.code).toBe(1);
    expect(german.err).toContain('--locale: Language must be one of: en, fr.');
    expect((await cli([...flags, '--locale', 'fr'])).code).toBe(0);
    expect(await communityLocale()).toBe('fr');
    data.remove();
    data = tempDataDir();
    const env = { MARKETCROSS_STEWARD_PASSWORD: PASSWORD };
    expect((await cli(['setup', '--data-dir', data.dir, ...FLAGS], { env })).code).toBe(0);
    expect(await communityLocale()).toBe('en');
  });

  it('takes the password from MARKETCROSS_STEWARD_PASSWORD', async () => {
    const run = await cli(['setup', '--data-dir', data.dir, ...FLAGS], {
      env: { MARKETCROSS_STEWARD_PASSWORD: PASSWORD },
    });
    expect(run.code).toBe(0);
    expect(run.out + run.err).not.toContain(PASSWORD);
  });

  it('with no terminal, names every missing flag and exits 2', async () => {
    const run = await cli(['setup', '--data-dir', data.dir, '--name', 'PlaNet Diss', '--lat', '52.3765']);
    expect(run.code).toBe(2);
    for (const flag of ['--region', '--lon', '--steward-name', '--steward-contact', '--steward-password-file'])
      expect(run.err).toContain(flag);
    expect(run.err).not.toContain('--name,');
    expect(run.err).toContain('marketcross setup --help');
    expect(fs.existsSync(path.join(data.dir, 'marketcross.db'))).toBe(false);
  });

  it("refuses bad values with each field's message and stores nothing", async () => {
    const bad = FLAGS.map((v) => (v === '52.3765' ? '123' : v === 'gary@example.org' ? 'not a contact' : v));
    const run = await cli(['setup', '--data-dir', data.dir, ...bad, '--steward-password-file', passwordFile]);
    expect(run.code).toBe(1);
    expect(run.err).toContain('--lat: Latitude must be between -90 and 90.');
    const contact = await cli([
      'setup',
      '--data-dir',
      data.dir,
      ...FLAGS.map((v) => (v === 'gary@example.org' ? 'not a contact' : v)),
      '--steward-password-file',
      passwordFile,
    ]);
    expect(contact.code).toBe(1);
    expect(contact.err).toContain('--steward-contact: Email or phone must be an email address or a phone number.');
    const short = await cli(['setup', '--data-dir', data.dir, ...FLAGS], {
      env: { MARKETCROSS_STEWARD_PASSWORD: 'short' },
    });
    expect(short.code).toBe(1);
    expect(short.err).toContain('password: Password must be at least 10 characters.');
    expect((await cli(['members', 'list', '--data-dir', data.dir])).err).toContain('No members yet');
  });

  it('says so when the password file cannot be read', async () => {
    const run = await cli([
      'setup',
      '--data-dir',
      data.dir,
      ...FLAGS,
      '--steward-password-file',
      path.join(data.dir, 'nope'),
    ]);
    expect(run.code).toBe(2);
    expect(run.err).toContain('Cannot read the password file');
  });

  it('refuses to run twice', async () => {
    expect((await cli(['setup', '--data-dir', data.dir, ...FLAGS, '--steward-password-file', passwordFile])).code).toBe(
      0,
    );
    const again = await cli(['setup', '--data-dir', data.dir, ...FLAGS, '--steward-password-file', passwordFile]);
    expect(again.code).toBe(1);
    expect(again.err).toContain('already set up');
  });

  it(
    'asks in a terminal for what the flags leave out, ' + 'the password hidden and twice, again after a bad answer',
    async () => {
      const asked: { question: string; secret: boolean }[] = [];
      const run = await cli(['setup', '--data-dir', data.dir, '--name', 'PlaNet Diss', '--region', 'South Norfolk'], {
        answers: ['north', '52.3765', '1.1077', '', 'Gary Alder', 'gary@example.org', '', 'short', PASSWORD, PASSWORD],
        asked,
      });
      expect(run.err).toContain('Latitude must be a number');
      expect(run.err).toContain('Password must be at least 10 characters.');
      expect(run.code).toBe(0);
      expect(asked.map((q) => q.question)).not.toContain(expect.stringMatching(/Community name/));
      expect(asked.filter((q) => q.secret)).toHaveLength(3);
      expect(asked.filter((q) => !q.secret).every((q) => !/password/i.test(q.question))).toBe(true);
      expect(run.out).toContain('@gary-alder');
    },
  );
});
