import Router from '@koa/router';
import { requireMember } from '../http/auth.js';
import type { AppContext, AppDeps, AppState } from '../http/context.js';
import { NotFoundError } from '../http/errors.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { findInvitesOf, revokeInvite } from './invites.queries.js';
import { createInvite, INVITE_PATH, inviteSchema, inviteState } from './invites.js';
import { RELATION_LABELS } from './members.js';
import { qrCodeDataUrl } from '../lib/qr-code.js';
import { siteOrigin } from '../http/site.js';

/** `/invites`: an active member's invite links, each a vouch for whoever joins through it. */
export function invitesRoutes(deps: AppDeps): Router<AppState> {
  const router = new Router<AppState>();

  async function showInvites(ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status?: number) {
    const me = requireMember(ctx.state);
    const now = deps.now();
    const invites = (await findInvitesOf(deps.db, me.id)).map((invite) => ({ ...invite, state: inviteState(invite, now) }));
    await renderPage(ctx, 'members/invites', { title: 'Invite someone', invites, values, errors, relations: RELATION_LABELS }, { status });
  }

  router.get('/invites', async (ctx) => {
    await showInvites(ctx as AppContext, { expiry_days: '7', max_uses: '1', relation: 'met_in_person' }, {});
  });

  // The link is shown in the response to the POST, not after a redirect: it is
  // the only time it exists outside the box (only its hash is stored).
  router.post('/invites', async (ctx) => {
    const me = requireMember(ctx.state);
    const parsed = parseInput(inviteSchema, ctx.request.body);
    if (!parsed.ok) return showInvites(ctx as AppContext, submittedValues(ctx.request.body), parsed.errors, 422);
    const { token, expiresAt } = await createInvite(deps.db, me.id, parsed.value, deps.now());
    const link = `${siteOrigin(ctx)}${INVITE_PATH}${token}`;
    await renderPage(
      ctx as AppContext,
      'members/invite-created',
      { title: 'Your invite link', link, qrDataUrl: await qrCodeDataUrl(link), expiresAt: expiresAt.toISOString(), maxUses: parsed.value.max_uses },
      { status: 201 },
    );
  });

  router.post('/invites/:id/revoke', async (ctx) => {
    const me = requireMember(ctx.state);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await revokeInvite(deps.db, me.id, id, deps.now()))) throw new NotFoundError('You have no open invite link with that number.');
    seeOther(ctx, '/invites');
  });

  return router;
}
