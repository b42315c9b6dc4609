import { browserIdOf } from './csrf.js';
import type { AppContext } from './context.js';

/** How long a flash waits for its page: the GET after a 303 comes at once, and a reload soon after. */
export const FLASH_MINUTES = 10;
/**
 * At most this many are kept, the oldest going first: visitors can make one
 * per join request, and memory on a Pi is small whatever anyone sends.
 */
export const MAX_FLASHES = 1000;

interface Entry {
  value: unknown;
  memberId: number | null;
  expiresAt: number;
}

/**
 * The result of a successful form, carried across its POST → 303 → GET when the
 * GET page cannot read it back from the database: a secret that leaves the box
 * once (an invite link, an API token, a reset link: only their hashes are
 * stored), or the answer to a visitor's join request (a visitor has no session).
 *
 * Held in memory only, never in a URL (which browsers keep in their history and
 * proxies write to their logs) nor in the database. An entry belongs to the
 * browser that posted the form, by its CSRF id (which is renewed at sign-in and
 * sign-out), and to the member signed in on it then, or to no member for a
 * visitor: nobody else can read it. A restart forgets every entry; the pages
 * say what to do when theirs is gone.
 */
export interface Flash {
  put(ctx: AppContext, slot: string, value: unknown): void;
  /** Reads and forgets: a secret is shown once. */
  take<T>(ctx: AppContext, slot: string): T | undefined;
  /** Reads and keeps, until it expires: an outcome a reload should show again. */
  peek<T>(ctx: AppContext, slot: string): T | undefined;
}

export function createFlash(now: () => Date): Flash {
  const entries = new Map<string, Entry>(); // in insertion order, so the oldest come first

  function keyOf(ctx: AppContext, slot: string): string | undefined {
    const browserId = browserIdOf(ctx);
    return browserId === undefined ? undefined : `${browserId} ${slot}`;
  }

  function find(ctx: AppContext, slot: string): { key: string; value: unknown } | undefined {
    const key = keyOf(ctx, slot);
    const entry = key === undefined ? undefined : entries.get(key);
    if (!entry || entry.memberId !== (ctx.state.actor?.id ?? null)) return undefined;
    if (entry.expiresAt <= now().getTime()) {
      entries.delete(key!);
      return undefined;
    }
    return { key: key!, value: entry.value };
  }

  return {
    put(ctx, slot, value) {
      // A POST always has a browser id (the CSRF check needs one); without one there is no page to show it on.
      const key = keyOf(ctx, slot);
      if (key === undefined) return;
      const at = now().getTime();
      for (const [old, entry] of entries) {
        if (entry.expiresAt > at && entries.size < MAX_FLASHES) break;
        entries.delete(old);
      }
      entries.delete(key); // a new value goes to the back, with the newest
      entries.set(key, { value, memberId: ctx.state.actor?.id ?? null, expiresAt: at + FLASH_MINUTES * 60_000 });
    },
    take<T>(ctx: AppContext, slot: string) {
      const found = find(ctx, slot);
      if (found) entries.delete(found.key);
      return found?.value as T | undefined;
    },
    peek<T>(ctx: AppContext, slot: string) {
      return find(ctx, slot)?.value as T | undefined;
    },
  };
}
