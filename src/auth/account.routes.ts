import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from './actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import type { FieldErrors } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { Invalid, LimitReached } from '../lib/errors.js';
import { secondsUntil } from '../lib/time.js';
import { renderPage, seeOther } from '../http/render.js';
import { currentSessionHash } from './session.js';
import { changePassword, changePasswordSchema } from './password-changes.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { doneNotice } from './account-notices.js';
import { findApiTokensOfMember } from './api-tokens.queries.js';

/** `/account`: a signed-in member's account and password; their API tokens are in `tokens.routes.ts`. */
export function accountRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/account', async (ctx) => {
    const me = requireMember(ctx.state.actor);
    // A password change keeps the member's API tokens (they made them, signed in); say how many still work.
    const tokensRemaining =
      ctx.query.done === 'password' ? (await findApiTokensOfMember(deps.db, me.id)).length : undefined;
    await renderPage(ctx, 'auth/account', {
      title: ctx.state.t('auth.account.title'),
      notice: doneNotice(ctx.query.done, ctx.state.t),
      tokensRemaining,
    });
  });

  const showPasswordForm = (ctx: AppContext, errors: FieldErrors, status?: number) =>
    renderPage(
      ctx,
      'auth/password',
      { title: ctx.state.t('auth.password.title'), errors, minLength: PASSWORD_MIN_LENGTH },
      { status },
    );

  router.get('/account/password', async (ctx) => {
    requireMember(ctx.state.actor);
    await showPasswordForm(ctx, {});
  });

  router.post('/account/password', async (ctx) => {
    const me = requireMember(ctx.state.actor);
    const parsed = readInput(changePasswordSchema, ctx.request.body);
    if (!parsed.ok) return showPasswordForm(ctx, fieldWords(parsed.problems, ctx.state.t), 422);
    const now = deps.now();
    try {
      await changePassword(deps.db, me.id, parsed.value, {
        keepSessionHash: currentSessionHash(ctx),
        address: ctx.state.clientAddress,
        now,
      });
    } catch (error) {
      if (error instanceof Invalid) return showPasswordForm(ctx, fieldWords(error.fields, ctx.state.t), 422);
      if (error instanceof LimitReached && error.retryAt) {
        ctx.set('Retry-After', String(secondsUntil(error.retryAt, now)));
        return showPasswordForm(ctx, { _form: ctx.state.t(error.reason) }, 429);
      }
      throw error;
    }
    seeOther(ctx, '/account?done=password');
  });

  return router;
}
