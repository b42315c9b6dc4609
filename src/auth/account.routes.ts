import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from '../http/auth.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FieldErrors, fieldWords, readInput, submittedValues } from '../http/forms.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { renderPage, seeOther } from '../http/render.js';
import { currentSessionHash } from '../http/session.js';
import { apiTokenSchema, createApiToken } from './api-tokens.js';
import { findApiTokensOfMember, revokeApiToken } from './api-tokens.queries.js';
import { changePassword, changePasswordSchema } from './password-changes.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';

/** What `/account?done=…` confirms after a POST redirected here. */
const DONE_NOTICES: Record<string, string> = {
  password: 'auth.account.passwordChanged',
  revoked: 'auth.account.tokenRevoked',
};

function doneNotice(ctx: AppContext): string | undefined {
  const done = ctx.query.done;
  const key = typeof done === 'string' && Object.hasOwn(DONE_NOTICES, done) ? DONE_NOTICES[done] : undefined;
  return key ? ctx.state.t(key) : undefined;
}

/** The flash slot of a token just made, until the tokens page shows it. */
const NEW_TOKEN_SLOT = 'api-token';
type NewToken = { token: string; name: string };

/** `/account`: a signed-in member's password and API tokens. */
export function accountRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/account', async (ctx) => {
    requireMember(ctx.state);
    await renderPage(ctx, 'auth/account', { title: ctx.state.t('auth.account.title'), notice: doneNotice(ctx) });
  });

  const showPasswordForm = (ctx: AppContext, errors: FieldErrors, status?: number) =>
    renderPage(
      ctx,
      'auth/password',
      { title: ctx.state.t('auth.password.title'), errors, minLength: PASSWORD_MIN_LENGTH },
      { status },
    );

  router.get('/account/password', async (ctx) => {
    requireMember(ctx.state);
    await showPasswordForm(ctx, {});
  });

  router.post('/account/password', async (ctx) => {
    const me = requireMember(ctx.state);
    const parsed = readInput(changePasswordSchema, ctx.request.body);
    if (!parsed.ok) return showPasswordForm(ctx, fieldWords(parsed.problems, ctx.state.t), 422);
    try {
      await changePassword(deps.db, me.id, parsed.value, currentSessionHash(ctx));
    } catch (error) {
      if (error instanceof Invalid) return showPasswordForm(ctx, fieldWords(error.fields, ctx.state.t), 422);
      throw error;
    }
    seeOther(ctx, '/account?done=password');
  });

  type TokensPage = { values?: Record<string, string>; errors?: FieldErrors; status?: number };
  const showTokens = async (ctx: AppContext, page: TokensPage) => {
    const me = requireMember(ctx.state);
    const tokens = await findApiTokensOfMember(deps.db, me.id);
    // A token just made is shown in full this once: it waits in the flash for this page (only its hash is stored).
    const created = deps.flash.take<NewToken>(ctx, NEW_TOKEN_SLOT);
    if (created) ctx.set('Cache-Control', 'no-store');
    await renderPage(
      ctx,
      'auth/tokens',
      {
        title: ctx.state.t('auth.tokens.title'),
        tokens,
        values: page.values ?? {},
        errors: page.errors ?? {},
        newToken: created?.token,
        newTokenName: created?.name,
        notice: doneNotice(ctx),
      },
      { status: page.status },
    );
  };

  router.get('/account/tokens', async (ctx) => {
    await showTokens(ctx, {});
  });

  router.post('/account/tokens', async (ctx) => {
    const me = requireMember(ctx.state);
    const parsed = readInput(apiTokenSchema, ctx.request.body);
    if (!parsed.ok)
      return showTokens(ctx, {
        values: submittedValues(ctx.request.body),
        errors: fieldWords(parsed.problems, ctx.state.t),
        status: 422,
      });
    const token = await createApiToken(deps.db, me.id, parsed.value.name, deps.now());
    deps.flash.put(ctx, NEW_TOKEN_SLOT, { token, name: parsed.value.name } satisfies NewToken);
    seeOther(ctx, '/account/tokens');
  });

  router.post('/account/tokens/:id/revoke', async (ctx) => {
    const me = requireMember(ctx.state);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await revokeApiToken(deps.db, me.id, id, deps.now())))
      throw new NotFound(msg('auth.tokens.noSuchToken'));
    seeOther(ctx, '/account/tokens?done=revoked');
  });

  return router;
}
