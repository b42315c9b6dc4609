import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { findCommunity } from '../community/community.queries.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { ConflictError, NotFoundError } from '../http/errors.js';
import { optionalText, parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { locationSchema, PLACE_GONE, resolveLocation } from './location.js';
import { findMemberByHandle, findMemberById, updateProfile } from './members.queries.js';
import { KIND_LABELS, RELATION_LABELS, VISIBILITY_LABELS, PROFILE_FIELDS } from './members.js';
import { findPlaces } from './places.queries.js';
import { findDirectory, findJoinRequests, findProfile, profileFormValues, profileSchema } from './profiles.js';
import { vouchFor, vouchSchema } from './vouches.js';
import { profileFeedback } from '../ledger/feedback.js';

const directoryQuery = z.object({
  q: optionalText('Search', 100).catch(''),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** Who We Are: the directory, profiles and vouching (joining and invitations have their own routers). */
export function memberRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/members', async (ctx) => {
    const { q, page } = directoryQuery.parse(ctx.query);
    const directory = await findDirectory(deps.db, ctx.state.actor, q, page);
    await renderPage(
      ctx,
      'members/index',
      { title: 'Members', directory, kinds: KIND_LABELS },
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
    const actor = requireMember(ctx.state.actor);
    const [requests, community] = await Promise.all([findJoinRequests(deps.db, actor), findCommunity(deps.db)]);
    await renderPage(
      ctx,
      'members/requests',
      {
        title: 'Join requests',
        requests,
        vouchesRequired: community?.vouchesRequired,
        kinds: KIND_LABELS,
        relations: RELATION_LABELS,
        form: { values: {}, errors: {}, ...form },
      },
      { status: form.status },
    );
  }

  router.get('/members/requests', async (ctx) => {
    requireMember(ctx.state.actor);
    const vouched = typeof ctx.query.vouched === 'string' ? await findMemberByHandle(deps.db, ctx.query.vouched) : null;
    const notice =
      vouched &&
      (vouched.status === 'active'
        ? `${vouched.displayName} is now a member. Thank you.`
        : `Your vouch for ${vouched.displayName} is recorded.`);
    await showRequests(ctx, { notice: notice || undefined });
  });

  router.post('/members/:handle/vouch', async (ctx) => {
    const voucher = requireMember(ctx.state.actor);
    const handle = ctx.params.handle;
    const values = submittedValues(ctx.request.body);
    const parsed = parseInput(vouchSchema, ctx.request.body);
    if (!parsed.ok) return showRequests(ctx, { handle, values, errors: parsed.errors, status: 422 });
    try {
      const input = parsed.value;
      await deps.db.transaction().execute((trx) => vouchFor(trx, voucher, handle, input, deps.now()));
    } catch (error) {
      if (error instanceof ConflictError)
        return showRequests(ctx, { handle, values, errors: { _form: error.message }, status: 409 });
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
        title: 'Edit your profile',
        values,
        errors,
        places: await findPlaces(deps.db),
        kinds: KIND_LABELS,
        visibilities: VISIBILITY_LABELS,
        fields: PROFILE_FIELDS,
      },
      { status },
    );
  }

  router.get('/profile', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const member = await findMemberById(deps.db, actor.id);
    if (!member) throw new NotFoundError();
    await showProfileForm(ctx, await profileFormValues(deps.db, member), {});
  });

  router.post('/profile', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const body = ctx.request.body;
    const values = submittedValues(body);
    const fields = parseInput(profileSchema, body);
    const location = parseInput(locationSchema, body);
    if (!fields.ok || !location.ok) {
      return showProfileForm(
        ctx,
        values,
        { ...(fields.ok ? {} : fields.errors), ...(location.ok ? {} : location.errors) },
        422,
      );
    }
    const resolved = await resolveLocation(deps.db, location.value);
    if (!resolved) return showProfileForm(ctx, values, { place_id: PLACE_GONE }, 422);
    const f = fields.value;
    await deps.db.transaction().execute((trx) =>
      updateProfile(trx, actor.id, {
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
    seeOther(ctx, `/members/${encodeURIComponent(actor.handle)}`);
  });

  router.get('/members/:handle', async (ctx) => {
    const profile = await findProfile(deps.db, ctx.state.actor, ctx.params.handle);
    if (!profile) {
      throw new NotFoundError(
        ctx.state.actor
          ? 'There is no member here.'
          : 'There is no member here, or their profile is shown to members only. Sign in to see more.',
      );
    }
    await renderPage(ctx, 'members/profile', {
      title: profile.displayName,
      profile,
      kinds: KIND_LABELS,
      relations: RELATION_LABELS,
      visibilities: VISIBILITY_LABELS,
      feedback: await profileFeedback(deps.db, ctx.state.actor, profile.handle),
    });
  });

  return router;
}
