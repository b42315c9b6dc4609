import type Koa from 'koa';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import { type Formats, formatsFor } from './format.js';
import { findCommunityLocale } from './language.queries.js';
import type { RenderLocale } from './locales.js';
import { firstLocale, LOCALE_COOKIE } from './negotiate.js';
import type { Translate, Translator } from './translate.js';

/** What every request knows about its words, set by `wordsMiddleware` (part of the app's `AppState`). */
export interface WordsState {
  /** The language of this request's pages, messages and API `message`s. */
  locale: RenderLocale;
  /** Words in that language: `ctx.state.t('ledger.overLimit', { available })`, or `t(error.reason)`. */
  t: Translate;
  /** Dates, numbers, amounts and distances written for that language (`src/i18n/format.ts`). */
  formats: Formats;
}

export interface WordsDeps {
  readonly translator: Translator;
  readonly db: DB;
  readonly config: Config;
}

/**
 * The language of a request (`negotiateLocale`'s order): the signed-in member's own setting (a page's session or the
 * API's token), else the footer switcher's cookie (pages only: the API takes no cookies), else `Accept-Language`, else
 * the community's default, else English. Each source is read only when the ones before it gave nothing.
 *
 * The answer depends on those headers, so the response says so in `Vary`: a shared cache must not hand a French page
 * to an English browser.
 */
async function chooseLocale(
  ctx: Koa.Context,
  member: { readonly locale?: string | null } | null,
  deps: Omit<WordsDeps, 'translator'>,
): Promise<RenderLocale> {
  const api = ctx.path.startsWith('/api/');
  ctx.vary('Accept-Language');
  if (!api) ctx.vary('Cookie');
  const options = { pseudo: deps.config.pseudoLocale === true };
  const asked = firstLocale(
    {
      member: member?.locale ?? null,
      cookie: api ? null : ctx.cookies.get(LOCALE_COOKIE),
      acceptLanguage: ctx.get('Accept-Language'),
    },
    options,
  );
  if (asked) return asked;
  return firstLocale({ communityDefault: await findCommunityLocale(deps.db) }, options) ?? 'en';
}

/**
 * Sets `ctx.state.locale`, `ctx.state.t` and `ctx.state.formats` for the rest of the request; runs after the session
 * middleware, so the member is known. The translator (`src/messages.ts`'s catalogues) is built once per app and shared;
 * `forLocale` only binds it. Errors thrown before this runs (a body too large, a bad token) are answered in English by
 * the error middleware.
 */
export function wordsMiddleware(
  deps: WordsDeps,
): Koa.Middleware<WordsState & { actor: { locale?: string | null } | null }> {
  return async (ctx, next) => {
    const locale = await chooseLocale(ctx, ctx.state.actor, deps);
    ctx.state.locale = locale;
    ctx.state.t = deps.translator.forLocale(locale);
    ctx.state.formats = formatsFor(locale, ctx.state.t);
    await next();
  };
}
