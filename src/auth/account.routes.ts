import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from './actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { currentSessionHash } from './session.js';
import { apiTokenSchema, createApiToken } from './api-tokens.js';
import { findApiTokensOfMember, revokeApiToken } from './api-tokens.queries.js';
import { changePassword, changePasswordSchema } from './password-changes.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { formatWhen } from './when.js';

/** What `/account?done=…` confirms after a POST redirected here. */
const DONE_NOTICES: Record<string, string> = {
  password: 'Your password is changed. Every other device signed in as you has been signed out.',
  revoked: 'The token is revoked: apps using it can no longer reach your account.',
};

function doneNotice(done: unknown): string | undefined {
  return typeof done === 'string' ? DONE_NOTICES[done] : undefined;
}

/** The flash slot of a token just made, until the tokens page shows it. */
const NEW_TOKEN_SLOT = 'api-token';
type NewToken = { token: string; name: string };

/** `/account`: a signed-in member's password and API tokens. */
export function accountRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/account', async (ctx) => {
    requireMember(ctx.state.actor);
    await renderPage(ctx, 'auth/account', { title: 'Your account', notice: doneNotice(ctx.query.done) });
  });

  const showPasswordForm = (ctx: AppContext, errors: FieldErrors, status?: number) =>
    renderPage(
      ctx,
      'auth/password',
      { title: 'Change your password', errors, minLength: PASSWORD_MIN_LENGTH },
      { status },
    );

  router.get('/account/password', async (ctx) => {
    requireMember(ctx.state.actor);
    await showPasswordForm(ctx, {});
  });

  router.post('/account/password', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const parsed = parseInput(changePasswordSchema, ctx.request.body);
    if (!parsed.ok) return showPasswordForm(ctx, parsed.errors, 422);
    try {
      await changePassword(deps.db, actor.id, parsed.value, currentSessionHash(ctx));
    } catch (error) {
      if (error instanceof AppError && error.fields) return showPasswordForm(ctx, error.fields, 422);
      throw error;
    }
    seeOther(ctx, '/account?done=password');
  });

  type TokensPage = { values?: Record<string, string>; errors?: FieldErrors; status?: number };
  const showTokens = async (ctx: AppContext, page: TokensPage) => {
    const actor = requireMember(ctx.state.actor);
    const tokens = await findApiTokensOfMember(deps.db, actor.id);
    // A token just made is shown in full this once: it waits in the flash for this page (only its hash is stored).
    const created = deps.flash.take<NewToken>(ctx, NEW_TOKEN_SLOT);
    if (created) ctx.set('Cache-Control', 'no-store');
    await renderPage(
      ctx,
      'auth/tokens',
      {
        title: 'Access tokens',
        tokens,
        values: page.values ?? {},
        errors: page.errors ?? {},
        newToken: created?.token,
        newTokenName: created?.name,
        notice: doneNotice(ctx.query.done),
        when: formatWhen,
      },
      { status: page.status },
    );
  };

  router.get('/account/tokens', async (ctx) => {
    await showTokens(ctx, {});
  });

  router.post('/account/tokens', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const parsed = parseInput(apiTokenSchema, ctx.request.body);
    if (!parsed.ok)
      return showTokens(ctx, {
        values: submittedValues(ctx.request.body),
        errors: parsed.errors,
        status: 422,
      });
    const token = await createApiToken(deps.db, actor.id, parsed.value.name, deps.now());
    deps.flash.put(ctx, NEW_TOKEN_SLOT, { token, name: parsed.value.name } satisfies NewToken);
    seeOther(ctx, '/account/tokens');
  });

  router.post('/account/tokens/:id/revoke', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await revokeApiToken(deps.db, actor.id, id, deps.now())))
      throw new NotFoundError('You have no token with that number.');
    seeOther(ctx, '/account/tokens?done=revoked');
  });

  return router;
}
