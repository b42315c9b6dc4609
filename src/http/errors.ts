import type Koa from 'koa';
import type { Translate, Translator } from '../i18n/translate.js';
import { Conflict, DomainError, Forbidden, Invalid, LimitReached, NotFound, SignInRequired } from '../lib/errors.js';
import { isMessage, type Message, msg } from '../lib/messages.js';
import { secondsUntil } from '../lib/time.js';
import type { AppCustomContext, AppState } from './context.js';
import { isHtmx, renderPage } from './render.js';

/**
 * The one mapping from errors to HTTP: statuses, the error page, the API's JSON (`{ error: { code, message, fields?,
 * ...details } }`), in the request's language.
 *
 * Domain code throws the status-free errors of `src/lib/errors.ts`:
 *
 *   NotFound 404 · Forbidden 403 · SignInRequired 401 (a GET page redirects to /signin) · Conflict 409 (its `details`
 *   go into the API answer beside the code) · Invalid 422 (its `fields`) · LimitReached 429 (`Retry-After` when it
 *   knows `retryAt`).
 *
 * Any error may also carry `fields` (form field → Message): the field messages are answered under `fields` whatever
 * the status (the ledger's over-limit Conflict names the amount field this way).
 *
 * Anything else thrown is a bug: logged, and answered 500 with no details.
 */
const STATUS_OF = new Map<abstract new (...args: never[]) => DomainError, number>([
  [NotFound, 404],
  [Forbidden, 403],
  [SignInRequired, 401],
  [Conflict, 409],
  [Invalid, 422],
  [LimitReached, 429],
]);

function statusOf(error: DomainError): number {
  for (const [type, status] of STATUS_OF) if (error instanceof type) return status;
  return 400;
}

/** What a refused request is told: on a form re-rendered with it, or in the API's JSON. */
export interface Refusal {
  readonly status: number;
  /** The API's English code: `not_found`, `invalid`, `over_limit`, ... */
  readonly code: string;
  /** The reason, in the request's language. */
  readonly message: string;
  /** Form field → what is wrong with it, in the request's language. */
  readonly fields?: Record<string, string>;
  /** Extra facts for the API answer (a Conflict's `details`). */
  readonly details?: Readonly<Record<string, string | number>>;
}

/**
 * The refusal a person or client should be told for `error`, or null when it is not a refusal but a bug (anything
 * that is neither a DomainError nor a client error below 500). Forms use it to re-render with the reason.
 */
export function refusalOf(error: unknown, t: Translate): Refusal | null {
  if (error instanceof DomainError) {
    const fields = translateFields((error as { fields?: unknown }).fields, t);
    const details = error instanceof Conflict ? error.details : undefined;
    return { status: statusOf(error), code: error.code, message: t(error.reason), fields, details };
  }
  const status = (error as { status?: unknown } | null)?.status;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const code = STATUS_CODES[status] ?? 'bad_request';
    // The edge may say why in a catalogue's words: `ctx.throw(400, { reason: msg('listings.api.jsonObject') })`.
    const reason = (error as { reason?: unknown }).reason;
    const message = isMessage(reason) ? reason : (CLIENT_ERROR_MESSAGES[status] ?? msg('common.errors.unhandled'));
    return { status, code, message: t(message) };
  }
  return null;
}

/** A form field → Message record turned into words. */
function translateFields(fields: unknown, t: Translate): Record<string, string> | undefined {
  if (!fields || typeof fields !== 'object') return undefined;
  const words: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (isMessage(value)) words[name] = t(value);
  }
  return words;
}

/** The API's code for an error koa raised by status (`ctx.throw(405)`); any other is `bad_request`. */
const STATUS_CODES: Record<number, string> = { 404: 'not_found', 405: 'method_not_allowed', 413: 'too_large' };

/** Errors koa and its middleware raise by status (`ctx.throw(413)`, a body too large, a route's wrong method). */
const CLIENT_ERROR_MESSAGES: Record<number, Message> = {
  400: msg('common.errors.badRequest'),
  404: msg('common.errors.notFound'),
  405: msg('common.errors.methodNotAllowed'),
  413: msg('common.errors.tooLarge'),
  415: msg('common.errors.unsupportedType'),
};

/**
 * Answers every error thrown below it: a page (or an htmx fragment), a redirect to the sign-in form, or the API's
 * JSON. Words come from the request's translator (`ctx.state.t`), or English when the error came before it was set.
 */
export function errorMiddleware(
  log: (line: string) => void,
  translator: Translator,
  /** The app's clock, which every `retryAt` is set by: `Retry-After` is the time between the two. */
  now: () => Date,
): Koa.Middleware<AppState, AppCustomContext> {
  const english = translator.forLocale('en');
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new NotFound();
    } catch (caught) {
      // Thrown before the words middleware ran (a body too large, a bad API token): English, for the page too.
      if (!ctx.state.t) {
        ctx.state.locale = 'en';
        ctx.state.t = english;
      }
      const t = ctx.state.t;
      const refusal: Refusal = refusalOf(caught, t) ?? {
        status: 500,
        code: 'internal',
        message: t('common.errors.internal'),
      };
      const { status, code, message, fields, details } = refusal;
      if (status >= 500) {
        const err = caught as Error;
        // Method and route only: query strings, bodies and paths (/reset/:token) may hold secrets.
        const route = (ctx as { _matchedRoute?: unknown })._matchedRoute;
        log(`error: ${ctx.method} ${typeof route === 'string' ? route : ctx.path}: ${err?.stack ?? String(caught)}`);
      }
      ctx.status = status;
      if (caught instanceof LimitReached && caught.retryAt) {
        ctx.set('Retry-After', String(secondsUntil(caught.retryAt, now())));
      }
      if (status === 401 && !ctx.path.startsWith('/api/') && ctx.method === 'GET') {
        ctx.redirect(`/signin?next=${encodeURIComponent(ctx.originalUrl)}`);
        return;
      }
      if (ctx.path.startsWith('/api/')) {
        ctx.body = { error: { code, message, ...(fields ? { fields } : {}), ...details } };
        return;
      }
      await renderPage(
        ctx,
        'errors/error',
        { title: t(titleFor(status)), message, status },
        { status, fragmentOnly: isHtmx(ctx) },
      );
    }
  };
}

function titleFor(status: number): Message {
  if (status === 404) return msg('common.errors.title.notFound');
  if (status === 403) return msg('common.errors.title.forbidden');
  if (status === 413) return msg('common.errors.title.tooLarge');
  if (status === 429) return msg('common.errors.title.tooManyAttempts');
  if (status >= 500) return msg('common.errors.title.internal');
  return msg('common.errors.title.check');
}
