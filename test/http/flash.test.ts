import { describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/http/context.js';
import { createFlash, FLASH_MINUTES, MAX_FLASHES } from '../../src/http/flash.js';

/** A request from the browser with this CSRF id, signed in as `memberId` (or a visitor). */
function request(browserId: string | undefined, memberId: number | null = null): AppContext {
  return {
    cookies: { get: () => browserId },
    state: { actor: memberId === null ? null : { id: memberId } },
  } as unknown as AppContext;
}

describe('the flash', () => {
  const browser = 'b'.repeat(32);

  it('gives a value back to the browser and member that left it, once with take, again with peek', () => {
    const flash = createFlash(() => new Date('2026-11-22T10:00:00Z'));
    flash.put(request(browser, 7), 'secret', 'abc');
    flash.put(request(browser), 'outcome', { vouches: 1 });
    expect(flash.take(request(browser, 8), 'secret')).toBeUndefined();
    expect(flash.take(request(browser), 'secret')).toBeUndefined();
    expect(flash.take(request('c'.repeat(32), 7), 'secret')).toBeUndefined();
    expect(flash.take(request(browser, 7), 'secret')).toBe('abc');
    expect(flash.take(request(browser, 7), 'secret')).toBeUndefined();
    expect(flash.peek(request(browser), 'outcome')).toEqual({ vouches: 1 });
    expect(flash.peek(request(browser), 'outcome')).toEqual({ vouches: 1 });
    expect(flash.peek(request(browser, 7), 'outcome')).toBeUndefined();
  });

  it('keeps nothing for a request without a browser id', () => {
    const flash = createFlash(() => new Date());
    flash.put(request(undefined), 'outcome', 1);
    expect(flash.peek(request(undefined), 'outcome')).toBeUndefined();
  });

  it('forgets a value after FLASH_MINUTES', () => {
    let now = new Date('2026-11-22T10:00:00Z');
    const flash = createFlash(() => now);
    flash.put(request(browser), 'outcome', 1);
    now = new Date(now.getTime() + FLASH_MINUTES * 60_000 - 1);
    expect(flash.peek(request(browser), 'outcome')).toBe(1);
    now = new Date(now.getTime() + 1);
    expect(flash.peek(request(browser), 'outcome')).toBeUndefined();
  });

  it('holds at most MAX_FLASHES values, dropping the oldest', () => {
    const flash = createFlash(() => new Date('2026-11-22T10:00:00Z'));
    const browsers = Array.from({ length: MAX_FLASHES + 1 }, (_, i) => `browser-${String(i).padStart(20, '0')}`);
    for (const id of browsers) flash.put(request(id), 'outcome', id);
    expect(flash.peek(request(browsers[0]), 'outcome')).toBeUndefined();
    expect(flash.peek(request(browsers[1]), 'outcome')).toBe(browsers[1]);
    expect(flash.peek(request(browsers.at(-1)), 'outcome')).toBe(browsers.at(-1));
  });
});
