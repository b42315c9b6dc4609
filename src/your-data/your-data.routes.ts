import fs from 'node:fs';
import { z } from 'zod';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { formAction, type FormState } from '../http/form-action.js';
import { isHtmx, renderPage, seeOther } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import type { ArchiveStatus, DataExports } from './data-exports.js';
import { findHeldData } from './your-data.js';

const PAGE = '/account/data';
const ARCHIVE = '/account/data/archive';

/** The address a member downloads their ready archive from (their session only: anyone else gets 404). */
function archiveHref(archive: ArchiveStatus): string {
  return `${ARCHIVE}/${archive.id}`;
}

/** What the archive panel shows: the member's archive, whether the page should keep asking, where to download it. */
function archivePanel(archive: ArchiveStatus | null) {
  return {
    archive,
    polling: archive?.state === 'waiting' || archive?.state === 'making',
    downloadHref: archive?.state === 'ready' ? archiveHref(archive) : null,
  };
}

/**
 * `/account/data`: "Your data", everything the box holds about the signed-in member with where they see it, and the
 * archive of it they may download (made in the background, its progress polled by htmx, kept a day).
 */
export function yourDataRoutes(deps: AppDeps, exports: DataExports): AppRouter {
  const router = createRouter();

  const showPage = async (ctx: AppContext, form: Partial<FormState> = {}) => {
    const me = requireMember(ctx.state.actor);
    const held = await findHeldData(deps.db, me);
    await renderPage(
      ctx,
      'your-data/index',
      {
        title: ctx.state.t('yourData.title'),
        ...held,
        ...archivePanel(await exports.latest(me.id)),
        errors: form.errors ?? {},
      },
      { status: form.status, url: PAGE },
    );
  };

  router.get(PAGE, async (ctx) => {
    await showPage(ctx);
  });

  // The archive panel alone, which the page asks for every few seconds while the archive is being made.
  router.get(ARCHIVE, async (ctx) => {
    const me = requireMember(ctx.state.actor);
    if (!isHtmx(ctx)) return seeOther(ctx, PAGE);
    ctx.set('Cache-Control', 'no-store');
    await renderPage(
      ctx,
      'your-data/_archive',
      { ...archivePanel(await exports.latest(me.id)), errors: {} },
      {
        fragmentOnly: true,
      },
    );
  });

  formAction(router, ARCHIVE, {
    db: deps.db,
    schema: z.object({}),
    load: async (ctx) => requireMember(ctx.state.actor),
    run: async (trx, _input, me, ctx) => {
      await exports.start(trx, me, ctx.state.locale);
      return `${PAGE}#archive`;
    },
    showForm: (ctx, _me, form) => showPage(ctx, form),
  });

  // Only the member it was made for may download it: a visitor or anyone else is told there is no such archive.
  router.get(`${ARCHIVE}/:id`, async (ctx) => {
    const me = ctx.state.actor;
    if (!me) throw new NotFound(msg('yourData.noSuchArchive'));
    const file = await exports.readyFile(me.id, Number(ctx.params.id));
    ctx.set('Cache-Control', 'no-store');
    ctx.attachment(`your-data-${me.handle}-${file.createdAt.toISOString().slice(0, 10)}.tar.gz`);
    ctx.type = 'application/gzip';
    ctx.body = fs.createReadStream(file.path);
  });

  return router;
}
