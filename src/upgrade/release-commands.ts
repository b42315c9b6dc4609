import { spawn } from 'node:child_process';
import fs from 'node:fs';
import type { Release } from './releases.js';

export interface CommandRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Who the data steps run as: the owner of the data directory, when the upgrade runs as root and that is someone else.
 */
export interface RunAs {
  uid: number;
  gid: number;
}

/**
 * The backup, the migrations and the restore are each done by a release's own
 * `marketcross backup | migrate | restore`, in a child process: only the new
 * release knows its migrations, and the previous release backs up and restores
 * its own database. The upgrade itself runs as root (it switches releases and
 * stops and starts the service); the children run as the data directory's
 * owner, so every file they write there (backups, the -wal file, a restored
 * database) stays readable and writable by the service.
 */
export function dataOwner(dataDir: string): RunAs | null {
  if (process.getuid?.() !== 0) return null;
  try {
    const { uid, gid } = fs.statSync(dataDir);
    return uid === 0 ? null : { uid, gid };
  } catch {
    return null;
  }
}

/**
 * Runs `marketcross <args>` of `release` with this same Node.js; each line it prints is passed to `log` as it comes.
 */
export function runReleaseCommand(
  release: Release,
  args: string[],
  options: { env: NodeJS.ProcessEnv; runAs: RunAs | null; log: (line: string) => void },
): Promise<CommandRun> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [release.main, ...args], {
      cwd: release.dir,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.runAs ?? {}),
    });
    const collect = (stream: NodeJS.ReadableStream, into: string[]) => {
      let partial = '';
      stream.setEncoding('utf8');
      stream.on('data', (chunk: string) => {
        const lines = (partial + chunk).split('\n');
        partial = lines.pop()!;
        for (const line of lines) {
          into.push(line);
          options.log(`  ${line}`);
        }
      });
      stream.on('end', () => {
        if (partial) {
          into.push(partial);
          options.log(`  ${partial}`);
        }
      });
    };
    const out: string[] = [];
    const err: string[] = [];
    collect(child.stdout, out);
    collect(child.stderr, err);
    child.on('error', (error) =>
      resolve({
        code: -1,
        out: out.join('\n'),
        err: `${err.join('\n')}\ncould not run ${release.main}: ${error.message}`.trim(),
      }),
    );
    child.on('close', (code, signal) =>
      resolve({
        code: code ?? -1,
        out: out.join('\n'),
        err: signal ? `${err.join('\n')}\nkilled by ${signal}`.trim() : err.join('\n'),
      }),
    );
  });
}
