import Router, { type RouterContext, type RouterOptions } from '@koa/router';
import type { AppCustomContext, AppState } from './context.js';

/**
 * The router every feature uses: koa-router typed once with the app's state (`ctx.state.actor`, `t`, `locale`, ...)
 * and the app's own context properties (`ctx.views`, `ctx.request.body`), so a handler's `ctx` is an `AppContext` with
 * no cast. A feature's routes file reads:
 *
 *   export function groupRoutes(deps: AppDeps): AppRouter {
 *     const router = createRouter();
 *     router.get('/groups', async (ctx) => renderPage(ctx, 'groups/index', { ... }));
 *     return router;
 *   }
 *
 * and is registered in `src/routes.ts`.
 */
export type AppRouter = Router<AppState, AppCustomContext>;

/** The `ctx` of a route handler: an `AppContext` plus the router's `params`. */
export type RouteContext = RouterContext<AppState, AppCustomContext>;

export function createRouter(options?: RouterOptions): AppRouter {
  return new Router<AppState, AppCustomContext>(options);
}
