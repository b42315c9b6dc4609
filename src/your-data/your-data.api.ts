import fs from 'node:fs';
import { API_PREFIX, requireApiMember } from '../api/api.routes.js';
import type { AppDeps } from '../http/context.js';
import { type AppRouter, createRouter } from '../http/router.js';
import type { ArchiveStatus, DataExports } from './data-exports.js';

const EXPORT = '/me/export';

function exportJson(archive: ArchiveStatus) {
  return {
    id: archive.id,
    state: archive.state,
    done: archive.done,
    total: archive.total,
    created_at: archive.createdAt.toISOString(),
    finished_at: archive.finishedAt?.toISOString() ?? null,
    expires_at: archive.expiresAt.toISOString(),
    download: archive.state === 'ready' ? `${API_PREFIX}${EXPORT}/${archive.id}` : null,
  };
}

/**
 * `/api/v1/me/export`: the caller's archive of their own data (see your-data.routes.ts): asking starts one unless one
 * is being made or ready (202 while it is made, 200 once ready, with where to download it), and
 * `/api/v1/me/export/{id}` downloads it, for its own member only.
 */
export function yourDataApiRoutes(deps: AppDeps, exports: DataExports): AppRouter {
  const router = createRouter({ prefix: API_PREFIX });

  router.get(EXPORT, async (ctx) => {
    const me = requireApiMember(ctx);
    const archive = await exports.start(deps.db, me, ctx.state.locale, { reuseReady: true });
    ctx.status = archive.state === 'ready' ? 200 : 202;
    ctx.body = { export: exportJson(archive) };
  });

  router.get(`${EXPORT}/:id`, async (ctx) => {
    const me = requireApiMember(ctx);
    const file = await exports.readyFile(me.id, Number(ctx.params.id));
    ctx.set('Cache-Control', 'no-store');
    ctx.attachment(`your-data-${me.handle}-${file.createdAt.toISOString().slice(0, 10)}.tar.gz`);
    ctx.type = 'application/gzip';
    ctx.body = fs.createReadStream(file.path);
  });

  router.all([EXPORT, `${EXPORT}/:id`], (ctx) => {
    ctx.set('Allow', 'GET, HEAD');
    ctx.throw(405);
  });

  return router;
}
