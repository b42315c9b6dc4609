import { spawnSync } from 'node:child_process';
import { runningServerPid } from '../backup/server-lock.js';
import { msg } from '../lib/messages.js';
import { StepError } from './upgrade-error.js';

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
    if (run.error) throw new StepError(msg('upgrade.systemctlMissing', { reason: run.error.message }));
    if (run.status !== 0) {
      const said = (run.stderr || run.stdout).trim();
      const silent = said === '' ? 'yes' : 'no';
      throw new StepError(msg('upgrade.systemctlFailed', { verb, name, said, silent, code: String(run.status) }));
    }
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
      throw new StepError(
        msg('upgrade.stillRunning', { pid: String(pid), seconds: String(Math.round(timeoutMs / 1000)) }),
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
  // What the box last said, for the message if it never serves: nothing yet, an answer, or why there was none.
  let last: Record<string, string> = { last: 'none', status: '', answeredAs: '', reason: '' };
  for (;;) {
    try {
      const response = await fetch(healthUrl, { signal: AbortSignal.timeout(2_000) });
      const body = (await response.json().catch(() => ({}))) as { version?: string; status?: string };
      if (response.ok && body.version === version) return;
      const answered = body.version ? 'answeredAs' : 'answered';
      last = { ...last, last: answered, status: String(response.status), answeredAs: body.version ?? '' };
    } catch (error) {
      last = { ...last, last: 'error', reason: (error as Error).message };
    }
    if (!service.isActive()) throw new StepError(msg('upgrade.serviceStopped', { name: service.name }));
    if (Date.now() > deadline) {
      const seconds = String(Math.round(timeoutMs / 1000));
      throw new StepError(msg('upgrade.notServing', { url: healthUrl, version, seconds, ...last }));
    }
    await sleep(500);
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
