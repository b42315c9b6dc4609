import path from 'node:path';
import type Koa from 'koa';
import { Eta } from 'eta';
import type { AppContext } from './context.js';
import type { Assets } from './assets.js';

/** The template engine plus what every page's layout needs. */
export interface Views {
  readonly eta: Eta;
  readonly assets: Assets;
  /** The community's name, for page titles; read per request so setup shows at once. */
  communityName(): Promise<string | null>;
  /** How many new things (replies, reminders) wait for a member: the count in the page header. */
  news?(memberId: number): Promise<number>;
}

export function createViews(viewsDir: string, assets: Assets, communityName: () => Promise<string | null>, cache: boolean, news?: (memberId: number) => Promise<number>): Views {
  // autoEscape: `<%=` escapes; `<%~` is kept for includes and the layout's body.
  const eta = new Eta({ views: viewsDir, cache, autoEscape: true, autoTrim: [false, 'nl'] });
  return { eta, assets, communityName, news };
}

/** True for requests made by htmx (but not boosted page loads, which want whole pages). */
export function isHtmx(ctx: Koa.Context | AppContext): boolean {
  return ctx.get('HX-Request') === 'true' && ctx.get('HX-Boosted') !== 'true';
}

export interface RenderOptions {
  status?: number;
  /** A partial to send alone when htmx asks for a fragment (the page-or-fragment decision). */
  fragment?: string;
  /** Send the template itself without the layout (for htmx error fragments). */
  fragmentOnly?: boolean;
}

/**
 * Renders `template` inside the layout, or just `options.fragment` for an htmx
 * request: the one place that decides between a page and a fragment. Responses
 * differ by the htmx headers, so they say so in `Vary`.
 */
export async function renderPage(ctx: AppContext, template: string, data: Record<string, unknown>, options: RenderOptions = {}): Promise<void> {
  const views = ctx.views;
  ctx.vary('HX-Request');
  ctx.vary('HX-Boosted');
  const it = { ...data, me: ctx.state.member, csrf: () => ctx.state.csrfToken(), asset: views.assets.url, path: ctx.path };
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
  const communityName = await views.communityName();
  const news = ctx.state.member && views.news ? await views.news(ctx.state.member.id) : 0;
  ctx.body = await views.eta.renderAsync('layout', { ...it, body, communityName, news, title: data.title ?? communityName ?? 'Marketcross' });
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
