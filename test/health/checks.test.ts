import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackup } from '../../src/backup/backup.js';
import {
  checkWords,
  runHealthChecks as runChecks,
  systemProbes,
  verdict,
  type Probes,
} from '../../src/health/checks.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';
import { testScheduler } from '../helpers/scheduler.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { cli, tempDataDir } from '../cli/cli-io.js';
import { putSibling } from '../../src/federation/siblings.queries.js';
import { addSibling, eventually, startFederatedBox, type FederatedBox } from '../sync/helpers.js';
import { signedInSteward } from '../members/helpers.js';

/** The checks in English words, as doctor prints them and the health page shows them. */
const english = createTranslator(catalogues).forLocale('en');
const runHealthChecks = async (...args: Parameters<typeof runChecks>) =>
  (await runChecks(...args)).map((check) => checkWords(check, english));

describe('health checks', () => {
  let box: TestBox;
  const plenty = { free: 20 * 1024 ** 3, total: 32 * 1024 ** 3 };
  const probes = (overrides: Partial<Probes> = {}): Probes => ({
    ...systemProbes,
    now: box.clock.now,
    disk: () => plenty,
    ...overrides,
  });
  const check = async (name: string, overrides: Partial<Probes> = {}) =>
    (await runHealthChecks(box.database.db, box.config, probes(overrides))).find((c) => c.name === name)!;

  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it('says all is well on a healthy box with a fresh backup and its jobs run', async () => {
    await createBackup(box.database, box.config.dataDir, {
      now: box.clock.now(),
      version: 'test',
      kind: 'nightly',
      usbRoots: [],
    });
    const scheduler = testScheduler({ db: box.database.db, now: box.clock.now }, [
      { name: 'tidy', cron: '0 0 1 1 *', run: async () => null },
    ]);
    scheduler.start();
    await scheduler.runAll();
    await scheduler.stop();
    const checks = await runHealthChecks(box.database.db, box.config, probes());
    expect(checks.map((c) => [c.name, c.level])).toEqual([
      ['Database', 'ok'],
      ['Disk space', 'ok'],
      ['Backups', 'ok'],
      ['Clock', 'ok'],
      ['Scheduled jobs', 'ok'],
      ['Neighbouring towns', 'ok'],
      ['HTTPS', 'ok'],
    ]);
    expect(verdict(checks)).toBe('ok');
    // Without a name the box serves plain HTTP, as before, and says so (test/https/ covers a box with one).
    expect(checks.find((c) => c.name === 'HTTPS')!.detail).toMatch(/^This box has no name, so it serves plain HTTP/);
  });

  it('reports a nearly full disk as a failure, and a low one as a warning, saying what to do', async () => {
    const full = await check('Disk space', { disk: () => ({ free: 50 * 1024 ** 2, total: plenty.total }) });
    expect(full).toMatchObject({
      level: 'fail',
      detail: expect.stringContaining('50.0 MB free'),
      advice: expect.stringContaining('nearly full'),
    });
    expect((await check('Disk space', { disk: () => ({ free: 600 * 1024 ** 2, total: plenty.total }) })).level).toBe(
      'warn',
    );
  });

  it('warns when the latest backup is more than two days old', async () => {
    const later = new Date(box.clock.now().getTime() + 3 * 86_400_000);
    const stale = await check('Backups', { now: () => later });
    expect(stale).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('3 days ago'),
      advice: expect.stringContaining('marketcross backup'),
    });
  });

  it('fails the clock when it is behind times the box has already stored, or before the box could exist', async () => {
    await addActiveMember(box); // stored at the test clock's time
    const behind = await check('Clock', { now: () => new Date(box.clock.now().getTime() - 3 * 86_400_000) });
    expect(behind).toMatchObject({
      level: 'fail',
      detail: expect.stringContaining('the clock has gone back'),
      advice: expect.stringContaining('date -s'),
    });
    expect((await check('Clock', { now: () => new Date('1970-01-01T00:00:10Z') })).level).toBe('fail');
    expect((await check('Clock')).level).toBe('ok');
  });

  it('shows the checks, the address and its QR code to stewards only', async () => {
    const steward = await signedInSteward(box);
    const page = await steward.get('/stewards/health');
    expect(page.status).toBe(200);
    for (const name of ['Database', 'Disk space', 'Backups', 'Clock', 'Scheduled jobs', 'Memory in use', 'Running for'])
      expect(page.text).toContain(name);
    expect(page.text).toMatch(/<img class="qr" src="data:image\/svg\+xml;base64,/);
    const member = await addActiveMember(box);
    const asMember = box.client();
    await asMember.signIn(member.email, member.password);
    expect((await asMember.get('/stewards/health')).status).toBe(403);
    expect((await box.client().get('/stewards/health')).status).toBe(302);
  });
});

describe('neighbouring towns on the health page and in doctor', () => {
  let diss: FederatedBox, eye: FederatedBox;
  const BUNGAY = '12D3KooWT2p7o3QJ929MGDT6Zp8Hv5T8jNow4uR1jzGmRjEUqhvT';

  beforeAll(async () => {
    [diss, eye] = await Promise.all([startFederatedBox('Diss', { seenRefreshMs: 300 }), startFederatedBox('Eye')]);
    await Promise.all([addSibling(diss, eye), addSibling(eye, diss)]);
    await eventually('Diss and Eye connected', async () => diss.sync!.isConnected(eye.sync!.peerId));
  }, 30_000);
  afterAll(async () => {
    await Promise.all([diss?.close(), eye?.close()]);
  });

  it('shows the peer id and which siblings are connected; one away for more than a day is a warning', async () => {
    const steward = await signedInSteward(diss);
    const connected = await steward.get('/stewards/health');
    expect(connected.text).toContain(diss.sync!.peerId);
    expect(connected.text).toMatch(/Neighbouring towns: OK<\/strong><br>\s*1 of 1 connected: Eye\./);

    // A sibling added two days ago that has never answered (nothing listens on its address).
    await putSibling(
      diss.database.db,
      { peerId: BUNGAY, name: 'Bungay', address: '/ip4/127.0.0.1/tcp/9' },
      new Date(diss.clock.now().getTime() - 2 * 86_400_000),
    );
    await diss.sync!.siblingsChanged();
    const away = await steward.get('/stewards/health');
    expect(away.text).toMatch(
      /Neighbouring towns: Attention<\/strong><br>\s*1 of 2 connected: Eye\. Bungay: not connected, never seen\./,
    );
    expect(away.text).toContain('Bungay has been away for more than a day');
  });

  it('doctor, in its own process, goes by when the server last saw each sibling', async () => {
    const asDoctor = { ...diss.config, p2pListen: ['/ip4/127.0.0.1/tcp/4001'] };
    const probes = { ...systemProbes, now: diss.clock.now };
    // An hour on: the server keeps noting its connected sibling as seen, which is what doctor reads.
    diss.clock.advanceMinutes(60);
    const fresh = await eventually('Eye noted as seen again', async () => {
      const check = (await runHealthChecks(diss.database.db, asDoctor, probes)).find(
        (c) => c.name === 'Neighbouring towns',
      )!;
      return check.detail.includes('1 of 2 seen by the server in the last few minutes: Eye.') && check;
    });
    expect(fresh.detail).toContain('1 of 2 seen by the server in the last few minutes: Eye.');
    expect(fresh.detail).toContain('Bungay: not seen lately, never seen.');

    const alone = (await runHealthChecks(diss.database.db, { ...diss.config, p2pListen: [] }, probes)).find(
      (c) => c.name === 'Neighbouring towns',
    )!;
    expect(alone).toMatchObject({
      level: 'warn',
      detail: expect.stringContaining('without its peer layer'),
      advice: expect.stringContaining('MARKETCROSS_P2P_LISTEN'),
    });
  });
});

describe('marketcross doctor', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());

  it('gives a verdict and what to do, and exits 1 when something needs fixing now', async () => {
    expect((await cli(['demo', '--data-dir', data.dir])).code).toBe(0);
    const before = await cli(['doctor', '--data-dir', data.dir]);
    expect(before.code).toBe(1);
    expect(before.out).toContain('[FAIL] Backups: There is no backup yet.');
    expect(before.out).toContain('What to do: Take one now: marketcross backup');
    expect(before.out).toContain('[ ok ] Clock'); // the demo's history is all in the past
    expect(before.out).toMatch(/needs fixing now/);
    expect((await cli(['backup', '--data-dir', data.dir])).code).toBe(0);
    const after = await cli(['doctor', '--data-dir', data.dir]);
    expect(after.out).toContain('[ ok ] Backups');
    expect(after.out).toContain('[ ok ] Database');
  });
});
