import { asError } from './exchange.js';

/**
 * The peer layer's logger, scoped in libp2p's way: the service logs as `sync`,
 * each part as `sync:<part>` (`forComponent`). A failure is not logged once
 * the service is stopping: streams and dials cut short by the stop are no news.
 */
export interface SyncLogger {
  info(line: string): void;
  /** Logs that `doing` failed, and why; unless the service is stopping. */
  warn(doing: string, error: unknown): void;
  forComponent(name: string): SyncLogger;
}

export function syncLogger(log: (line: string) => void, stopping: AbortSignal, scope = 'sync'): SyncLogger {
  return {
    info: (line) => log(`${scope}: ${line}`),
    warn: (doing, error) => {
      if (!stopping.aborted) log(`${scope}: ${doing} failed: ${asError(error).message}`);
    },
    forComponent: (name) => syncLogger(log, stopping, `${scope}:${name}`),
  };
}
