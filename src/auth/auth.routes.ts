import { type AppRouter, createRouter } from '../http/router.js';
import { requireSteward } from './actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { rotateCsrf } from '../http/csrf.js';
import { NotFoundError } from '../http/errors.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { endSession, startSession } from './session.js';
import { hashSecretToken } from '../lib/secret-tokens.js';
import { findMemberByHandle } from '../members/members.queries.js';
import { formatWhen } from './when.js';
import { issueResetLink, newPasswordSchema, RESET_LINK_GONE, RESET_PATH, resetPassword } from './password-changes.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { findOpenReset } from './passwords.queries.js';
import { minutesUntil, signIn, signInSchema } from './sign-in.js';
import { siteOrigin } from '../http/site.js';

const NO_MATCH = 'That email/phone and password do not match. Check both and try again.';

/**
 * Where to go after signing in: only a path on this box. `//host` and `/\host`
 * are read by browsers as another site, so they fall back to the home page.
 */
export function safeNext(next: unknown): string {
  return typeof next === 'string' && next.length <= 500 && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}

/** The flash slot of the reset link just made for a member, until their reset-link page shows it. */
const resetLinkSlot = (memberId: number) => `reset-link:${memberId}`;

/** Signing in and out, and the steward-issued one-time reset links. The account pages are in `account.routes.ts`. */
export function authRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  type SignInPage = {
    values?: Record<string, string>;
    errors?: FieldErrors;
    refusal?: string;
    notice?: string;
    status?: number;
  };
  const showSignIn = (ctx: AppContext, page: SignInPage) =>
    renderPage(
      ctx,
      'auth/signin',
      {
        title: 'Sign in',
        values: page.values ?? {},
        errors: page.errors ?? {},
        refusal: page.refusal,
        notice: page.notice,
      },
      { status: page.status },
    );

  router.get('/signin', async (ctx) => {
    const next = safeNext(ctx.query.next);
    await showSignIn(ctx, {
      values: next === '/' ? {} : { next },
      notice: ctx.query.reset === 'done' ? 'Your new password is set. Sign in with it.' : undefined,
    });
  });

  router.post('/signin', async (ctx) => {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    const next = safeNext(body?.next);
    const values = { ...submittedValues(body), next: next === '/' ? '' : next };
    const parsed = parseInput(signInSchema, body);
    if (!parsed.ok) return showSignIn(ctx, { values, errors: parsed.errors, status: 422 });

    const now = deps.now();
    const outcome = await signIn(deps.db, parsed.value, ctx.state.clientAddress, now);
    switch (outcome.kind) {
      case 'throttled':
        ctx.set('Retry-After', String(Math.ceil((outcome.retryAt.getTime() - now.getTime()) / 1000)));
        return showSignIn(ctx, {
          values,
          errors: {
            _form: `Too many failed attempts to sign in. For safety, signing in is paused: try again in ${minutesUntil(outcome.retryAt, now)}.`,
          },
          status: 429,
        });
      case 'no_match':
        return showSignIn(ctx, { values, errors: { _form: NO_MATCH }, status: 422 });
      case 'not_active':
        return showSignIn(ctx, { values, refusal: outcome.message, status: 403 });
      case 'signed_in':
        await endSession(ctx, deps); // someone else's session in this browser ends
        rotateCsrf(ctx, deps);
        await startSession(ctx, deps, outcome.memberId);
        seeOther(ctx, next);
    }
  });

  router.post('/signout', async (ctx) => {
    await endSession(ctx, deps);
    rotateCsrf(ctx, deps);
    seeOther(ctx, '/');
  });

  /**
   * A member's reset-link page, for stewards. A link just made is shown this
   * once: it waits in the flash for this page (only its hash is stored), and
   * uses the address the steward reached the box by.
   */
  router.get('/members/:handle/reset-link', async (ctx) => {
    requireSteward(ctx.state.actor);
    const member = await findMemberByHandle(deps.db, ctx.params.handle);
    if (!member) throw new NotFoundError('There is no member with that handle.');
    const issued = deps.flash.take<{ token: string; expiresAt: string }>(ctx, resetLinkSlot(member.id));
    if (issued) ctx.set('Cache-Control', 'no-store');
    await renderPage(ctx, 'auth/reset-link', {
      title: `Reset link for ${member.displayName}`,
      displayName: member.displayName,
      handle: member.handle,
      action: ctx.path,
      when: formatWhen,
      ...(issued && { link: `${siteOrigin(ctx)}${RESET_PATH}${issued.token}`, expiresAt: issued.expiresAt }),
    });
  });

  router.post('/members/:handle/reset-link', async (ctx) => {
    const steward = requireSteward(ctx.state.actor);
    const { memberId, token, expiresAt } = await issueResetLink(deps.db, steward, ctx.params.handle, deps.now());
    deps.flash.put(ctx, resetLinkSlot(memberId), { token, expiresAt: expiresAt.toISOString() });
    seeOther(ctx, `/members/${encodeURIComponent(ctx.params.handle)}/reset-link`);
  });

  const showReset = async (ctx: AppContext, token: string, errors: FieldErrors = {}, status?: number) => {
    const reset = await findOpenReset(deps.db, hashSecretToken(token), deps.now());
    if (!reset) throw new NotFoundError(RESET_LINK_GONE);
    ctx.set('Cache-Control', 'no-store');
    await renderPage(
      ctx,
      'auth/reset',
      {
        title: 'Set a new password',
        displayName: reset.displayName,
        expiresAt: reset.expiresAt,
        action: ctx.path,
        errors,
        minLength: PASSWORD_MIN_LENGTH,
        when: formatWhen,
      },
      { status },
    );
  };

  router.get(`${RESET_PATH}:token`, async (ctx) => {
    await showReset(ctx, ctx.params.token);
  });

  router.post(`${RESET_PATH}:token`, async (ctx) => {
    const parsed = parseInput(newPasswordSchema, ctx.request.body);
    if (!parsed.ok) return showReset(ctx, ctx.params.token, parsed.errors, 422);
    await resetPassword(deps.db, ctx.params.token, parsed.value, deps.now());
    seeOther(ctx, '/signin?reset=done');
  });

  return router;
}
