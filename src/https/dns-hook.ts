import { execFile } from 'node:child_process';

/**
 * The stewards' DNS hook: a script that adds the `_acme-challenge` TXT record to the community's domain, then removes
 * it. It is called as certbot calls its manual hooks, so a hook written for certbot works with one line of glue:
 * `CERTBOT_DOMAIN` (the box's name) and `CERTBOT_VALIDATION` (the record's value) in its environment, and its first
 * argument `auth` to add the record or `cleanup` to remove it. On `cleanup`, `CERTBOT_AUTH_OUTPUT` holds what `auth`
 * printed (a record id, for providers that delete by id). `auth` returns once the record is published.
 */
export type HookAction = 'auth' | 'cleanup';

export interface HookCall {
  readonly domain: string;
  readonly validation: string;
  /** What the `auth` call printed, given back to `cleanup`. */
  readonly authOutput?: string;
}

/** A provider's API may be slow, and a hook may wait for the record to spread to every name server; not forever. */
const HOOK_TIMEOUT_MS = 5 * 60_000;

/** The hook failed: its exit status (or how it was stopped) and the last thing it said, for the health page. */
class DnsHookError extends Error {
  override name = 'DnsHookError';
}

export function runDnsHook(hook: string, action: HookAction, call: HookCall): Promise<string> {
  const env = {
    ...process.env,
    CERTBOT_DOMAIN: call.domain,
    CERTBOT_VALIDATION: call.validation,
    CERTBOT_AUTH_OUTPUT: call.authOutput ?? '',
  };
  return new Promise((resolve, reject) => {
    execFile(hook, [action], { env, timeout: HOOK_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) {
        resolve(stdout.trim());
        return;
      }
      const said = lastLine(stderr) ?? lastLine(stdout);
      const how =
        typeof error.code === 'number'
          ? `exited with status ${error.code}`
          : error.killed
            ? `was stopped after ${HOOK_TIMEOUT_MS / 60_000} minutes`
            : `could not be run (${error.message})`;
      reject(new DnsHookError(`The DNS hook ${hook} ${action} ${how}${said ? `: ${said}` : ''}`));
    });
  });
}

function lastLine(output: string): string | undefined {
  return output
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '')
    .at(-1)
    ?.slice(0, 300);
}
