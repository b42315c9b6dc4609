import type Koa from 'koa';
import type { AppContext } from './context.js';
import { isHtmx, renderPage } from './render.js';

/**
 * Domain code throws these small named errors; `errorMiddleware` maps them to a
 * status and a friendly page (or a JSON error under /api/). Anything else is a
 * bug: logged, and shown as a plain "something went wrong" with no details.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'There is nothing here.') {
    super(404, 'not_found', message);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'You are not allowed to do that.') {
    super(403, 'forbidden', message);
  }
}

export class SignInRequiredError extends AppError {
  constructor(message = 'Please sign in first.') {
    super(401, 'unauthenticated', message);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(409, 'conflict', message);
  }
}

/** Input that breaks a rule; `fields` maps each form field to what is wrong with it. */
export class ValidationError extends AppError {
  constructor(fields: Record<string, string>, message = 'Some fields need attention.') {
    super(422, 'invalid', message, fields);
  }
}

export class TooManyRequestsError extends AppError {
  constructor(message: string) {
    super(429, 'too_many_requests', message);
  }
}

const CLIENT_ERROR_MESSAGES: Record<number, string> = {
  400: 'The request could not be understood.',
  404: 'There is nothing here.',
  405: 'That action is not available here.',
  413: 'What you sent is too large.',
  415: 'That kind of content is not accepted here.',
};

export function errorMiddleware(log: (line: string) => void): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFoundError();
    } catch (caught) {
      const { status, code, message, fields } = describe(caught);
      if (status >= 500) {
        const err = caught as Error;
        // Method and route only: query strings, bodies and paths (/reset/:token) may hold secrets.
        const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
        log(`error: ${ctx.method} ${typeof route === 'string' ? route : ctx.path}: ${err?.stack ?? String(caught)}`);
      }
      ctx.status = status;
      if (status === 401 && !ctx.path.startsWith('/api/') && ctx.method === 'GET') {
        ctx.redirect(`/signin?next=${encodeURIComponent(ctx.originalUrl)}`);
        return;
      }
      if (ctx.path.startsWith('/api/')) {
        ctx.body = { error: fields ? { code, message, fields } : { code, message } };
        return;
      }
      await renderPage(
        ctx as unknown as AppContext,
        'errors/error',
        { title: titleFor(status), message, status },
        { status, fragmentOnly: isHtmx(ctx) },
      );
    }
  };
}

function describe(caught: unknown): { status: number; code: string; message: string; fields?: Record<string, string> } {
  if (caught instanceof AppError)
    return { status: caught.status, code: caught.code, message: caught.message, fields: caught.fields };
  const status =
    typeof (caught as { status?: unknown })?.status === 'number' ? (caught as { status: number }).status : 500;
  if (status >= 400 && status < 500) {
    const code = status === 413 ? 'too_large' : status === 404 ? 'not_found' : 'bad_request';
    return { status, code, message: CLIENT_ERROR_MESSAGES[status] ?? 'The request could not be handled.' };
  }
  return {
    status: 500,
    code: 'internal',
    message: 'Something went wrong on the box. It has been logged; please try again.',
  };
}

function titleFor(status: number): string {
  if (status === 404) return 'Not found';
  if (status === 403) return 'Not allowed';
  if (status === 413) return 'Too large';
  if (status === 429) return 'Too many attempts';
  if (status >= 500) return 'Something went wrong';
  return 'Please check';
}
