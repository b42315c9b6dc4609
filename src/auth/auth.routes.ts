import { type AppRouter, createRouter } from '../http/router.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { rotateCsrf } from '../http/csrf.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { endSession, startSession } from './session.js';
import { signIn, signInSchema } from './sign-in.js';
import { minutesUntil, secondsUntil } from '../lib/time.js';
import { RESET_DONE_SLOT, type ResetDone } from './reset-links.routes.js';

/**
 * Where to go after signing in: only a path on this box. `//host` and `/\host`
 * are read by browsers as another site, so they fall back to the home page.
 */
function safeNext(next: unknown): string {
  return typeof next === 'string' && next.length <= 500 && /^\/(?![/\\])[^\s\\]*$/.test(next) ? next : '/';
}

/**
 * Signing in and out. The steward-issued one-time reset links are in `reset-links.routes.ts`, the account pages in
 * `account.routes.ts` and `tokens.routes.ts`.
 */
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
        title: ctx.state.t('auth.signIn.title'),
        values: page.values ?? {},
        errors: page.errors ?? {},
        refusal: page.refusal,
        notice: page.notice,
      },
      { status: page.status },
    );

  // The count waits in the flash (peeked, so a reload says it again); after a restart the page says the rest.
  const resetNotice = (ctx: AppContext) => {
    const revokedTokens = deps.flash.peek<ResetDone>(ctx, RESET_DONE_SLOT)?.revokedTokens ?? 0;
    const done = ctx.state.t('auth.signIn.resetDone');
    return revokedTokens > 0
      ? `${done} ${ctx.state.t('auth.signIn.resetRevokedTokens', { count: revokedTokens })}`
      : done;
  };

  router.get('/signin', async (ctx) => {
    const next = safeNext(ctx.query.next);
    await showSignIn(ctx, {
      values: next === '/' ? {} : { next },
      notice: ctx.query.reset === 'done' ? resetNotice(ctx) : undefined,
    });
  });

  router.post('/signin', async (ctx) => {
    const body = ctx.request.body as Record<string, unknown> | undefined;
    const next = safeNext(body?.next);
    const values = { ...submittedValues(body), next: next === '/' ? '' : next };
    const parsed = readInput(signInSchema, body);
    if (!parsed.ok) {
      return showSignIn(ctx, { values, errors: fieldWords(parsed.problems, ctx.state.t), status: 422 });
    }

    const now = deps.now();
    const outcome = await signIn(deps.db, parsed.value, ctx.state.clientAddress, now);
    switch (outcome.kind) {
      case 'throttled':
        ctx.set('Retry-After', String(secondsUntil(outcome.retryAt, now)));
        return showSignIn(ctx, {
          values,
          errors: { _form: ctx.state.t('auth.signIn.throttled', { minutes: minutesUntil(outcome.retryAt, now) }) },
          status: 429,
        });
      case 'no_match':
        return showSignIn(ctx, { values, errors: { _form: ctx.state.t('auth.signIn.noMatch') }, status: 422 });
      case 'not_active':
        return showSignIn(ctx, { values, refusal: ctx.state.t(outcome.message), status: 403 });
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

  return router;
}
