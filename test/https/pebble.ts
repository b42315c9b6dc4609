import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import dns from 'node:dns';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';

/**
 * Debian's `pebble` (Let's Encrypt's ACME test server) and `pebble-challtestsrv` (its DNS server, whose records an HTTP
 * API sets), on 127.0.0.1 only: pebble asks challtestsrv for the `_acme-challenge` TXT records a box's DNS hook
 * publishes there, as Let's Encrypt asks a community's DNS provider.
 */
export interface Pebble {
  /** The ACME directory, over HTTPS signed by `listenerCa`. */
  readonly directoryUrl: string;
  /** The file holding the CA of pebble's own listener (a box trusts it through MARKETCROSS_ACME_CA_FILE). */
  readonly listenerCaFile: string;
  /** challtestsrv's HTTP API (`/set-txt`, `/clear-txt`), which the test's DNS hook calls. */
  readonly dnsApi: string;
  /** Resolves names as the venue's DNS would: through challtestsrv, which answers 127.0.0.1 for every name. */
  resolveName(name: string): Promise<string[]>;
  /** The root the certificates pebble issues chain to (it makes a new one each time it starts). */
  root(): Promise<string>;
  stop(): Promise<void>;
}

const MISSING =
  'The HTTPS tests need Debian’s pebble package (pebble and pebble-challtestsrv) and openssl. `npm test` installs ' +
  'them through provisioning/dev-setup.sh; by hand: sudo apt-get install -y pebble openssl';

function onPath(command: string): boolean {
  return (process.env.PATH ?? '').split(':').some((dir) => fs.existsSync(path.join(dir, command)));
}

export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export async function startPebble(workDir: string): Promise<Pebble> {
  for (const command of ['pebble', 'pebble-challtestsrv', 'openssl']) if (!onPath(command)) throw new Error(MISSING);
  const [acmePort, managementPort, dnsPort, dnsApiPort] = await Promise.all(Array.from({ length: 4 }, freePort));
  const { configFile, listenerCaFile } = await writePebbleConfig(workDir, acmePort, managementPort);
  const children: ChildProcess[] = [];
  const output: string[] = [];
  const run = (command: string, args: string[], env: NodeJS.ProcessEnv = {}) => {
    const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    children.push(child);
  };
  run('pebble-challtestsrv', [
    ...['-dns01', `127.0.0.1:${dnsPort}`, '-management', `127.0.0.1:${dnsApiPort}`],
    ...['-http01', '', '-https01', '', '-tlsalpn01', '', '-defaultIPv6', ''],
  ]);
  // No pauses before validating, and no nonces refused at random: the test is about the box, not about retries.
  run('pebble', ['-config', configFile, '-dnsserver', `127.0.0.1:${dnsPort}`], {
    PEBBLE_VA_NOSLEEP: '1',
    PEBBLE_WFE_NONCEREJECT: '0',
  });
  const ca = fs.readFileSync(listenerCaFile);
  const get = (url: string) =>
    new Promise<string>((resolve, reject) => {
      https
        .get(url, { ca }, (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () =>
            response.statusCode === 200 ? resolve(body) : reject(new Error(`${url}: ${response.statusCode}`)),
          );
        })
        .on('error', reject);
    });
  const stop = async () => {
    for (const child of children) child.kill('SIGTERM');
    await Promise.all(
      children.map((child) => (child.exitCode === null ? new Promise((r) => child.once('exit', r)) : null)),
    );
  };
  const directoryUrl = `https://127.0.0.1:${acmePort}/dir`;
  await waitFor(async () => {
    await get(directoryUrl);
    await fetch(`http://127.0.0.1:${dnsApiPort}/`); // any answer: challtestsrv is listening
  }).catch(async (error: Error) => {
    await stop();
    throw new Error(`pebble did not start: ${error.message}\n${output.join('')}`);
  });
  const resolver = new dns.promises.Resolver();
  resolver.setServers([`127.0.0.1:${dnsPort}`]);
  return {
    directoryUrl,
    listenerCaFile,
    dnsApi: `http://127.0.0.1:${dnsApiPort}`,
    resolveName: (name) => resolver.resolve4(name),
    root: () => get(`https://127.0.0.1:${managementPort}/roots/0`),
    stop,
  };
}

async function waitFor(probe: () => Promise<unknown>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      await probe();
      return;
    } catch (error) {
      if (Date.now() > until) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/** Pebble's configuration, and the throwaway certificate of its own HTTPS listener (for 127.0.0.1, trusted here). */
async function writePebbleConfig(workDir: string, acmePort: number, managementPort: number) {
  const listenerKey = path.join(workDir, 'pebble-listener.key');
  const listenerCaFile = path.join(workDir, 'pebble-listener.pem');
  execFileSync(
    'openssl',
    [
      ...['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes', '-days', '1'],
      ...['-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1,DNS:localhost'],
      ...['-keyout', listenerKey, '-out', listenerCaFile],
    ],
    { stdio: 'ignore' },
  );
  const configFile = path.join(workDir, 'pebble-config.json');
  // Only DNS-01 is used; the other challenges' ports are free ones on loopback, never dialled.
  const [httpPort, tlsPort] = await Promise.all([freePort(), freePort()]);
  const pebble = {
    listenAddress: `127.0.0.1:${acmePort}`,
    managementListenAddress: `127.0.0.1:${managementPort}`,
    certificate: listenerCaFile,
    privateKey: listenerKey,
    httpPort,
    tlsPort,
    ocspResponderURL: '',
    externalAccountBindingRequired: false,
  };
  fs.writeFileSync(configFile, JSON.stringify({ pebble }));
  return { configFile, listenerCaFile };
}
