import { type AppRouter, createRouter } from '../http/router.js';
import { databaseAnswers } from './health.queries.js';
import type { AppDeps } from '../http/context.js';
import { requireSteward } from '../auth/actor.js';
import { renderPage } from '../http/render.js';
import { qrCodeDataUrl } from '../lib/qr-code.js';
import { findScheduledJobStatuses } from '../jobs/job-runs.queries.js';
import { boxAddress } from './address.js';
import { namedUrl } from './https-check.js';
import {
  bytesPhrase,
  checkWords,
  describeJobs,
  phraseWords,
  runHealthChecks,
  systemProbes,
  verdict,
} from './checks.js';
import { siteOrigin } from '../http/site.js';

/**
 * `GET /healthz` for monitors and the provisioning script (503 when the
 * database cannot be read), and `/stewards/health`, the same checks as
 * `marketcross doctor` for stewards in the browser.
 */
export function healthRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  router.get('/healthz', async (ctx) => {
    const dbStatus = (await databaseAnswers(deps.db)) ? 'ok' : 'unavailable';
    ctx.set('Cache-Control', 'no-store');
    ctx.status = dbStatus === 'ok' ? 200 : 503;
    ctx.body = { status: dbStatus === 'ok' ? 'ok' : 'unavailable', version: deps.version, db: dbStatus };
  });

  router.get('/stewards/health', async (ctx) => {
    requireSteward(ctx.state.actor);
    const probes = { ...systemProbes, now: deps.now };
    const checks = await runHealthChecks(deps.db, deps.config, probes, deps.federation);
    const jobs = describeJobs(await findScheduledJobStatuses(deps.db), probes.now());
    // The address people on the venue Wi-Fi can type or scan, whatever name this page was opened by: the box's name
    // once it serves HTTPS for it, else its IP address; a box listening on loopback only is not reachable there, so it
    // shows the address it was opened by.
    const { addresses, ipUrl } = boxAddress(deps.config);
    const boxUrl = namedUrl(deps.config, probes.now()) ?? ipUrl ?? `${siteOrigin(ctx)}/`;
    ctx.set('Cache-Control', 'no-store');
    const { t } = ctx.state;
    await renderPage(ctx, 'health/index', {
      title: t('health.page.title'),
      checks: checks.map((check) => checkWords(check, t)),
      verdict: verdict(checks),
      jobs: jobs.map((job) => ({
        ...job,
        lastRun: phraseWords(job.lastRun, t),
        message: job.message ? phraseWords(job.message, t) : '',
        nextRun: phraseWords(job.nextRun, t),
      })),
      version: deps.version,
      uptimeMinutes: Math.round(probes.uptimeSeconds() / 60),
      memory: phraseWords(bytesPhrase(probes.rssBytes()), t),
      addresses,
      boxUrl,
      qr: await qrCodeDataUrl(boxUrl),
      peerId: deps.federation?.peerId ?? null,
    });
  });
  return router;
}
