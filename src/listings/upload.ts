import type { Middleware } from 'koa';
import type { AppContext } from '../http/context.js';
import { PHOTO_MAX_BYTES } from './photos.js';

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

const UPLOAD_ERRORS: Record<string, string> = {
  LIMIT_FILE_SIZE: 'The photo can be at most 5 MB.',
  LIMIT_UNEXPECTED_FILE: 'Send one photo at most, in the photo field.',
  LIMIT_FILE_COUNT: 'Send one photo at most, in the photo field.',
};

export interface PhotoForm {
  /** The form's fields (as far as they were read, when the upload was refused). */
  body: unknown;
  photo: Buffer | null;
  photoError: string | null;
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
    const message =
      (typeof code === 'string' && UPLOAD_ERRORS[code]) || 'The form could not be read; please try again.';
    return { body: { ...((ctx.req as { body?: object }).body ?? {}) }, photo: null, photoError: message };
  }
  const file = (ctx as { file?: { buffer: Buffer; size: number } }).file;
  return {
    body: { ...(ctx.request.body as object) },
    photo: file && file.size > 0 ? file.buffer : null,
    photoError: null,
  };
}
