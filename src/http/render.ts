import path from 'node:path';
import type Koa from 'koa';
import { Eta } from 'eta';
import type { Actor } from '../auth/actor.js';
import type { AppContext } from './context.js';
import type { Assets } from './assets.js';

/** The template engine plus what every page's layout needs. */
export interface Views {
  readonly eta: Eta;
  readonly assets: Assets;
  /** The community's name, for page titles; read per request so setup shows at once. */
  communityName(): Promise<string | null>;
  /**
   * How many new things (replies, reminders) wait for a member, and where: the count in the page header and where its
   * link leads.
   */
  news?(actor: Actor): Promise<News>;
}

export interface News {
  count: number;
  href: string;
}

export function createViews(
  viewsDir: string,
  assets: Assets,
  communityName: () => Promise<string | null>,
  cache: boolean,
  news?: (actor: Actor) => Promise<News>,
): Views {
  // autoEscape: `<%=` escapes; `<%~` is kept for includes and the layout's body.
  const eta = new Eta({ views: viewsDir, cache, autoEscape: true, autoTrim: [false, 'nl'] });
  return { eta, assets, communityName, news };
}

/**
 * True for requests made by htmx for a fragment: not boosted page loads, and not
 * htmx restoring a page missing from its history cache (which swaps the answer in
 * as the whole body), both of which want whole pages.
 */
export function isHtmx(ctx: Koa.Context | AppContext): boolean {
  return (
    ctx.get('HX-Request') === 'true' &&
    ctx.get('HX-Boosted') !== 'true' &&
    ctx.get('HX-History-Restore-Request') !== 'true'
  );
}

/**
 * A boosted form (hx-boost) that is refused gets the form's page again with its
 * errors, and htmx 2 pushes the form's action into the address bar (whatever its
 * docs say of boosted forms: bigskysoftware/htmx#2278). That URL
 * often answers POST only, so a reload there asks GET and gets 405. So whenever a
 * boosted request other than a GET is answered with an error page, htmx is told
 * where the address bar should be: `HX-Replace-Url` with the page shown, when the
 * route knows its address (`url`), else `HX-Push-Url: false`, which leaves it on
 * the page the form was on. A header the route set itself is left alone.
 */
function keepAddressOnRefusal(ctx: Koa.Context | AppContext, url?: string): void {
  if (ctx.get('HX-Request') !== 'true' || ctx.get('HX-Boosted') !== 'true') return;
  if (ctx.method === 'GET' || ctx.method === 'HEAD' || ctx.status < 400) return;
  if (ctx.response.get('HX-Push-Url') || ctx.response.get('HX-Replace-Url')) return;
  if (url) ctx.set('HX-Replace-Url', url);
  else ctx.set('HX-Push-Url', 'false');
}

export interface RenderOptions {
  status?: number;
  /** A partial to send alone when htmx asks for a fragment (the page-or-fragment decision). */
  fragment?: string;
  /** Send the template itself without the layout (for htmx error fragments). */
  fragmentOnly?: boolean;
  /**
   * The address of the page rendered, when it differs from the request's (a form's
   * POST route re-showing its page with errors): the address bar goes there after
   * a refused boosted form (see `keepAddressOnRefusal`).
   */
  url?: string;
  /** The member's news, when the page has counted it already (the home page): the header does not count it again. */
  news?: News;
}

/** What `renderPage` gives every template; a page's own data may not reuse these names (it would hide them). */
const RESERVED = ['t', 'f', 'here', 'locale', 'actor', 'me', 'csrf', 'asset', 'path'] as const;

/**
 * Renders `template` inside the layout, or just `options.fragment` for an htmx
 * request: the one place that decides between a page and a fragment. Responses
 * differ by the htmx headers, so they say so in `Vary`.
 */
export async function renderPage(
  ctx: AppContext,
  template: string,
  data: Record<string, unknown>,
  options: RenderOptions = {},
): Promise<void> {
  const views = ctx.views;
  // what isHtmx reads
  for (const header of ['HX-Request', 'HX-Boosted', 'HX-History-Restore-Request']) ctx.vary(header);
  for (const name of RESERVED) {
    if (name in data)
      throw new Error(`renderPage: "${name}" is set for every template; name the page's own data otherwise.`);
  }
  // Every template (page, fragment, layout, and the partials they include) has `it.t('namespace.key', { values })`
  // `it.locale`, and `it.f` to write dates, numbers, amounts and distances for the locale (`it.f.date(iso)`,
  // `it.f.amount(minor, scale)`).
  const it = {
    ...data,
    t: ctx.state.t,
    locale: ctx.state.locale,
    f: ctx.state.formats,
    actor: ctx.state.actor,
    csrf: () => ctx.state.csrfToken(),
    asset: views.assets.url,
    path: ctx.path,
  };
  if (options.status) ctx.status = options.status;
  ctx.type = 'html';
  if (options.fragment && isHtmx(ctx)) {
    ctx.body = await views.eta.renderAsync(options.fragment, it);
    return;
  }
  const body = await views.eta.renderAsync(template, it);
  if (options.fragmentOnly) {
    ctx.body = body;
    return;
  }
  keepAddressOnRefusal(ctx, options.url);
  const communityName = await views.communityName();
  const news = options.news ?? (ctx.state.actor && views.news ? await views.news(ctx.state.actor) : null);
  ctx.body = await views.eta.renderAsync('layout', {
    ...it,
    body,
    communityName,
    news,
    title: data.title ?? communityName ?? ctx.state.t('common.frame.product'),
    // Where the footer's language switcher returns to: this page, with its query (a search), or after a refused form
    // the page the form was on (a POST address may answer nothing else).
    here: options.url ?? (ctx.method === 'GET' ? ctx.url : formPage(ctx)),
  });
}

/** The path of the page a form was sent from, when the browser says and it is this box's; else the home page. */
function formPage(ctx: AppContext): string {
  try {
    const referer = new URL(ctx.get('Referer'));
    return referer.host === ctx.host ? referer.pathname + referer.search : '/';
  } catch {
    return '/';
  }
}

/** POST → 303 → GET: the answer to every successful form, so a reload never submits twice. */
export function seeOther(ctx: { redirect(url: string): void; status: number }, location: string): void {
  ctx.redirect(location);
  ctx.status = 303;
}

export function viewsDirectory(packageRoot: string): string {
  return path.join(packageRoot, 'views');
}

declare module 'koa' {
  interface DefaultContext {
    /** Set once on `app.context` by `createApp`. */
    views: Views;
  }
}
