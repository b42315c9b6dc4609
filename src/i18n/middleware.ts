import type Koa from 'koa';
import type { Locale, RenderLocale } from './locales.js';
import type { Translate, Translator } from './translate.js';

/** What every request knows about its words, set by `wordsMiddleware` (part of the app's `AppState`). */
export interface WordsState {
  /** The language of this request's pages, messages and API `message`s. */
  locale: RenderLocale;
  /** Words in that language: `ctx.state.t('ledger.overLimit', { available })`, or `t(error.reason)`. */
  t: Translate;
}

/**
 * The language of a request. For now every request is English.
 *
 * To be filled in (issue 11, §5): the member's own setting, else the browser's `Accept-Language`, else the community's
 * default (chosen at setup, changeable by stewards). The member is known here (`wordsMiddleware` runs after the
 * session middleware); a visitor's footer choice arrives the same way as `Accept-Language` would.
 */
export function chooseLocale(_ctx: Koa.Context): Locale {
  return 'en';
}

/**
 * Sets `ctx.state.locale` and `ctx.state.t` for the rest of the request. The translator (`src/messages.ts`'s
 * catalogues) is built once per app and shared; `forLocale` only binds it. Errors thrown before this runs (a body too
 * large, a bad token) are answered in English by the error middleware.
 */
export function wordsMiddleware(translator: Translator): Koa.Middleware<WordsState> {
  return async (ctx, next) => {
    const locale = chooseLocale(ctx);
    ctx.state.locale = locale;
    ctx.state.t = translator.forLocale(locale);
    await next();
  };
}
