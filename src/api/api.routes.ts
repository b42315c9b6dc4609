import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { findGroupsVisibleTo } from '../groups/groups.queries.js';
import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import { optionalText, parseOrThrow, wholeNumber } from '../http/forms.js';
import { findDirectory, findProfile } from '../members/profiles.js';
import { memberCardJson, profileJson } from './representations.js';

export const API_PREFIX = '/api/v1';

const directoryQuery = z.object({
  q: optionalText('q', 100),
  page: z.preprocess((v) => v ?? 1, wholeNumber('page', 1, 10_000)),
});

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
    if (!ctx.state.actor) ctx.set('WWW-Authenticate', 'Bearer');
    const actor = requireMember(ctx.state.actor);
    const profile = await findProfile(deps.db, actor, actor.handle);
    if (!profile) throw new NotFoundError();
    ctx.body = { member: profileJson(profile) };
  });

  router.get('/groups', async (ctx) => {
    ctx.body = { groups: await findGroupsVisibleTo(deps.db, ctx.state.actor) };
  });

  router.get('/members', async (ctx) => {
    const { q, page } = parseOrThrow(directoryQuery, ctx.query);
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
    if (!profile) throw new NotFoundError('There is no member with that handle that you may see.');
    ctx.body = { member: profileJson(profile) };
  });

  // Every endpoint is read-only so far. Without this, koa would answer other
  // methods with a plain-text 405 instead of the API's JSON error.
  router.all(['/me', '/groups', '/members', '/members/:handle'], (ctx) => {
    ctx.set('Allow', 'GET, HEAD');
    throw new AppError(405, 'method_not_allowed', `${ctx.method} is not supported here; use GET.`);
  });

  return router;
}
