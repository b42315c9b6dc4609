import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { freePort } from '../helpers/ports.js';

/** The systemd unit the box runs under: benchmarks start the server the way it does. */
export const UNIT = 'appliance/systemd/marketcross.service';

/** What the unit gives node: the flags before the script in `ExecStart=`, and the `Environment=` variables. */
export function productionLaunch(unitText = fs.readFileSync(UNIT, 'utf8')): {
  nodeFlags: string[];
  env: Record<string, string>;
} {
  const env: Record<string, string> = {};
  let nodeFlags: string[] = [];
  for (const line of unitText.split('\n')) {
    const environment = /^Environment=(.*)$/.exec(line.trim());
    if (environment) {
      for (const [, quoted, bare] of environment[1]!.matchAll(/"([^"]*)"|(\S+)/g)) {
        const assignment = quoted ?? bare!;
        const eq = assignment.indexOf('=');
        env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
      }
    }
    const exec = /^ExecStart=(\S+)\s+(.*)$/.exec(line.trim());
    if (exec) {
      const words = exec[2]!.split(/\s+/);
      nodeFlags = words.slice(
        0,
        words.findIndex((w) => w.endsWith('.js')),
      );
    }
  }
  return { nodeFlags, env };
}

export interface ServedBox {
  child: ChildProcess;
  url: string;
  /** Where its peer layer listens: on, as on the appliance, but on a free port rather than 4001. */
  p2pListen: string;
}

/**
 * Starts `marketcross serve` from the build (`npm run build` first) on
 * `dataDir`, on free ports on 127.0.0.1, with the given node flags and
 * environment (`productionLaunch()` for the unit's); resolves with its URL
 * once it serves.
 */
export async function serveBuiltBox(
  dataDir: string,
  launch: { nodeFlags: string[]; env: Record<string, string> },
): Promise<ServedBox> {
  const port = String(await freePort());
  const p2pListen = `/ip4/127.0.0.1/tcp/${await freePort()}`;
  const child = spawn(
    process.execPath,
    [
      ...launch.nodeFlags,
      'dist/src/main.js',
      'serve',
      '--data-dir',
      dataDir,
      '--host',
      '127.0.0.1',
      '--port',
      port,
      '--p2p-listen',
      p2pListen,
    ],
    {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...launch.env },
    },
  );
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => {
      const match = /is serving (http:\/\/\S+)/.exec(chunk.toString());
      if (match) resolve({ child, url: match[1]!, p2pListen });
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code}`)));
  });
}

/** Signs in through the box's real form; resolves with the Cookie header a browser would then send. */
export async function signInCookie(url: string, account: string, password: string): Promise<string> {
  const page = await fetch(`${url}/signin`);
  const csrfCookie = page.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const token = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1]!;
  const signedIn = await fetch(`${url}/signin`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie: csrfCookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, account, password }).toString(),
  });
  const session = signedIn.headers.getSetCookie().map((c) => c.split(';')[0]);
  if (session.length === 0) throw new Error(`sign-in failed: ${signedIn.status}`);
  return [csrfCookie, ...session].join('; ');
}

/** A process's resident memory now and its peak (VmHWM), in MB, from /proc. */
export function memoryMb(pid: number): { rss: number; hwm: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status)![1]);
  return { rss: kb('VmRSS') / 1024, hwm: kb('VmHWM') / 1024 };
}

/**
 * Resets the kernel's peak (VmHWM) so that it measures the load alone: signing
 * in (argon2 holds 19 MiB while it runs) and start-up are reported apart.
 * Returns false where the kernel does not allow it.
 */
export function resetPeak(pid: number): boolean {
  try {
    fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}
