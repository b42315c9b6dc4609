import { type AppRouter, createRouter } from '../http/router.js';
import type { AppDeps } from '../http/context.js';
import { directoryRoutes } from './directory.routes.js';
import { invitesRoutes } from './invites.routes.js';
import { joinRoutes } from './join.routes.js';
import { profilesRoutes } from './profiles.routes.js';
import { vouchingRoutes } from './vouching.routes.js';

/**
 * Who We Are: joining, the directory, vouching, profiles and invitations, one router per use case. The order
 * matters: `/members/requests` before the profiles' `/members/:handle`.
 */
export function memberRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  for (const sub of [
    joinRoutes(deps),
    invitesRoutes(deps),
    directoryRoutes(deps),
    vouchingRoutes(deps),
    profilesRoutes(deps),
  ])
    router.use(sub.routes());
  return router;
}
