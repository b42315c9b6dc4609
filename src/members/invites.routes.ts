import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { submittedValues, type FieldErrors } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { renderPage, seeOther } from '../http/render.js';
import { findInviteOf, findInvitesOf, revokeInvite } from './invites.queries.js';
import { createInvite, INVITE_PATH, inviteSchema, inviteState } from './invites.js';
import { VOUCH_RELATIONS } from './members.js';
import { qrCodeDataUrl } from '../lib/qr-code.js';
import { siteOrigin } from '../http/site.js';

/** The flash slot holding a new link's token until its page shows it. */
const newLinkSlot = (inviteId: number) => `invite:${inviteId}`;

/** `/invites`: an active member's invite links, each a vouch for whoever joins through it. */
export function invitesRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  async function showInvites(ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status?: number) {
    const actor = requireMember(ctx.state.actor);
    const now = deps.now();
    const invites = (await findInvitesOf(deps.db, actor.id)).map((invite) => ({
      ...invite,
      state: inviteState(invite, now),
    }));
    await renderPage(
      ctx,
      'members/invites',
      {
        title: ctx.state.t('members.invites.title'),
        invites,
        values,
        errors,
        relations: VOUCH_RELATIONS,
      },
      { status },
    );
  }

  router.get('/invites', async (ctx) => {
    await showInvites(ctx, { expiry_days: '7', max_uses: '1', relation: 'met_in_person' }, {});
  });

  router.post('/invites', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const parsed = readInput(inviteSchema, ctx.request.body);
    if (!parsed.ok) {
      return showInvites(ctx, submittedValues(ctx.request.body), fieldWords(parsed.problems, ctx.state.t), 422);
    }
    const { id, token } = await createInvite(deps.db, actor.id, parsed.value, deps.now());
    deps.flash.put(ctx, newLinkSlot(id), token);
    seeOther(ctx, `/invites/${id}`);
  });

  /**
   * One invite link, for its inviter alone. The link itself (and its QR code)
   * is shown once, on the first visit after making it: only its hash is
   * stored, and the token waits for this page in the flash, not in the address.
   */
  router.get('/invites/:id', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const id = Number(ctx.params.id);
    const invite = Number.isSafeInteger(id) ? await findInviteOf(deps.db, actor.id, id) : null;
    if (!invite) throw new NotFound(msg('members.invite.notYours'));
    const state = inviteState(invite, deps.now());
    const token = deps.flash.take<string>(ctx, newLinkSlot(invite.id));
    const link = token && state === 'live' ? `${siteOrigin(ctx)}${INVITE_PATH}${token}` : null;
    ctx.set('Cache-Control', 'no-store'); // the link may be on it
    await renderPage(ctx, 'members/invite', {
      title: ctx.state.t('members.invite.title'),
      invite,
      state,
      link,
      qrDataUrl: link ? await qrCodeDataUrl(link) : null,
    });
  });

  router.post('/invites/:id/revoke', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await revokeInvite(deps.db, actor.id, id, deps.now())))
      throw new NotFound(msg('members.invite.notOpen'));
    seeOther(ctx, '/invites');
  });

  return router;
}
