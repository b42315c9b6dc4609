import type { Federation } from '../federation/federation.js';
import type Koa from 'koa';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import type { SessionState } from '../auth/session.js';
import type { WordsState } from '../i18n/middleware.js';
import type { Translator } from '../i18n/translate.js';
import type { WorkQueue } from '../lib/work-queue.js';
import type { Flash } from './flash.js';
import type { Views } from './render.js';
import type { SiteConfig } from './site.js';

/** What every route needs, built once in `createApp` and passed down. */
export interface AppDeps {
  readonly config: Config;
  readonly db: DB;
  readonly views: Views;
  readonly log: (line: string) => void;
  /** The clock; tests move it to reach expiries. */
  readonly now: () => Date;
  /** HMAC key for CSRF tokens, kept in the database so tokens survive a restart. */
  readonly csrfSecret: Buffer;
  readonly version: string;
  /** The peer layer; null when the box runs alone. */
  readonly federation: Federation | null;
  /** Results of successful forms waiting for the page their 303 leads to. */
  readonly flash: Flash;
  /** The words of every catalogue (`src/messages.ts`), built once; each request gets its own `ctx.state.t`. */
  readonly translator: Translator;
  /** Uploaded photos are decoded through this queue, a few at a time (src/listings/photos.ts). */
  readonly photoQueue: WorkQueue;
}

/**
 * `ctx.state`: who is asking (`actor`, `authVia`: see `src/auth/session.ts`), in which language (`locale`, `t`: see
 * `src/i18n/middleware.ts`), and what the http plumbing adds.
 */
export interface AppState extends SessionState, WordsState {
  /** The CSRF token for forms on this page (made on first use). */
  csrfToken: () => string;
  /** The client's address, for throttling. */
  clientAddress: string;
}

/**
 * What the app adds to koa's context: `views` and `site` (set once on `app.context`) and the parsed body. Named here
 * rather than taken from koa's `DefaultContext`, whose index signature would let any misspelt `ctx.x` through as `any`.
 */
export interface AppCustomContext {
  views: Views;
  /** What links that leave the page are written with (`siteOrigin` in site.ts). */
  site: SiteConfig;
  request: Koa.Request & { body?: unknown };
}

/** The context of every request, in middleware and (with `params`, as `RouteContext`) in route handlers. */
export type AppContext = Koa.ParameterizedContext<AppState, AppCustomContext>;
