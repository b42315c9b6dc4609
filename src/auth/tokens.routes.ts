import { requireMember } from './actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { formAction, type FormState } from '../http/form-action.js';
import { renderPage, seeOther } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { doneNotice } from './account-notices.js';
import { apiTokenSchema, createApiToken } from './api-tokens.js';
import { findApiTokensOfMember, revokeApiToken } from './api-tokens.queries.js';

/** The flash slot of a token just made, until the tokens page shows it. */
const NEW_TOKEN_SLOT = 'api-token';
type NewToken = { token: string; name: string };

/** `/account/tokens`: a member's personal access tokens for the JSON API. */
export function tokenRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  const showTokens = async (ctx: AppContext, form: Partial<FormState> = {}) => {
    const me = requireMember(ctx.state.actor);
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
        values: form.values ?? {},
        errors: form.errors ?? {},
        newToken: created?.token,
        newTokenName: created?.name,
        notice: doneNotice(ctx.query.done, ctx.state.t),
      },
      { status: form.status },
    );
  };

  router.get('/account/tokens', async (ctx) => {
    await showTokens(ctx);
  });

  formAction(router, '/account/tokens', {
    db: deps.db,
    schema: apiTokenSchema,
    load: async (ctx) => requireMember(ctx.state.actor),
    run: async (trx, input, me, ctx) => {
      const token = await createApiToken(trx, me.id, input.name, deps.now());
      deps.flash.put(ctx, NEW_TOKEN_SLOT, { token, name: input.name } satisfies NewToken);
      return '/account/tokens';
    },
    showForm: (ctx, _me, form) => showTokens(ctx, form),
  });

  router.post('/account/tokens/:id/revoke', async (ctx) => {
    const me = requireMember(ctx.state.actor);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await revokeApiToken(deps.db, me.id, id, deps.now())))
      throw new NotFound(msg('auth.tokens.noSuchToken'));
    seeOther(ctx, '/account/tokens?done=revoked');
  });

  return router;
}
