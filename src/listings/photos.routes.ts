import { createHash } from 'node:crypto';
import type { Middleware } from 'koa';
import { type AppRouter, createRouter } from '../http/router.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { NotFound } from '../lib/errors.js';
import { type Message, msg } from '../lib/messages.js';
import { visibleListing } from './listing-access.js';
import { PHOTO_MAX_BYTES } from './photos.js';
import { findPhoto } from './photos.queries.js';

/** A strong ETag for a stored photo: a digest of its bytes, so a replaced photo has another. */
function photoEtag(data: Buffer): string {
  return `"${createHash('sha256').update(data).digest('base64url').slice(0, 27)}"`;
}

/** `/listings/:id/photo`: a listing's photo, to those who may see the listing. */
export function listingPhotoRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/listings/:id/photo', async (ctx) => {
    const listing = await visibleListing(deps.db, ctx.state.actor, ctx.params.id, deps.now());
    const photo = listing.hasPhoto ? await findPhoto(deps.db, listing.seq) : null;
    if (!photo) throw new NotFound(msg('listings.error.noPhoto'));
    // Every use asks the box again, which checks who may see the listing now: a listing made members-only (or
    // withdrawn) stops showing its photo at once, where a cached copy would be shown for as long as it lasted.
    // `private`: no shared cache keeps a copy. Asking again is cheap: an unchanged photo is a 304 on its ETag,
    // made from the stored bytes (re-encoded when uploaded, never decoded here) and sent with no body.
    ctx.set('Cache-Control', 'private, no-cache');
    ctx.etag = photoEtag(photo.data);
    ctx.status = 200;
    if (ctx.fresh) {
      ctx.status = 304;
      return;
    }
    ctx.type = photo.contentType;
    ctx.body = photo.data;
  });

  return router;
}

/**
 * Only the routes that take a photo read multipart bodies; everywhere else the
 * 64 kB body limit stands. multer (and busboy) are loaded with the first photo
 * form, not at start-up: browsing never needs them (issue 6).
 */
let single: Promise<Middleware> | undefined;
function photoReader(): Promise<Middleware> {
  single ??= import('@koa/multer').then(({ default: multer }) =>
    multer({
      storage: multer.memoryStorage(),
      limits: { fileSize: PHOTO_MAX_BYTES, files: 1, fields: 30, fieldSize: 64 * 1024, parts: 32 },
    }).single('photo'),
  );
  return single;
}

const UPLOAD_ERRORS: Record<string, Message> = {
  LIMIT_FILE_SIZE: msg('listings.upload.tooLarge'),
  LIMIT_UNEXPECTED_FILE: msg('listings.upload.onePhoto'),
  LIMIT_FILE_COUNT: msg('listings.upload.onePhoto'),
};

export interface PhotoForm {
  /** The form's fields (as far as they were read, when the upload was refused). */
  body: unknown;
  photo: Buffer | null;
  photoError: Message | null;
}

/**
 * Reads a form that may carry a photo. A multipart body is read here, inside
 * the route (CSRF was checked before, from the header or the action's query);
 * a URL-encoded one was parsed already. The photo field comes last in the
 * form, so a refused photo still leaves the other fields to re-render.
 */
export async function receivePhotoForm(ctx: AppContext): Promise<PhotoForm> {
  if (!ctx.is('multipart')) return { body: ctx.request.body, photo: null, photoError: null };
  const read = await photoReader();
  try {
    await read(ctx, async () => {});
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = (typeof code === 'string' && UPLOAD_ERRORS[code]) || msg('listings.upload.unreadable');
    return { body: { ...((ctx.req as { body?: object }).body ?? {}) }, photo: null, photoError: message };
  }
  const file = (ctx as { file?: { buffer: Buffer; size: number } }).file;
  return {
    body: { ...(ctx.request.body as object) },
    photo: file && file.size > 0 ? file.buffer : null,
    photoError: null,
  };
}
