import type { Federation } from '../federation/federation.js';
import type Koa from 'koa';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import type { MemberRole, MemberStatus } from '../members/members.table.js';
import type { Flash } from './flash.js';
import type { Views } from './render.js';

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
}

/** The member behind the request's session cookie or API token. */
export interface CurrentMember {
  readonly id: number;
  readonly handle: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly status: MemberStatus;
}

export interface AppState {
  member: CurrentMember | null;
  /** The CSRF token for forms on this page (made on first use). */
  csrfToken: () => string;
  /** The client's address, for throttling. */
  clientAddress: string;
  /** How the member was recognised: a browser session, an API token, or not at all. */
  authVia: 'session' | 'token' | null;
}

export type AppContext = Koa.ParameterizedContext<AppState> & {
  request: Koa.Request & { body?: unknown };
};
