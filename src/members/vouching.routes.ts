import { type AppRouter, createRouter } from '../http/router.js';
import { findCommunity } from '../community/community.queries.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { Conflict } from '../lib/errors.js';
import { findMemberByHandle } from './members.queries.js';
import { VOUCH_RELATIONS } from './members.js';
import { findJoinRequests } from './profiles.js';
import { vouchFor, vouchSchema } from './vouches.js';
import { hasVouched } from './vouches.queries.js';

/** `/members/requests`: the join requests a member may vouch for, and the vouch itself. */
export function vouchingRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  async function showRequests(
    ctx: AppContext,
    form: {
      notice?: string;
      handle?: string;
      values?: Record<string, string>;
      errors?: FieldErrors;
      status?: number;
    } = {},
  ) {
    const viewer = requireMember(ctx.state.actor);
    const [requests, community] = await Promise.all([findJoinRequests(deps.db, viewer), findCommunity(deps.db)]);
    await renderPage(
      ctx,
      'members/requests',
      {
        title: ctx.state.t('members.requests.title'),
        requests,
        vouchesRequired: community?.vouchesRequired,
        relations: VOUCH_RELATIONS,
        form: { values: {}, errors: {}, ...form },
      },
      { status: form.status },
    );
  }

  router.get('/members/requests', async (ctx) => {
    const viewer = requireMember(ctx.state.actor);
    const named = typeof ctx.query.vouched === 'string' ? await findMemberByHandle(deps.db, ctx.query.vouched) : null;
    // Only someone the viewer vouched for: any other handle in the address would show a name kept from them.
    const vouched = named && (await hasVouched(deps.db, named.id, viewer.id)) ? named : null;
    const notice =
      vouched &&
      ctx.state.t(vouched.status === 'active' ? 'members.requests.nowMember' : 'members.requests.recorded', {
        name: vouched.displayName,
      });
    await showRequests(ctx, { notice: notice || undefined });
  });

  router.post('/members/:handle/vouch', async (ctx) => {
    const voucher = requireMember(ctx.state.actor);
    const handle = ctx.params.handle;
    const values = submittedValues(ctx.request.body);
    const parsed = readInput(vouchSchema, ctx.request.body);
    if (!parsed.ok) {
      return showRequests(ctx, { handle, values, errors: fieldWords(parsed.problems, ctx.state.t), status: 422 });
    }
    try {
      const input = parsed.value;
      await deps.db.transaction().execute((trx) => vouchFor(trx, voucher, handle, input, deps.now()));
    } catch (error) {
      if (error instanceof Conflict)
        return showRequests(ctx, { handle, values, errors: { _form: ctx.state.t(error.reason) }, status: 409 });
      throw error;
    }
    seeOther(ctx, `/members/requests?vouched=${encodeURIComponent(handle)}`);
  });

  return router;
}
