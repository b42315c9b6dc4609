import type Koa from 'koa';
import { findMemberByApiToken } from '../auth/api-tokens.queries.js';
import { deleteSession, findSessionMember, insertSession, touchSession } from '../auth/sessions.queries.js';
import { hashSecretToken, newSecretToken } from '../lib/secret-tokens.js';
import { addDays, addMinutes } from '../lib/time.js';
import type { AppContext, AppDeps, AppState } from './context.js';
import { AppError } from './errors.js';

export const SESSION_COOKIE = 'mc_session';
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
export function sessionMiddleware(deps: AppDeps): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    ctx.state.member = null;
    ctx.state.authVia = null;
    if (ctx.path.startsWith('/api/')) {
      const authorization = ctx.get('Authorization');
      if (authorization) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const member = match ? await findMemberByApiToken(deps.db, hashSecretToken(match[1]!), deps.now()) : null;
        if (!member)
          throw new AppError(
            401,
            'invalid_token',
            'The access token is not valid: it may have been revoked. Make a new one on your profile page.',
          );
        ctx.state.member = member;
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
          ctx.state.member = member;
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
export async function startSession(ctx: AppContext, deps: AppDeps, memberId: number): Promise<void> {
  const token = newSecretToken();
  const now = deps.now();
  await insertSession(deps.db, hashSecretToken(token), memberId, now, addDays(now, SESSION_DAYS));
  ctx.cookies.set(SESSION_COOKIE, token, cookieOptions(deps, SESSION_DAYS));
}

export async function endSession(ctx: AppContext, deps: AppDeps): Promise<void> {
  const token = ctx.cookies.get(SESSION_COOKIE);
  if (token) await deleteSession(deps.db, hashSecretToken(token));
  clearCookie(ctx, deps, SESSION_COOKIE);
}

/** The hash of the current session's token, to keep this session when ending the others. */
export function currentSessionHash(ctx: AppContext): string | undefined {
  const token = ctx.cookies.get(SESSION_COOKIE);
  return token ? hashSecretToken(token) : undefined;
}

export function cookieOptions(deps: AppDeps, days: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    secure: deps.config.secureCookies,
    maxAge: days * 24 * 60 * 60 * 1000,
    overwrite: true,
    path: '/',
  };
}

export function clearCookie(ctx: Koa.Context | AppContext, deps: AppDeps, name: string): void {
  ctx.cookies.set(name, null, { ...cookieOptions(deps, 0), maxAge: undefined, expires: new Date(0) });
}
