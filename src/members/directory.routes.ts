import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import type { AppDeps } from '../http/context.js';
import { optionalText } from '../lib/fields.js';
import { renderPage } from '../http/render.js';
import { findDirectory } from './profiles.js';

const directoryQuery = z.object({
  // A search too long to be one is no search: its message is never shown.
  q: optionalText({ tooLong: 'common.field.tooLong' }, 100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** `/members`: the directory, searched as one types (htmx swaps its rows). */
export function directoryRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/members', async (ctx) => {
    const { q, page } = directoryQuery.parse(ctx.query);
    const directory = await findDirectory(deps.db, ctx.state.actor, q, page);
    await renderPage(
      ctx,
      'members/index',
      { title: ctx.state.t('members.directory.title'), directory },
      { fragment: 'members/_rows' },
    );
  });

  return router;
}
