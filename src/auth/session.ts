import type Koa from 'koa';
import type { DB } from '../db/database.js';
import { SignInRequired } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { hashSecretToken, newSecretToken } from '../lib/secret-tokens.js';
import { addDays, addMinutes } from '../lib/time.js';
import { clearCookie, cookieOptions } from '../lib/cookies.js';
import type { Actor } from './actor.js';
import { findMemberByApiToken } from './api-tokens.queries.js';
import { deleteSession, findSessionMember, insertSession, touchSession } from './sessions.queries.js';

/** What the session middleware needs of the app (`AppDeps` has it). */
export interface SessionDeps {
  readonly db: DB;
  readonly now: () => Date;
  readonly config: { readonly secureCookies: boolean };
}

/** What the session middleware tells the rest of the request (part of the app's `AppState`). */
export interface SessionState {
  /** The member making the request; null for a visitor. */
  actor: Actor | null;
  /** How the member was recognised: a browser session, an API token, or not at all. */
  authVia: 'session' | 'token' | null;
}

/** A request's cookies: all that starting or ending a session touches. */
type WithCookies = Pick<Koa.Context, 'cookies'>;

const SESSION_COOKIE = 'mc_session';
/** A session lasts this long after its last use. */
const SESSION_DAYS = 30;
/** Refresh `last_seen_at` at most this often, not on every request. */
const TOUCH_EVERY_MINUTES = 60;

/**
 * Recognises the member behind a request: on pages by the server-side session
 * whose random token is in an httpOnly cookie; under /api/ by a personal access
 * token (`Authorization: Bearer …`) only, never by cookie, so the API needs no
 * CSRF token.
 */
export function sessionMiddleware(deps: SessionDeps): Koa.Middleware<SessionState> {
  return async (ctx, next) => {
    ctx.state.actor = null;
    ctx.state.authVia = null;
    if (ctx.path.startsWith('/api/')) {
      const authorization = ctx.get('Authorization');
      if (authorization) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const actor = match ? await findMemberByApiToken(deps.db, hashSecretToken(match[1]!), deps.now()) : null;
        if (!actor) throw new SignInRequired(msg('common.errors.invalidToken'), 'invalid_token');
        ctx.state.actor = actor;
        ctx.state.authVia = 'token';
      }
    } else {
      const token = ctx.cookies.get(SESSION_COOKIE);
      if (token) {
        const tokenHash = hashSecretToken(token);
        const now = deps.now();
        const found = await findSessionMember(deps.db, tokenHash, now);
        if (found) {
          const { lastSeenAt, ...member } = found;
          ctx.state.actor = member;
          ctx.state.authVia = 'session';
          if (new Date(lastSeenAt) < addMinutes(now, -TOUCH_EVERY_MINUTES)) {
            await touchSession(deps.db, tokenHash, now, addDays(now, SESSION_DAYS));
          }
        } else {
          clearCookie(ctx, deps, SESSION_COOKIE);
        }
      }
    }
    await next();
  };
}

/** Starts a session for a member who has just proved who they are. */
export async function startSession(ctx: WithCookies, deps: SessionDeps, memberId: number): Promise<void> {
  const token = newSecretToken();
  const now = deps.now();
  await insertSession(deps.db, hashSecretToken(token), memberId, now, addDays(now, SESSION_DAYS));
  ctx.cookies.set(SESSION_COOKIE, token, cookieOptions(deps, SESSION_DAYS));
}

export async function endSession(ctx: WithCookies, deps: SessionDeps): Promise<void> {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (token) await deleteSession(deps.db, hashSecretToken(token));
  clearCookie(ctx, deps, SESSION_COOKIE);
}

/** The hash of the current session's token, to keep this session when ending the others. */
export function currentSessionHash(ctx: WithCookies): string | undefined {
  const token = ctx.cookies.get(SESSION_COOKIE);
  return token ? hashSecretToken(token) : undefined;
}
