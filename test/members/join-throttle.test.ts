import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fingerprint } from '../helpers/bad-input/state.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { joinFields } from './helpers.js';

// The real argon2, counted: a join refused for a cheap reason must not reach it.
const hashes = vi.hoisted(() => ({ count: 0 }));
vi.mock('@node-rs/argon2', async (importOriginal) => {
  const argon2 = await importOriginal<typeof import('@node-rs/argon2')>();
  return {
    ...argon2,
    hash: (...args: Parameters<typeof argon2.hash>) => {
      hashes.count++;
      return argon2.hash(...args);
    },
  };
});

/** Each test has its own box, so its own allowance: every request here comes from one address. */
describe('throttling join requests per address', () => {
  let box: TestBox;
  beforeEach(async () => {
    box = await startSetUpBox({ trustProxy: true });
  });
  afterEach(() => box.close());

  let joins = 0;
  const join = (from: string, overrides: Record<string, string> = {}) => {
    joins += 1;
    return box
      .client()
      .postForm(
        '/join',
        joinFields({ display_name: `Newcomer ${joins}`, contact: `newcomer${joins}@example.org`, ...overrides }),
        { from: '/join', headers: { 'x-forwarded-for': from } },
      );
  };
  const members = async () => (await fingerprint(box)).members;

  it('takes 10 at once from an address, then answers 429 without hashing, and one more a minute later', async () => {
    for (let i = 0; i < 10; i++) expect((await join('10.0.0.1')).status).toBe(303);
    const before = { members: await members(), hashes: hashes.count };

    const refused = await join('10.0.0.1', { display_name: 'Tina Throttled', contact: 'tina@example.org' });
    expect(refused.status).toBe(429);
    expect(refused.text).toContain('Too many requests to join have come from your network');
    expect(refused.text).toContain('try again in 1 minute');
    expect(refused.response.headers.get('retry-after')).toBe('60');
    expect(refused.text).toContain('value="Tina Throttled"');
    expect(await members()).toBe(before.members);
    expect(hashes.count).toBe(before.hashes);

    // Another address is not held up by this one.
    expect((await join('10.0.0.2')).status).toBe(303);

    box.clock.advanceMinutes(1);
    expect((await join('10.0.0.1')).status).toBe(303);
    expect((await join('10.0.0.1')).status).toBe(429);
  });

  it('lets no more than 10 through when they arrive all at once', async () => {
    const results = await Promise.all(Array.from({ length: 14 }, () => join('10.0.0.3')));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 303)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(4);
  });

  it('checks every field before the password is hashed, and spends no allowance on a refused form', async () => {
    const before = { members: await members(), hashes: hashes.count };
    for (let i = 0; i < 12; i++) {
      const refused = await join('10.0.0.4', { why_join: '', password: 'x'.repeat(50_000) });
      expect(refused.status).toBe(422);
    }
    const gonePlace = await join('10.0.0.4', { place_id: '999', lat: '', lon: '' });
    expect(gonePlace.status).toBe(422);
    expect(await members()).toBe(before.members);
    expect(hashes.count).toBe(before.hashes);

    expect((await join('10.0.0.4')).status).toBe(303);
    expect(hashes.count).toBe(before.hashes + 1);
  });
});
