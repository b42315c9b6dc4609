import fs from 'node:fs';
import path from 'node:path';

/**
 * `marketcross serve` writes its process id to `<data dir>/marketcross.pid`,
 * so commands that must not run beside it (restore) can tell. A file left by a
 * crash names a process that is gone, and is ignored.
 */
function pidFile(dataDir: string): string {
  return path.join(dataDir, 'marketcross.pid');
}

export function claimServerLock(dataDir: string): () => void {
  const file = pidFile(dataDir);
  fs.writeFileSync(file, `${process.pid}\n`);
  return () => fs.rmSync(file, { force: true });
}

export function runningServerPid(dataDir: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(pidFile(dataDir), 'utf8'), 10);
  } catch {
    return null;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}
