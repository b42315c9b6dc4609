import { requireSteward } from './actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import type { FieldErrors } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { siteOrigin } from '../http/site.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { hashSecretToken } from '../lib/secret-tokens.js';
import { findMemberByHandle } from '../members/members.queries.js';
import { issueResetLink, newPasswordSchema, RESET_LINK_GONE, RESET_PATH, resetPassword } from './password-changes.js';
import { PASSWORD_MIN_LENGTH } from './passwords.js';
import { findOpenReset } from './passwords.queries.js';

/** The flash slot of the reset link just made for a member, until their reset-link page shows it. */
const resetLinkSlot = (memberId: number) => `reset-link:${memberId}`;
/** The flash slot of a reset just done (how many API tokens it revoked), for the sign-in page that follows. */
export const RESET_DONE_SLOT = 'reset-done';
export type ResetDone = { revokedTokens: number };

/** The one-time links a steward makes for a member who forgot their password, and the page that uses one. */
export function resetLinkRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  /**
   * A member's reset-link page, for stewards. A link just made is shown this
   * once: it waits in the flash for this page (only its hash is stored), and
   * uses the address the steward reached the box by.
   */
  router.get('/members/:handle/reset-link', async (ctx) => {
    requireSteward(ctx.state.actor);
    const member = await findMemberByHandle(deps.db, ctx.params.handle);
    if (!member) throw new NotFound(msg('auth.noSuchMember'));
    const issued = deps.flash.take<{ token: string; expiresAt: string }>(ctx, resetLinkSlot(member.id));
    if (issued) ctx.set('Cache-Control', 'no-store');
    await renderPage(ctx, 'auth/reset-link', {
      title: ctx.state.t('auth.resetLink.title', { name: member.displayName }),
      displayName: member.displayName,
      handle: member.handle,
      action: ctx.path,
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
    if (!reset) throw new NotFound(RESET_LINK_GONE);
    ctx.set('Cache-Control', 'no-store');
    await renderPage(
      ctx,
      'auth/reset',
      {
        title: ctx.state.t('auth.reset.title'),
        displayName: reset.displayName,
        expiresAt: reset.expiresAt,
        action: ctx.path,
        errors,
        minLength: PASSWORD_MIN_LENGTH,
      },
      { status },
    );
  };

  router.get(`${RESET_PATH}:token`, async (ctx) => {
    await showReset(ctx, ctx.params.token);
  });

  router.post(`${RESET_PATH}:token`, async (ctx) => {
    const parsed = readInput(newPasswordSchema, ctx.request.body);
    if (!parsed.ok) return showReset(ctx, ctx.params.token, fieldWords(parsed.problems, ctx.state.t), 422);
    const done: ResetDone = await resetPassword(deps.db, ctx.params.token, parsed.value, deps.now());
    deps.flash.put(ctx, RESET_DONE_SLOT, done);
    seeOther(ctx, '/signin?reset=done');
  });

  return router;
}
