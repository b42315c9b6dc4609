import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
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
import { createFlash } from './http/flash.js';
import { createViews, viewsDirectory } from './http/render.js';
import { securityHeaders } from './http/security.js';
import { sessionMiddleware } from './auth/session.js';
import { packageRoot, packageVersion } from './paths.js';
import { registerRoutes } from './routes.js';
import { findListingNews } from './listings/news.js';
import type { Federation } from './federation/federation.js';
import { wordsMiddleware } from './i18n/middleware.js';
import { createTranslator } from './i18n/translate.js';
import { catalogues } from './messages.js';
import type { HttpsServing } from './https/serving.js';

/** Request bodies larger than this are refused with 413. */
export const BODY_LIMIT = '64kb';

export interface AppOptions {
  log?: (line: string) => void;
  now?: () => Date;
  /** The peer layer, when the box federates with siblings. */
  federation?: Federation | null;
  /** HTTPS, when the box has a name (src/https/): the plain port redirects to it once a certificate is in place. */
  https?: HttpsServing | null;
}

export interface App {
  /** The request handler, for tests that drive the app without a port. */
  callback(): http.RequestListener;
  /** Listens on the configured host and port; resolves with the URL. */
  start(): Promise<string>;
  stop(): Promise<void>;
  readonly deps: AppDeps;
}

/**
 * Node refuses some requests before koa sees them (headers over 16 kB, broken
 * HTTP). Answer those rather than closing silently: in the API's error shape
 * for the API, and as a short page for a person, whose browser would otherwise
 * show its own error (a search typed 10 kB long makes such an address).
 */
function answerMalformedRequest(error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  // The request line, as far as Node read it: enough to tell the API from a page.
  const target = /^[A-Z]{3,7} (\/\S*)/.exec(error.rawPacket?.subarray(0, 200).toString('latin1') ?? '')?.[1];
  const forPerson = target !== undefined && !target.startsWith('/api/');
  const body = forPerson
    ? malformedRequestPage(tooLarge, target)
    : JSON.stringify({
        error: tooLarge
          ? { code: 'headers_too_large', message: 'The request headers (or the address) are too large.' }
          : { code: 'bad_request', message: 'The request could not be understood.' },
      });
  const type = forPerson ? 'text/html' : 'application/json';
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${type}; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The page for a refused request: plain, as the app's views and session are out of reach here; a link back to the page
 * without its query.
 */
function malformedRequestPage(tooLarge: boolean, target: string): string {
  const path = target.split('?')[0]!;
  const back = /^\/[\w\-/]*$/.test(path) && path.length <= 100 ? path : '/';
  const message = tooLarge
    ? 'That address is too long for the box to read. If you were searching, use fewer words: only the first 200 characters of a search are used.'
    : 'The box could not understand that request.';
  return `<!doctype html><html lang="en"><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${tooLarge ? 'Address too long' : 'Bad request'}</title><p>${message}</p><p><a href="${back}">Start again</a></p></html>`;
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
  };

  const koa = new Koa<AppState, AppCustomContext>({ proxy: config.trustProxy });
  koa.context.views = views;
  koa.silent = true; // errorMiddleware logs what needs logging

  koa.use(csrfTokens(deps));
  koa.use(errorMiddleware(log, deps.translator));
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

  let server: http.Server | undefined;
  return {
    deps,
    callback: () => koa.callback(),
    async start() {
      const listener = koa.callback();
      server = http.createServer(options.https?.plainListener(listener) ?? listener);
      server.on('clientError', answerMalformedRequest);
      const url = await listenPlain(server, config);
      await options.https?.start(listener, (error) => log(`https: ${error.message}`));
      return url;
    },
    async stop() {
      await options.https?.stop();
      if (!server) return;
      const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
      server.closeAllConnections();
      await closing;
      server = undefined;
    },
  };
}

/** Listens on the configured host and port; resolves with the plain HTTP address. */
function listenPlain(server: http.Server, config: Config): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      const { address, port } = server.address() as AddressInfo;
      const host = address.includes(':') ? `[${address}]` : address;
      resolve(`http://${host}:${port}`);
    });
  });
}
