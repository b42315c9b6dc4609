import fs from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { HttpsConfig } from '../../src/config.js';
import { checkWords, runHealthChecks, systemProbes } from '../../src/health/checks.js';
import { namedUrl } from '../../src/health/https-check.js';
import { httpsDirectory } from '../../src/https/certificate-store.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';
import { cli, tempDataDir } from '../cli/cli-io.js';
import { startSetUpBox, startTestBox, type TestBox } from '../helpers/box.js';
import { freePort, type Pebble, startPebble } from './pebble.js';
import { signedInSteward } from '../members/helpers.js';

/**
 * HTTPS on the venue network, end to end: a box with a name orders its certificate from pebble (the ACME test server)
 * by DNS-01, through a DNS hook like one a steward writes for their provider, here calling pebble-challtestsrv's API,
 * the DNS server pebble asks. Everything listens on 127.0.0.1.
 */
const NAME = 'box.planetdiss.org';
const english = createTranslator(catalogues).forLocale('en');

/** A steward's hook for a DNS provider with an HTTP API: add the TXT record on `auth`, remove it on `cleanup`. */
function writeHook(dir: string, api: string): string {
  const hook = path.join(dir, 'dns-hook.sh');
  fs.writeFileSync(
    hook,
    `#!/bin/sh
set -eu
record="_acme-challenge.$CERTBOT_DOMAIN."
case "$1" in
  auth) curl -fsS -X POST -d "{\\"host\\":\\"$record\\",\\"value\\":\\"$CERTBOT_VALIDATION\\"}" ${api}/set-txt ;;
  cleanup) curl -fsS -X POST -d "{\\"host\\":\\"$record\\"}" ${api}/clear-txt ;;
esac
`,
    { mode: 0o755 },
  );
  return hook;
}

/** A hook whose provider refuses it, as when an API token has expired. */
function writeFailingHook(dir: string): string {
  const hook = path.join(dir, 'failing-hook.sh');
  fs.writeFileSync(hook, '#!/bin/sh\necho "provider says: API token expired" >&2\nexit 1\n', { mode: 0o755 });
  return hook;
}

interface HttpsAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  serial: string;
}

/** A request over a new TLS connection to the box, checking its certificate against pebble's root and the name. */
function overHttps(port: number, target: string, ca: string): Promise<HttpsAnswer> {
  return new Promise((resolve, reject) => {
    const request = https.get({ host: '127.0.0.1', port, path: target, servername: NAME, ca, agent: false }, (res) => {
      const serial = (res.socket as TLSSocket).getPeerCertificate().serialNumber;
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, serial }));
    });
    request.on('error', reject);
  });
}

// One pebble, and one box with a name and a working hook, for the whole file: its tests follow that box's certificate
// from the first order to its renewal.
let work: string;
let pebble: Pebble;
let box: TestBox;
let settings: HttpsConfig;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-https-'));
  pebble = await startPebble(work);
  settings = {
    name: NAME,
    dnsHook: writeHook(work, pebble.dnsApi),
    port: await freePort(),
    acmeDirectory: pebble.directoryUrl,
    acmeCaFile: pebble.listenerCaFile,
    email: 'stewards@planetdiss.org',
  };
  box = await startTestBox({ https: settings });
}, 20_000);
afterAll(async () => {
  await box?.close();
  await pebble?.stop();
  fs.rmSync(work, { recursive: true, force: true });
});

describe('a box with a name, against pebble', () => {
  it('serves plain HTTP until it has a certificate', async () => {
    const page = await fetch(`${box.url}/signin`, { redirect: 'manual' });
    expect(page.status).toBe(200);
    expect(page.headers.get('set-cookie')).not.toMatch(/secure/i);
    expect(box.https!.serving.url()).toBeNull();
  });

  it('obtains a certificate by DNS-01 through the hook, keeps its keys private, and serves HTTPS with it', async () => {
    const done = await box.https!.keeper.renewIfDue(new Date());
    expect(done).toMatchObject({ key: 'health.https.obtained', values: { name: 'box.planetdiss.org' } });
    const folder = httpsDirectory(box.config.dataDir);
    expect(fs.statSync(folder).mode & 0o777).toBe(0o700);
    for (const file of ['account.key', 'certificate.key', 'certificate.pem', 'state.json'])
      expect(fs.statSync(path.join(folder, file)).mode & 0o777).toBe(0o600);

    const root = await pebble.root();
    const health = await overHttps(settings.port, '/healthz', root); // verified against pebble's root, for the name
    expect(health.status).toBe(200);
    expect(box.https!.serving.url()).toBe(`https://${NAME}:${settings.port}`);
    const signIn = await overHttps(settings.port, '/signin', root);
    expect(String(signIn.headers['set-cookie'])).toMatch(/; secure/i); // Secure by itself over HTTPS
    expect(signIn.headers['strict-transport-security']).toBeUndefined(); // not before a renewal has worked
  });

  it('sends browsers from plain HTTP to the same page over HTTPS, but answers monitors on /healthz', async () => {
    const page = await fetch(`${box.url}/listings?q=bread`, { redirect: 'manual' });
    expect(page.status).toBe(308);
    expect(page.headers.get('location')).toBe(`https://${NAME}:${settings.port}/listings?q=bread`);
    expect((await fetch(`${box.url}/healthz`, { redirect: 'manual' })).status).toBe(200);
  });
});

describe('its renewal and its health', () => {
  it('renews near the end, serves the new certificate without a restart, and only then sends HSTS', async () => {
    const root = await pebble.root();
    const before = await overHttps(settings.port, '/healthz', root);
    expect(await box.https!.keeper.renewIfDue(new Date())).toBeNull(); // not due
    const nearTheEnd = new Date(box.https!.keeper.current()!.notAfter.getTime() - 10 * 86_400_000);
    expect(await box.https!.keeper.renewIfDue(nearTheEnd)).toMatchObject({ key: 'health.https.obtained' });
    const after = await overHttps(settings.port, '/healthz', root);
    expect(after.serial).not.toBe(before.serial);
    expect(after.headers['strict-transport-security']).toBe('max-age=31536000');
  });

  it('reports the certificate and that the name leads to the box', async () => {
    const probes = { ...systemProbes, resolveName: pebble.resolveName };
    const checks = (await runHealthChecks(box.database.db, box.config, probes)).map((c) => checkWords(c, english));
    const check = checks.find((c) => c.name === 'HTTPS')!;
    expect(check.level).toBe('ok');
    expect(check.detail).toMatch(/The certificate for box\.planetdiss\.org is valid until .* days left\)/);
    expect(check.detail).toContain('box.planetdiss.org leads to this box (127.0.0.1).');
    // The address the health page shows and puts in its QR code is the name now.
    expect(namedUrl(box.config, new Date())).toBe(`https://${NAME}:${settings.port}/`);
  });

  it('warns of a certificate near its end and of a name that leads nowhere, saying what to do', async () => {
    const notAfter = box.https!.keeper.current()!.notAfter.getTime();
    const https = async (now: Date, resolveName: (name: string) => Promise<string[]>) =>
      (await runHealthChecks(box.database.db, box.config, { ...systemProbes, now: () => now, resolveName }))
        .map((c) => checkWords(c, english))
        .find((c) => c.name === 'HTTPS')!;
    const soon = await https(new Date(notAfter - 20 * 86_400_000), pebble.resolveName);
    expect(soon.level).toBe('warn');
    expect(soon.detail).toContain('(20 days left)');
    expect(soon.advice).toMatch(/Make sure the box reaches the internet/);
    expect((await https(new Date(notAfter - 5 * 86_400_000), pebble.resolveName)).level).toBe('fail');
    expect((await https(new Date(notAfter + 86_400_000), pebble.resolveName)).detail).toMatch(/ended on/);

    const nowhere = await https(new Date(), async () => []);
    expect(nowhere.level).toBe('warn');
    expect(nowhere.detail).toContain('box.planetdiss.org does not lead anywhere on this network');
    expect(nowhere.advice).toMatch(/On a venue’s router, add a local DNS entry/);
  });
});

describe('a box whose DNS hook fails', () => {
  it('shows it on the health page and in doctor, with what to do', async () => {
    const failing: HttpsConfig = { ...settings, dnsHook: writeFailingHook(work), port: await freePort() };
    const broken = await startSetUpBox({ https: failing });
    const resolveName = vi.spyOn(systemProbes, 'resolveName').mockImplementation(pebble.resolveName);
    try {
      await expect(broken.https!.keeper.renewIfDue(new Date())).rejects.toThrow(/API token expired/);
      const steward = await signedInSteward(broken);
      const page = await steward.get('/stewards/health'); // still plain HTTP: there is no certificate
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/No certificate for box\.planetdiss\.org yet, so the box serves plain HTTP/);
      expect(page.text).toMatch(/exited with status 1: provider says: API token expired/);
      expect(page.text).toContain('Check the DNS hook by hand on the box');

      const env = { MARKETCROSS_HTTPS_NAME: NAME, MARKETCROSS_HTTPS_DNS_HOOK: failing.dnsHook };
      const doctor = await cli(['doctor', '--data-dir', broken.config.dataDir], { env });
      expect(doctor.out).toMatch(/\[FAIL\] HTTPS: No certificate for box\.planetdiss\.org yet/);
      expect(doctor.out).toContain('What to do: Check the DNS hook by hand on the box');
      expect(doctor.code).toBe(1);
    } finally {
      resolveName.mockRestore();
      await broken.close();
    }
  });
});

describe('marketcross serve with a name', () => {
  it('asks for its certificate as it starts and serves HTTPS with it, without being told twice', async () => {
    const data = tempDataDir();
    const [port, httpsPort] = [await freePort(), await freePort()];
    const env = {
      MARKETCROSS_HTTPS_NAME: NAME,
      MARKETCROSS_HTTPS_DNS_HOOK: settings.dnsHook,
      MARKETCROSS_HTTPS_PORT: String(httpsPort),
      MARKETCROSS_ACME_DIRECTORY: pebble.directoryUrl,
      MARKETCROSS_ACME_CA_FILE: pebble.listenerCaFile,
    };
    const serving = cli(['serve', '--data-dir', data.dir, '--host', '127.0.0.1', '--port', String(port), '--no-p2p'], {
      env,
    });
    try {
      const root = await pebble.root();
      const until = Date.now() + 15_000;
      let answer: Awaited<ReturnType<typeof overHttps>> | null = null;
      while (!answer && Date.now() < until) {
        answer = await overHttps(httpsPort, '/healthz', root).catch(() => null);
        if (!answer) await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(answer?.status).toBe(200);
      expect((await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' })).status).toBe(308);
    } finally {
      process.emit('SIGINT'); // as Ctrl-C: serve stops its servers and its jobs
      const served = await serving;
      // One order, though the start-up try and the scheduler's first run of the renewal job both asked.
      const state = JSON.parse(fs.readFileSync(path.join(httpsDirectory(data.dir), 'state.json'), 'utf8'));
      data.remove();
      expect(state.obtained).toBe(1);
      expect(served.out).toMatch(/HTTPS: Obtained a certificate for box\.planetdiss\.org/);
      expect(served.code).toBe(0);
    }
  });
});
