import { requireMember, requireSteward } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { renderPage, seeOther } from '../http/render.js';
import { cookieOptions } from '../lib/cookies.js';
import { Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import {
  findCommunityLocale,
  findMemberLocale,
  setCommunityLocale,
  setMemberLocale,
} from '../i18n/language.queries.js';
import { isLocale, LOCALES, type Locale, PSEUDO_LOCALE, type RenderLocale } from '../i18n/locales.js';
import { LOCALE_COOKIE } from '../i18n/negotiate.js';

/** How long the footer switcher's choice is remembered in a browser. */
const LOCALE_COOKIE_DAYS = 365;

/**
 * Choosing a language: the footer's switcher (anyone, remembered in a cookie and, for a member, in their setting), a
 * member's own setting on their account, and the community's default, which stewards choose.
 */
export function languageRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  /**
   * The footer switcher: a form on every page, so it works without JavaScript. It answers 303 to the page it was on:
   * `back` is taken only as a path on this box, never another site (no open redirect).
   */
  router.post('/language', async (ctx) => {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const locale = body.locale;
    const pseudo = deps.config.pseudoLocale === true && locale === PSEUDO_LOCALE;
    if (!isLocale(locale) && !pseudo) throw new Invalid({ locale: msg('common.language.unknown') });
    ctx.cookies.set(LOCALE_COOKIE, locale as RenderLocale, cookieOptions(deps, LOCALE_COOKIE_DAYS));
    if (ctx.state.actor && isLocale(locale)) await setMemberLocale(deps.db, ctx.state.actor.id, locale);
    seeOther(ctx, localPath(body.back));
  });

  router.get('/account/language', async (ctx) => {
    const me = requireMember(ctx.state.actor);
    const setting = await findMemberLocale(deps.db, me.id);
    await renderPage(ctx, 'i18n/member-language', {
      title: ctx.state.t('common.language.memberTitle'),
      current: isLocale(setting) ? setting : '',
      locales: LOCALES,
      saved: ctx.query.saved === '1',
    });
  });

  router.post('/account/language', async (ctx) => {
    const me = requireMember(ctx.state.actor);
    const locale = (ctx.request.body as Record<string, unknown> | undefined)?.locale;
    if (locale !== '' && !isLocale(locale)) throw new Invalid({ locale: msg('common.language.unknown') });
    await setMemberLocale(deps.db, me.id, locale === '' ? null : locale);
    seeOther(ctx, '/account/language?saved=1');
  });

  router.get('/stewards/language', async (ctx) => {
    requireSteward(ctx.state.actor);
    const current = await findCommunityLocale(deps.db);
    await renderPage(ctx, 'i18n/community-language', {
      title: ctx.state.t('common.language.communityTitle'),
      current: isLocale(current) ? current : 'en',
      locales: LOCALES,
      saved: ctx.query.saved === '1',
    });
  });

  router.post('/stewards/language', async (ctx) => {
    requireSteward(ctx.state.actor);
    const locale = (ctx.request.body as Record<string, unknown> | undefined)?.locale;
    if (!isLocale(locale)) throw new Invalid({ locale: msg('common.language.unknown') });
    await setCommunityLocale(deps.db, locale satisfies Locale);
    seeOther(ctx, '/stewards/language?saved=1');
  });

  return router;
}

/**
 * `back` if it is a path on this box, else the home page: never `//other.site` or `/\other.site` (which browsers read
 * as another host), a scheme, or a header-splitting control character.
 */
function localPath(back: unknown): string {
  if (typeof back !== 'string' || back.length > 2000 || !/^\/(?![/\\])/.test(back)) return '/';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (/[\u0000-\u001f\u007f\\]/.test(back)) return '/';
  const base = 'http://box.invalid';
  const url = new URL(back, base);
  return url.origin === base ? url.pathname + url.search + url.hash : '/';
}
