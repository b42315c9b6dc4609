import Router from '@koa/router';
import type { AppDeps, AppState } from '../http/context.js';

export function groupRoutes(_deps: AppDeps): Router<AppState> {
  return new Router<AppState>();
}
