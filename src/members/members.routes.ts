import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import { requireMember } from '../http/auth.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { optionalText, parseInput, readInput, fieldWords, submittedValues, type FieldErrors } from '../http/forms.js';
import { Conflict, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { renderPage, seeOther } from '../http/render.js';
import { invitesRoutes } from './invites.routes.js';
import { joinRoutes } from './join.routes.js';
import { locationSchema, placeGone, resolveLocation } from './location.js';
import { findMemberByHandle, findMemberById, updateProfile } from './members.queries.js';
import { MEMBER_KINDS, PROFILE_FIELDS, VISIBILITIES, VOUCH_RELATIONS } from './members.js';
import { findPlaces } from './places.queries.js';
import { findDirectory, findJoinRequests, findProfile, profileFormValues, profileSchema } from './profiles.js';
import { vouchFor, vouchSchema } from './vouches.js';
import { profileFeedback } from '../ledger/feedback.js';

const directoryQuery = z.object({
  q: optionalText('Search', 100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Who We Are: joining, the directory, profiles, vouching and invitations. */
export function memberRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  for (const sub of [joinRoutes(deps), invitesRoutes(deps)]) router.use(sub.routes());

  router.get('/members', async (ctx) => {
    const { q, page } = directoryQuery.parse(ctx.query);
    const directory = await findDirectory(deps.db, ctx.state.member, q, page);
    await renderPage(
      ctx,
      'members/index',
      { title: ctx.state.t('members.directory.title'), directory },
      { fragment: 'members/_rows' },
    );
  });

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
    const viewer = requireMember(ctx.state);
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
    requireMember(ctx.state);
    const vouched = typeof ctx.query.vouched === 'string' ? await findMemberByHandle(deps.db, ctx.query.vouched) : null;
    const notice =
      vouched &&
      ctx.state.t(vouched.status === 'active' ? 'members.requests.nowMember' : 'members.requests.recorded', {
        name: vouched.displayName,
      });
    await showRequests(ctx, { notice: notice || undefined });
  });

  router.post('/members/:handle/vouch', async (ctx) => {
    const voucher = requireMember(ctx.state);
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

  async function showProfileForm(
    ctx: AppContext,
    values: Record<string, string>,
    errors: FieldErrors,
    status?: number,
  ) {
    await renderPage(
      ctx,
      'members/edit-profile',
      {
        title: ctx.state.t('members.edit.title'),
        values,
        errors,
        places: await findPlaces(deps.db),
        kinds: MEMBER_KINDS,
        visibilities: VISIBILITIES,
        fields: PROFILE_FIELDS,
      },
      { status },
    );
  }

  router.get('/profile', async (ctx) => {
    const me = requireMember(ctx.state);
    const member = await findMemberById(deps.db, me.id);
    if (!member) throw new NotFound();
    await showProfileForm(ctx, await profileFormValues(deps.db, member), {});
  });

  router.post('/profile', async (ctx) => {
    const me = requireMember(ctx.state);
    const body = ctx.request.body;
    const values = submittedValues(body);
    const fields = parseInput(profileSchema, body);
    const location = readInput(locationSchema, body);
    if (!fields.ok || !location.ok) {
      const errors = {
        ...(fields.ok ? {} : fields.errors),
        ...(location.ok ? {} : fieldWords(location.problems, ctx.state.t)),
      };
      return showProfileForm(ctx, values, errors, 422);
    }
    const resolved = await resolveLocation(deps.db, location.value);
    if (!resolved) return showProfileForm(ctx, values, { place_id: ctx.state.t(placeGone) }, 422);
    const f = fields.value;
    await deps.db.transaction().execute((trx) =>
      updateProfile(trx, me.id, {
        displayName: f.display_name,
        kind: f.kind,
        about: f.about,
        values: f.values,
        links: f.links,
        location: resolved,
        visibility: {
          name: f.name_visibility,
          about: f.about_visibility,
          values: f.values_visibility,
          links: f.links_visibility,
          location: f.location_visibility,
          contact: f.contact_visibility,
        },
      }),
    );
    seeOther(ctx, `/members/${encodeURIComponent(me.handle)}`);
  });

  router.get('/members/:handle', async (ctx) => {
    const profile = await findProfile(deps.db, ctx.state.member, ctx.params.handle);
    if (!profile) {
      throw new NotFound(msg(ctx.state.member ? 'members.profile.noMember' : 'members.profile.noMemberVisitor'));
    }
    await renderPage(ctx, 'members/profile', {
      title: profile.displayName,
      profile,
      feedback: await profileFeedback(deps.db, ctx.state.member, profile.handle),
    });
  });

  return router;
}
