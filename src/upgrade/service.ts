import { spawnSync } from 'node:child_process';
import { runningServerPid } from '../backup/server-lock.js';

/** The systemd service that runs `marketcross serve`, as the upgrade needs it. */
export interface ServiceControl {
  readonly name: string;
  isActive(): boolean;
  /** Returns once the service has stopped (systemctl waits for it). */
  stop(): void;
  start(): void;
}

export function systemdService(name: string, env: NodeJS.ProcessEnv): ServiceControl {
  const systemctl = (...args: string[]) => spawnSync('systemctl', args, { env, encoding: 'utf8' });
  const must = (verb: 'stop' | 'start') => {
    const run = systemctl(verb, name);
    if (run.error) throw new Error(`systemctl could not be run (${run.error.message})`);
    if (run.status !== 0)
      throw new Error(
        `"systemctl ${verb} ${name}" failed: ${(run.stderr || run.stdout).trim() || `exit code ${run.status}`}`,
      );
  };
  return {
    name,
    isActive: () => systemctl('is-active', '--quiet', name).status === 0,
    stop: () => must('stop'),
    start: () => must('start'),
  };
}

/** Waits until no server holds the data directory (a stopped service's process may take a moment to be gone). */
export async function waitForServerToExit(dataDir: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pid = runningServerPid(dataDir); pid !== null; pid = runningServerPid(dataDir)) {
    if (Date.now() > deadline)
      throw new Error(
        `the server (process ${pid}) is still running ${Math.round(timeoutMs / 1000)} seconds after it was told to stop`,
      );
    await sleep(200);
  }
}

/**
 * Waits until the box answers `/healthz` as `version`: a service that starts
 * but whose app cannot serve (a broken release) is a failed upgrade, not a
 * success. A service that stops meanwhile has failed already.
 */
export async function waitUntilServing(
  healthUrl: string,
  version: string,
  service: ServiceControl,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  for (;;) {
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json().catch(() => ({}))) as { version?: string; status?: string };
      if (response.ok && body.version === version) return;
      last = `it answered ${response.status}${body.version ? ` as version ${body.version}` : ''}`;
    } catch (error) {
      last = (error as Error).message;
    }
    if (!service.isActive())
      throw new Error(
        `the service ${service.name} stopped instead of serving (sudo journalctl -u ${service.name} -n 50 shows why)`,
      );
    if (Date.now() > deadline)
      throw new Error(
        `the box did not answer ${healthUrl} as version ${version} within ${Math.round(timeoutMs / 1000)} seconds (${last})`,
      );
    await sleep(500);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
