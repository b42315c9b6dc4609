import crypto from 'node:crypto';
import type Koa from 'koa';
import type { AppDeps, AppState } from './context.js';
import { Forbidden } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { clearCookie, cookieOptions } from '../lib/cookies.js';

/** A random id per browser, in an httpOnly cookie; forms carry an HMAC of it. */
const CSRF_COOKIE = 'mc_csrf';
const CSRF_FIELD = '_csrf';
const CSRF_HEADER = 'X-CSRF-Token';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Gives every request its `csrfToken()` for the forms on its page. Runs first,
 * so even an error page (say, for a body too large to parse) can render.
 */
export function csrfTokens(deps: AppDeps): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    let browserId: string | undefined;
    ctx.state.csrfToken = () => {
      browserId ??= ctx.cookies.get(CSRF_COOKIE);
      if (!validBrowserId(browserId)) {
        browserId = crypto.randomBytes(24).toString('base64url');
        ctx.cookies.set(CSRF_COOKIE, browserId, cookieOptions(deps, 365));
      }
      return tokenFor(deps.csrfSecret, browserId);
    };
    await next();
  };
}

/**
 * Every state-changing page request must carry the token of this browser, in
 * the `_csrf` form field or the `X-CSRF-Token` header (htmx sends it from the
 * body's `hx-headers`). Another site can make the browser send the cookie but
 * cannot read the page, so it cannot know the token. Runs after body parsing.
 * The API is exempt: it accepts only bearer tokens, which browsers never add.
 */
export function csrfProtection(deps: AppDeps): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    if (!SAFE_METHODS.has(ctx.method) && !ctx.path.startsWith('/api/')) {
      const browserId = ctx.cookies.get(CSRF_COOKIE);
      const body = (ctx.request as { body?: unknown }).body;
      // A multipart body (a photo upload) is read later, by the route that takes it, so
      // such forms carry the token in their action's query string instead.
      const fromQuery = ctx.is('multipart') ? ctx.query[CSRF_FIELD] : undefined;
      const fromForm =
        (body && typeof body === 'object' ? (body as Record<string, unknown>)[CSRF_FIELD] : undefined) ?? fromQuery;
      const sent = typeof fromForm === 'string' ? fromForm : ctx.get(CSRF_HEADER);
      if (!validBrowserId(browserId) || !sent || !safeEqual(sent, tokenFor(deps.csrfSecret, browserId))) {
        throw new Forbidden(msg('common.errors.csrf'), 'csrf');
      }
    }
    await next();
  };
}

/** This browser's id, when it has a valid one: every browser that has posted a form has. */
export function browserIdOf(ctx: Pick<Koa.Context, 'cookies'>): string | undefined {
  const id = ctx.cookies.get(CSRF_COOKIE);
  return validBrowserId(id) ? id : undefined;
}

function validBrowserId(id: string | undefined): id is string {
  return id !== undefined && /^[\w-]{20,64}$/.test(id);
}

/** Gives the browser a fresh id (at sign-in and sign-out), so an old page's token stops working. */
export function rotateCsrf(ctx: Koa.Context, deps: AppDeps): void {
  clearCookie(ctx, deps, CSRF_COOKIE);
}

function tokenFor(secret: Buffer, browserId: string): string {
  return crypto.createHmac('sha256', secret).update(browserId).digest('base64url');
}

function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && crypto.timingSafeEqual(left, right);
}
