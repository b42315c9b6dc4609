import { Algorithm, hash, verify } from '@node-rs/argon2';
import { z } from 'zod';

/**
 * argon2id with OWASP's recommended floor (19 MiB, 2 passes): memory-hard, and
 * still quick enough on a Raspberry Pi (~0.1 s) for sign-in.
 */
const ARGON2_OPTIONS = { algorithm: Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const PASSWORD_MIN_LENGTH = 10;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * The rule for a new password, its messages in the catalogues: `password` (joining, setup) or `newPassword` (change,
 * reset), as the form's field is called.
 */
export function newPasswordRule(field: 'password' | 'newPassword') {
  return z
    .string({ error: `auth.field.${field}.notText` })
    .min(PASSWORD_MIN_LENGTH, `auth.field.${field}.tooShort`)
    .max(PASSWORD_MAX_LENGTH, `auth.field.${field}.tooLong`);
}

/**
 * One argon2 computation at a time. Each holds its 19 MiB for as long as it
 * runs, on libuv's pool of four threads: four sign-ins at once would add 76 MiB
 * to a box that must stay under 150 MB (issue 6). Queued, a burst of sign-ins
 * costs 19 MiB, and each waits ~0.1 s for every one ahead of it.
 */
let argon2Queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(work: () => Promise<T>): Promise<T> {
  const result = argon2Queue.then(work);
  argon2Queue = result.catch(() => {});
  return result;
}

export function hashPassword(password: string): Promise<string> {
  return oneAtATime(() => hash(password, ARGON2_OPTIONS));
}

export async function passwordMatches(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await oneAtATime(() => verify(passwordHash, password));
  } catch {
    return false; // a malformed stored hash never signs anyone in
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which accounts exist. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
  dummyHash ??= hashPassword('not a real password, only for timing');
  return dummyHash;
}
