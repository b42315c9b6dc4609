import Router from '@koa/router';
import type { AppDeps, AppState } from '../http/context.js';

export function authRoutes(_deps: AppDeps): Router<AppState> {
  return new Router<AppState>();
}
