import crypto from 'node:crypto';
import type { DB } from '../db/database.js';
import { deleteSetupCode, findSetupCode, hasSteward, insertSetupCode } from './community.queries.js';

const SETUP_CODE_KEY = 'setup_code';
// No 0/O or 1/I/L: the code is read off a terminal and typed on a phone.
const ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/**
 * The one-time code that guards `/setup` until the community has a steward.
 * Kept in the database so the same code works across restarts (and the
 * provisioning script can print it); deleted once setup is done.
 */
export async function ensureSetupCode(db: DB): Promise<string | null> {
  if (await hasSteward(db)) return null;
  const existing = await findSetupCode(db, SETUP_CODE_KEY);
  if (existing) return existing;
  const code = [0, 1, 2]
    .map(() => Array.from({ length: 4 }, () => ALPHABET[crypto.randomInt(ALPHABET.length)]).join(''))
    .join('-');
  await insertSetupCode(db, SETUP_CODE_KEY, code);
  return code;
}

/** True when `typed` is the current setup code (case, spaces and dashes forgiven). */
export async function setupCodeMatches(db: DB, typed: string): Promise<boolean> {
  const stored = await findSetupCode(db, SETUP_CODE_KEY);
  if (!stored) return false;
  const normalise = (s: string) => s.toUpperCase().replace(/[^0-9A-Z]/g, '');
  const a = Buffer.from(normalise(stored));
  const b = Buffer.from(normalise(typed));
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function forgetSetupCode(db: DB): Promise<void> {
  await deleteSetupCode(db, SETUP_CODE_KEY);
}
