import Router from '@koa/router';
import { sql } from 'kysely';
import type { AppDeps, AppState } from '../http/context.js';

/** `GET /healthz`: for monitors and the provisioning script. 503 when the database cannot be read. */
export function healthRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();
  router.get('/healthz', async (ctx) => {
    let dbStatus = 'ok';
    try {
      await sql`SELECT count(*) FROM community`.execute(deps.db);
    } catch {
      dbStatus = 'unavailable';
    }
    ctx.set('Cache-Control', 'no-store');
    ctx.status = dbStatus === 'ok' ? 200 : 503;
    ctx.body = { status: dbStatus === 'ok' ? 'ok' : 'unavailable', version: deps.version, db: dbStatus };
  });
  return router;
}
