import { describe, expect, it, vi } from 'vitest';

// argon2 stand-ins that record how many computations overlap.
const argon2 = vi.hoisted(() => {
  const state = { running: 0, most: 0, calls: 0 };
  const work = async <T>(value: T): Promise<T> => {
    state.calls++;
    state.running++;
    state.most = Math.max(state.most, state.running);
    await new Promise((resolve) => setTimeout(resolve, 5));
    state.running--;
    return value;
  };
  return { state, work };
});
vi.mock('@node-rs/argon2', () => ({
  Algorithm: { Argon2id: 2 },
  hash: (password: string) => argon2.work(`hash:${password}`),
  verify: async (hash: string, password: string) => {
    if (hash === 'malformed') {
      await argon2.work(null);
      throw new Error('invalid hash');
    }
    return argon2.work(hash === `hash:${password}`);
  },
}));

const { hashPassword, passwordMatches } = await import('../../src/auth/passwords.js');

describe('password hashing', () => {
  it('runs one argon2 computation at a time (each holds 19 MiB), in the order asked, past a failing one', async () => {
    const results = await Promise.all([
      hashPassword('first-password'),
      passwordMatches('hash:second-password', 'second-password'),
      passwordMatches('malformed', 'third-password'),
      passwordMatches('hash:fourth-password', 'not-the-fourth'),
      hashPassword('fifth-password'),
    ]);
    expect(results).toEqual(['hash:first-password', true, false, false, 'hash:fifth-password']);
    expect(argon2.state.calls).toBe(5);
    expect(argon2.state.most).toBe(1);
  });
});
