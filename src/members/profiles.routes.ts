import { type AppRouter, createRouter } from '../http/router.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { profileFeedback } from '../ledger/feedback.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { locationSchema, placeGone, resolveLocation } from './location.js';
import { findMemberById, updateProfile } from './members.queries.js';
import { MEMBER_KINDS, PROFILE_FIELDS, VISIBILITIES } from './members.js';
import { findPlaces } from './places.queries.js';
import { findProfile, profileFormValues, profileSchema } from './profiles.js';

/** The member's own profile form, with what they typed and what is wrong. */
async function showProfileForm(
  deps: AppDeps,
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

/** `/members/:handle`, a profile as the viewer may see it, and `/profile`, the member's own form. */
export function profilesRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/profile', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const member = await findMemberById(deps.db, actor.id);
    if (!member) throw new NotFound();
    await showProfileForm(deps, ctx, await profileFormValues(deps.db, member), {});
  });

  router.post('/profile', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const body = ctx.request.body;
    const values = submittedValues(body);
    const fields = readInput(profileSchema, body);
    const location = readInput(locationSchema, body);
    if (!fields.ok || !location.ok) {
      const problems = { ...(fields.ok ? {} : fields.problems), ...(location.ok ? {} : location.problems) };
      return showProfileForm(deps, ctx, values, fieldWords(problems, ctx.state.t), 422);
    }
    const resolved = await resolveLocation(deps.db, location.value);
    if (!resolved) return showProfileForm(deps, ctx, values, { place_id: ctx.state.t(placeGone) }, 422);
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
      throw new NotFound(msg(ctx.state.actor ? 'members.profile.noMember' : 'members.profile.noMemberVisitor'));
    }
    await renderPage(ctx, 'members/profile', {
      title: profile.displayName,
      profile,
      feedback: await profileFeedback(deps.db, ctx.state.actor, profile.handle),
    });
  });

  return router;
}
