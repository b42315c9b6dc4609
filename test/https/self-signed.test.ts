import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpsConfig } from '../../src/config.js';
import { readCertificate } from '../../src/https/certificate-store.js';
import { cli, tempDataDir } from '../cli/cli-io.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { freePort } from '../helpers/ports.js';
import { giveSelfSignedCertificate } from './self-signed.js';

/**
 * What a box does once it serves HTTPS, with a self-signed certificate for its name in place of one from an ACME
 * server (test/https/https.test.ts orders real ones from pebble): how it answers what Node refuses on the HTTPS port,
 * and the address `marketcross address` and `marketcross serve` give.
 */
const NAME = 'box.planetdiss.org';

/** Sends `request` as it is over TLS (fetch would refuse to send broken HTTP) and returns all the box answered. */
function rawTlsRequest(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername: NAME, rejectUnauthorized: false }, () =>
      socket.end(request),
    );
    const chunks: Buffer[] = [];
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', reject);
  });
}

/** A name and a hook that is never called: the certificate is already there and not due for renewal. */
function httpsEnv(port: number): NodeJS.ProcessEnv {
  return {
    MARKETCROSS_HTTPS_NAME: NAME,
    MARKETCROSS_HTTPS_DNS_HOOK: '/bin/false',
    MARKETCROSS_HTTPS_PORT: String(port),
  };
}

describe('the HTTPS port, for requests Node refuses before the app sees them', () => {
  let box: TestBox;
  let port: number;
  beforeAll(async () => {
    port = await freePort();
    const settings: HttpsConfig = {
      name: NAME,
      dnsHook: '/bin/false',
      port,
      acmeDirectory: 'https://127.0.0.1:9/directory',
      acmeCaFile: null,
      email: null,
    };
    box = await startSetUpBox({ https: settings });
    giveSelfSignedCertificate(box.config.dataDir, NAME);
    box.https!.serving.certificateChanged(readCertificate(box.config.dataDir)!);
    // The HTTPS server starts listening with the certificate it is handed.
    for (let i = 0; i < 200 && !box.https!.serving.url(); i++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(box.https!.serving.url()).toBe(`https://${NAME}:${port}`);
  });
  afterAll(() => box?.close());

  it('answers garbage over TLS as the plain port does: a page for a person, the error shape for the API', async () => {
    const broken = (path: string) => `GET ${path} HTTP/1.1\r\nHost: box\r\nAccept-Language: fr\r\nNot a header\r\n\r\n`;
    const page = await rawTlsRequest(port, broken('/members'));
    expect(page).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(page).toContain('<title>Demande incomprise</title>');
    expect(page).toContain('<a href="/members">Recommencer</a>');

    const api = await rawTlsRequest(port, broken('/api/v1/me'));
    expect(api).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(JSON.parse(api.slice(api.indexOf('\r\n\r\n') + 4))).toEqual({
      error: { code: 'bad_request', message: 'La demande n’a pas pu être comprise.' },
    });

    const noise = await rawTlsRequest(port, '\u0001\u0002 not HTTP at all\r\n\r\n');
    expect(noise).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(noise).toContain('"code":"bad_request"');
  });

  it('answers headers too large in the error shape, where Node alone would answer with no words', async () => {
    // Over TLS the request comes in records of at most 16 kB and Node hands the handler only the piece it was reading:
    // without the request line, the box cannot tell a page from the API and answers in the API's shape.
    const long = await rawTlsRequest(port, `GET /listings?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: box\r\n\r\n`);
    expect(long).toMatch(/^HTTP\/1\.1 431 /);
    expect(long).toContain('"code":"headers_too_large"');
  });
});

describe('the address a box serving HTTPS gives', () => {
  it('marketcross address gives the HTTPS address, its QR code, and the plain one as sending browsers on', async () => {
    const [data, bare] = [tempDataDir(), tempDataDir()];
    try {
      const port = await freePort();
      giveSelfSignedCertificate(data.dir, NAME);
      const run = await cli(['address', '--data-dir', data.dir], { env: httpsEnv(port) });
      expect(run.code).toBe(0);
      expect(run.out).toContain(`Open Marketcross in a browser at https://${NAME}:${port}/ (HTTPS)`);
      expect(run.out).toContain('Plain HTTP (http://127.0.0.1:8080/) sends browsers there.');
      expect(run.out).toContain(`Open https://${NAME}:${port}/setup and enter the one-time setup code:`);
      expect(run.out).toMatch(/[▀▄█]{3}/);
      // Without a certificate for its name, the plain address is the one to open, as before.
      const plain = await cli(['address', '--data-dir', bare.dir], { env: httpsEnv(port) });
      expect(plain.out).toContain('Open http://127.0.0.1:8080/setup');
    } finally {
      data.remove();
      bare.remove();
    }
  });

  it('marketcross serve says it serves the HTTPS address, and that plain HTTP sends browsers there', async () => {
    const data = tempDataDir();
    const [port, httpsPort] = [await freePort(), await freePort()];
    giveSelfSignedCertificate(data.dir, NAME);
    const serving = cli(['serve', '--data-dir', data.dir, '--host', '127.0.0.1', '--port', String(port), '--no-p2p'], {
      env: httpsEnv(httpsPort),
    });
    try {
      await expect
        .poll(() => rawTlsRequest(httpsPort, 'GET /healthz HTTP/1.1\r\nHost: box\r\n\r\n').catch(() => ''), {
          timeout: 15_000,
        })
        .toMatch(/^HTTP\/1\.1 200 /);
    } finally {
      process.emit('SIGINT'); // as Ctrl-C
      const served = await serving;
      data.remove();
      expect(served.code).toBe(0);
      expect(served.out).toMatch(
        new RegExp(`is serving https://${NAME.replaceAll('.', '\\.')}:${httpsPort} \\(data in`),
      );
      expect(served.out).toContain(`Plain HTTP at http://127.0.0.1:${port} sends browsers to HTTPS.`);
      expect(served.out).toContain(`Open https://${NAME}:${httpsPort}/setup and enter the setup code:`);
    }
  });
});
