import type { AppDeps } from '../http/context.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { decisionsLogRoutes } from './decisions-log.routes.js';
import { membersListRoutes } from './members-list.routes.js';
import { placeRoutes } from './places.routes.js';

/**
 * The stewards' pages, by use case: admitting, declining, suspending and reinstating members and stewards' roles
 * (`members-list.routes.ts`), the whole decisions log, and the places list.
 */
export function stewardRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  for (const routes of [membersListRoutes(deps), decisionsLogRoutes(deps), placeRoutes(deps)]) {
    router.use(routes.routes());
  }
  return router;
}
