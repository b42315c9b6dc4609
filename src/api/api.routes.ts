import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { findGroupsVisibleTo } from '../groups/groups.queries.js';
import { type Actor, requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { checkInput } from '../lib/fields.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { findDirectory, findProfile } from '../members/profiles.js';
import { memberCardJson, profileJson } from './representations.js';

export const API_PREFIX = '/api/v1';

// Control characters other than tab and newlines never belong in text a person typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** The directory's query; its messages are keys of the API's catalogue, answered in the caller's language. */
const directoryQuery = z.object({
  q: z.preprocess(
    (v) => v ?? '',
    z
      .string({ error: 'api.field.qText' })
      .transform((s) => s.replace(CONTROL_CHARACTERS, '').trim())
      .pipe(z.string().max(100, 'api.field.qTooLong')),
  ),
  page: z.preprocess(
    (v) => (v === undefined ? 1 : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: 'api.field.page' }).int('api.field.page').min(1, 'api.field.page').max(10_000, 'api.field.page'),
  ),
});

/** The API's caller, who must be a member: without a token the 401 names the scheme to use (`WWW-Authenticate`). */
export function requireApiMember(ctx: AppContext): Actor {
  if (!ctx.state.actor) ctx.set('WWW-Authenticate', 'Bearer');
  return requireMember(ctx.state.actor);
}

/**
 * The JSON API, `/api/v1/…`. The caller is the member whose personal access
 * token came in `Authorization: Bearer …` (see `http/session.ts`), or a visitor
 * without one; every answer goes through the same visibility functions as the
 * pages, so the API never shows more than the member would see in a browser.
 * Errors, including 404 for unknown paths, are `{"error": {code, message, fields?}}`.
 */
export function apiRoutes(deps: AppDeps): AppRouter {
  const router = createRouter({ prefix: API_PREFIX });

  router.get('/me', async (ctx) => {
    const actor = requireApiMember(ctx);
    const profile = await findProfile(deps.db, actor, actor.handle);
    if (!profile) throw new NotFound();
    ctx.body = { member: profileJson(profile) };
  });

  router.get('/groups', async (ctx) => {
    ctx.body = { groups: await findGroupsVisibleTo(deps.db, ctx.state.actor) };
  });

  router.get('/members', async (ctx) => {
    const { q, page } = checkInput(directoryQuery, ctx.query);
    const directory = await findDirectory(deps.db, ctx.state.actor, q, page);
    ctx.body = {
      members: directory.members.map(memberCardJson),
      q: directory.q,
      page: directory.page,
      pages: directory.pages,
      total: directory.total,
    };
  });

  router.get('/members/:handle', async (ctx) => {
    const profile = await findProfile(deps.db, ctx.state.actor, ctx.params.handle);
    if (!profile) throw new NotFound(msg('api.noSuchMember'));
    ctx.body = { member: profileJson(profile) };
  });

  // Every endpoint is read-only so far. Without this, koa would answer other
  // methods with a plain-text 405 instead of the API's JSON error.
  // The answer's code is `method_not_allowed`; `Allow` says what is.
  router.all(['/me', '/groups', '/members', '/members/:handle'], (ctx) => {
    ctx.set('Allow', 'GET, HEAD');
    ctx.throw(405);
  });

  return router;
}
