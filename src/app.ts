import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Koa from 'koa';
import compress from 'koa-compress';
import { bodyParser } from '@koa/bodyparser';
import type { Config } from './config.js';
import type { OpenDatabase } from './db/open.js';
import { boxSecret, findCommunity } from './community/community.queries.js';
import { loadAssets } from './http/assets.js';
import type { AppCustomContext, AppDeps, AppState } from './http/context.js';
import { csrfProtection, csrfTokens } from './http/csrf.js';
import { errorMiddleware } from './http/errors.js';
import { malformedRequestHandler } from './http/malformed-request.js';
import { createFlash } from './http/flash.js';
import { createViews, viewsDirectory } from './http/render.js';
import { securityHeaders } from './http/security.js';
import type { SiteConfig } from './http/site.js';
import { sessionMiddleware } from './auth/session.js';
import { packageRoot, packageVersion } from './paths.js';
import { registerRoutes } from './routes.js';
import { findListingNews } from './listings/news.js';
import { createPhotoQueue } from './listings/photos.js';
import type { WorkQueueSize } from './lib/work-queue.js';
import type { Federation } from './federation/federation.js';
import { wordsMiddleware } from './i18n/middleware.js';
import { createTranslator } from './i18n/translate.js';
import { catalogues } from './messages.js';
import type { HttpsServing } from './https/serving.js';

/** Request bodies larger than this are refused with 413. */
const BODY_LIMIT = '64kb';

export interface AppOptions {
  log?: (line: string) => void;
  now?: () => Date;
  /** The peer layer, when the box federates with siblings. */
  federation?: Federation | null;
  /** HTTPS, when the box has a name (src/https/): the plain port redirects to it once a certificate is in place. */
  https?: HttpsServing | null;
  /** How many photos are decoded at once and how many more wait (tests fill a small queue). */
  photoQueue?: WorkQueueSize;
}

export interface App {
  /** The request handler, for tests that drive the app without a port. */
  callback(): http.RequestListener;
  /** Listens on the configured host and port; resolves with the URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly deps: AppDeps;
}

export async function createApp(config: Config, database: OpenDatabase, options: AppOptions = {}): Promise<App> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? (() => new Date());
  const assets = loadAssets(packageRoot);
  const views = createViews(
    viewsDirectory(packageRoot),
    assets,
    async () => (await findCommunity(database.db))?.name ?? null,
    true,
    (actor) => findListingNews(database.db, actor, now()),
  );
  const deps: AppDeps = {
    config,
    db: database.db,
    views,
    log,
    now,
    csrfSecret: await boxSecret(database.db, 'csrf_secret'),
    version: packageVersion,
    federation: options.federation ?? null,
    flash: createFlash(now),
    translator: createTranslator(catalogues),
    photoQueue: createPhotoQueue(now, options.photoQueue),
  };

  // Behind a proxy, the client's address is the last in X-Forwarded-For, the one the proxy appended: what comes before
  // it is whatever the client sent, and would let it name a new address on every sign-in guess.
  const koa = new Koa<AppState, AppCustomContext>({ proxy: config.trustProxy, maxIpsCount: 1 });
  koa.context.views = views;
  const site: SiteConfig = { publicUrl: config.publicUrl, host: config.host, port: config.port };
  koa.context.site = site;
  koa.silent = true; // errorMiddleware logs what needs logging

  koa.use(csrfTokens(deps));
  koa.use(errorMiddleware(log, deps.translator, now));
  koa.use(securityHeaders());
  // brotli (quality 4, koa-compress's default) or gzip, whichever the browser takes. Not zstd,
  // which Node 24 offers and browsers ask for first: each response would get a compressor
  // with a 2 MB+ window, a cost the memory benchmark (issue 6, on Node 20) cannot measure.
  koa.use(compress({ threshold: 1024, zstd: false }));
  koa.use(assets.middleware());
  koa.use(
    bodyParser({ enableTypes: ['json', 'form'], jsonLimit: BODY_LIMIT, formLimit: BODY_LIMIT, encoding: 'utf-8' }),
  );
  koa.use(sessionMiddleware(deps));
  koa.use(wordsMiddleware(deps));
  koa.use(csrfProtection(deps));
  koa.use(async (ctx, next) => {
    ctx.state.clientAddress = ctx.ip || 'unknown';
    await next();
    // Any write may have changed a listing shared with neighbouring towns; the peer layer finds out which (cheaply) and
    // tells them.
    if (deps.federation && ctx.method !== 'GET' && ctx.method !== 'HEAD') void deps.federation.listingsChanged();
  });

  registerRoutes(koa, deps);

  return { deps, callback: () => koa.callback(), ...serverControl(koa, deps, site, { https: options.https, log }) };
}

/** The HTTP server (and HTTPS, when the box has a name): listening where the config says, and closing. */
function serverControl(
  koa: Koa<AppState, AppCustomContext>,
  deps: AppDeps,
  site: SiteConfig,
  { https, log }: { https: HttpsServing | null | undefined; log: (line: string) => void },
): Pick<App, 'start' | 'stop'> {
  let server: http.Server | undefined;
  return {
    async start() {
      const listener = koa.callback();
      server = http.createServer(https?.plainListener(listener) ?? listener);
      const malformed = malformedRequestHandler(deps);
      server.on('clientError', malformed);
      const url = await listenPlain(server, deps.config, site);
      await https?.start(listener, (error) => log(`https: ${error.message}`), malformed);
      return url;
    },
    async stop() {
      await https?.stop();
      if (!server) return;
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      server = undefined;
    },
  };
}

/** Listens on the configured host and port (noting the port it got in `site`); resolves with the plain address. */
function listenPlain(server: http.Server, config: Config, site: SiteConfig): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      const { address, port } = server.address() as AddressInfo;
      site.port = port;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve(`http://${host}:${port}`);
    });
  });
}
