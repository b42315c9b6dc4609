import crypto from 'node:crypto';

/**
 * Secrets handed to people (session cookies, invite links, reset links, API
 * tokens) are random and stored only as a SHA-256 hash, so a copy of the
 * database cannot be used to sign in. They are long enough that a fast hash is safe.
 */
export function newSecretToken(prefix = ''): string {
  return prefix + crypto.randomBytes(32).toString('base64url');
}

export function hashSecretToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
