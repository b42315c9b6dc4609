import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../../../src/auth/api-tokens.js';
import { addActiveMember, startSetUpBox } from '../box.js';
import { type Box, RAW_MARKUP } from './shared.js';

/**
 * The JSON API runner: each case is one request (by default with a member's
 * token) and the status and error code it must get. Every answer is JSON,
 * never raw markup; every error has the one shape `{ error: { code, message } }`.
 * A feature's cases run in order in one box (a control may rely on an earlier one).
 */

export interface ApiCase {
  name: string;
  method?: string;
  path: string;
  /** Authorization header: the member's token unless given ('' for none). */
  authorization?: string;
  contentType?: string;
  body?: string;
  status: number;
  code?: string;
  check?: (body: any) => void;
}

/** Checks that the error names `field` among the fields it refuses. */
export const invalid = (field: string) => (body: any) => expect(body.error.fields?.[field]).toMatch(/\w/);

/** Registers a feature's API cases, in their own box; `more` adds tests that need the box itself. */
export function apiCases(feature: string, cases: ApiCase[], more?: (box: () => Box) => void): void {
  describe(`JSON API: ${feature}`, () => {
    let box: Box;
    let token = '';

    beforeAll(async () => {
      box = await startSetUpBox();
      const member = await addActiveMember(box);
      token = await createApiToken(box.database.db, member.id, 'bad input', box.clock.now());
    });
    afterAll(() => box.close());

    more?.(() => box);

    it.each(cases)('$name → $status', async (apiCase) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      const authorization = apiCase.authorization ?? `Bearer ${token}`;
      if (authorization) headers.authorization = authorization;
      if (apiCase.contentType) headers['content-type'] = apiCase.contentType;
      const response = await box
        .client()
        .request(apiCase.method ?? 'GET', apiCase.path, { headers, body: apiCase.body });
      const text = await response.text();
      expect(response.status, text.slice(0, 500)).toBe(apiCase.status);
      expect(response.headers.get('content-type')).toMatch(/^application\/json/);
      expect(text).not.toMatch(RAW_MARKUP);
      const body = JSON.parse(text);
      if (apiCase.status >= 400) {
        expect(Object.keys(body)).toEqual(['error']);
        expect(typeof body.error.code).toBe('string');
        expect(body.error.message).toMatch(/\w/);
        if (apiCase.code) expect(body.error.code).toBe(apiCase.code);
      }
      apiCase.check?.(body);
    });
  });
}
