import { z } from 'zod';
import type { DB } from '../db/database.js';
import { checkInput, requiredText } from '../lib/fields.js';
import { hashSecretToken, newSecretToken } from '../lib/secret-tokens.js';
import { insertApiToken } from './api-tokens.queries.js';

/** Tokens start with this, so a leaked one is easy to recognise (and for secret scanners to find). */
const API_TOKEN_PREFIX = 'mcx_';

export const apiTokenSchema = z.object({
  name: requiredText(
    {
      notText: 'auth.field.tokenName.notText',
      tooLong: 'auth.field.tokenName.tooLong',
      required: 'auth.field.tokenName.required',
    },
    80,
  ),
});

/**
 * Makes a personal access token for a member, from their account page or
 * `marketcross token create`. The token is returned once, here; only its
 * hash is stored.
 */
export async function createApiToken(db: DB, memberId: number, name: string, now: Date): Promise<string> {
  const input = checkInput(apiTokenSchema, { name });
  const token = newSecretToken(API_TOKEN_PREFIX);
  await insertApiToken(db, memberId, input.name, hashSecretToken(token), now);
  return token;
}
