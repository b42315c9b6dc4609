import { type AppRouter, createRouter, type RouteContext } from '../http/router.js';
import type { DB } from '../db/database.js';
import { immediateTransaction } from '../db/immediate.js';
import { requireMember } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import type { Actor } from '../auth/actor.js';
import { AppError, NotFoundError, ValidationError } from '../http/errors.js';
import { parseOrThrow, submittedValues, type FieldErrors } from '../http/forms.js';
import { isHtmx, renderPage, seeOther } from '../http/render.js';
import { fundPanel } from '../ledger/funds.js';
import {
  ancestorsOf,
  canSeePeople,
  deletionOf,
  groupSchema,
  inviteSchema,
  isActiveMember,
  isAdmin,
  joinOutcome,
  leaveSchema,
  peopleShownTo,
  requestOutcome,
  requireAdmin,
  requireAnotherAdmin,
  requireCanCreateIn,
  requireNotRoot,
  roleSchema,
  ROOT_SLUG,
  rootGroupSchema,
  slugFrom,
  type GroupInput,
  type Viewer,
  type VisibleGroup,
} from './groups.js';
import {
  countAdmins,
  deleteGroup,
  deleteMembership,
  findActiveMemberByHandle,
  findMembershipByHandle,
  findPeopleInGroup,
  findStewards,
  findVisibleGroups,
  freeSlugFor,
  findGroupHoldings,
  insertGroup,
  putMembership,
  setMembershipRole,
  slugTaken,
  updateGroup,
  type GroupFields,
} from './groups.queries.js';

/** The new-group form names the parent; the edit form, the group. */
type FormTarget = { parent: VisibleGroup } | { group: VisibleGroup };

interface PageProblems {
  status?: number;
  errors?: FieldErrors;
  values?: Record<string, string>;
  /** The edit page shown again because deleting the group was refused. */
  deletionRefused?: boolean;
}

/**
 * The group tree, each group's page, and the membership actions. Every route
 * first finds the group among those the viewer may see, so a hidden group
 * answers exactly like a slug that does not exist (404), before any 403.
 * Membership actions answer htmx with the membership panel alone and
 * everyone else with 303 to the group's page.
 */
export function groupRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/groups', async (ctx) => {
    const { root } = await findVisibleGroups(deps.db, ctx.state.actor);
    await renderPage(ctx, 'groups/index', { title: 'Groups', root });
  });

  // Registered before /groups/:slug, which would otherwise take "new" for a slug.
  router.get('/groups/new', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const parent = await parentForNewGroup(deps.db, actor, ctx.query.parent);
    await showGroupForm(ctx, { parent }, { values: { join_policy: 'open', visibility: 'members' } });
  });

  router.post('/groups/new', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const parent = await parentForNewGroup(deps.db, actor, ctx.query.parent);
    await saveGroupForm(ctx, { parent }, async (trx) => {
      const fields = await groupFields(trx, parseOrThrow(groupSchema, ctx.request.body));
      await insertGroup(trx, parent.id, fields, actor.id, deps.now());
      return fields.slug;
    });
  });

  router.get('/groups/:slug', async (ctx) => {
    const group = await visibleGroup(deps.db, ctx.state.actor, ctx.params.slug);
    await showGroup(ctx, group);
  });

  router.get('/groups/:slug/edit', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const group = await visibleGroup(deps.db, actor, ctx.params.slug);
    requireAdmin(group);
    await showGroupForm(ctx, { group }, { values: formValuesOf(group) });
  });

  router.post('/groups/:slug/edit', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const group = await visibleGroup(deps.db, actor, ctx.params.slug);
    requireAdmin(group);
    await saveGroupForm(ctx, { group }, async (trx) => {
      if (group.isRoot) {
        await updateGroup(trx, group.id, parseOrThrow(rootGroupSchema, ctx.request.body));
        return group.slug;
      }
      const fields = await groupFields(trx, parseOrThrow(groupSchema, ctx.request.body), group);
      await updateGroup(trx, group.id, fields);
      return fields.slug;
    });
  });

  // Weighs what the group holds and deletes it in one write transaction, so
  // nothing can be added to it in between; refused, it changes nothing and
  // shows the edit page again with what stands in the way (409).
  router.post('/groups/:slug/delete', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const outcome = await immediateTransaction(
      deps.db,
      async (trx): Promise<{ refused: VisibleGroup } | { deletedFrom: string }> => {
        const group = await visibleGroup(trx, actor, ctx.params.slug);
        requireNotRoot(group);
        requireAdmin(group);
        if (deletionOf(await findGroupHoldings(trx, group.id)).blockers.length > 0) return { refused: group };
        await deleteGroup(trx, group.id);
        return { deletedFrom: group.parent!.slug };
      },
    );
    if ('refused' in outcome)
      return showGroupForm(
        ctx,
        { group: outcome.refused },
        { status: 409, deletionRefused: true, values: formValuesOf(outcome.refused) },
      );
    seeOther(ctx, `/groups/${outcome.deletedFrom}`);
  });

  router.post('/groups/:slug/join', async (ctx) => {
    await changeMembership(ctx, async (trx, group, actor) => {
      if (joinOutcome(group) === 'joined')
        await putMembership(trx, group.id, actor.id, { role: 'member', status: 'active' }, deps.now());
    });
  });

  router.post('/groups/:slug/request', async (ctx) => {
    await changeMembership(ctx, async (trx, group, actor) => {
      if (requestOutcome(group) === 'requested')
        await putMembership(trx, group.id, actor.id, { role: 'member', status: 'requested' }, deps.now());
    });
  });

  // Leaving also withdraws a request or turns down an invitation. The last
  // admin may leave by naming a successor in the same form.
  router.post('/groups/:slug/leave', async (ctx) => {
    await changeMembership(ctx, async (trx, group, actor) => {
      requireNotRoot(group);
      if (!group.mine) return;
      const { successor } = parseOrThrow(leaveSchema, ctx.request.body);
      if (successor) {
        const named = await findMembershipByHandle(trx, group.id, successor);
        if (named?.status !== 'active' || named.memberId === actor.id) {
          throw new ValidationError({ successor: 'The new admin must be another member of this group.' });
        }
        await setMembershipRole(trx, group.id, named.memberId, 'admin');
      }
      requireAnotherAdmin(group.mine, await countAdmins(trx, group.id));
      await deleteMembership(trx, group.id, actor.id);
    });
  });

  router.post('/groups/:slug/invite', async (ctx) => {
    await changeMembership(ctx, async (trx, group) => {
      requireNotRoot(group);
      requireAdmin(group);
      const { handle } = parseOrThrow(inviteSchema, ctx.request.body);
      const invitee = await findActiveMemberByHandle(trx, handle);
      if (!invitee) throw new ValidationError({ handle: `No active member has the handle ${handle}.` });
      const existing = await findMembershipByHandle(trx, group.id, handle);
      if (existing?.status === 'active') throw new ValidationError({ handle: `@${handle} is already a member.` });
      // An invitation is accepted on the group's page, so the invitee must be able to reach it.
      const parentSlug = group.parent!.slug;
      if (!(await findVisibleGroups(trx, invitee)).find(parentSlug)) {
        throw new ValidationError({ handle: `@${handle} cannot see ${group.parent!.name}: invite them there first.` });
      }
      // Someone who already asked to join needs no invitation: they are let in.
      const status = existing?.status === 'requested' ? 'active' : 'invited';
      await putMembership(trx, group.id, invitee.id, { role: 'member', status }, deps.now());
    });
  });

  for (const decision of ['approve', 'decline'] as const) {
    router.post(`/groups/:slug/requests/:handle/${decision}`, async (ctx) => {
      await changeMembership(ctx, async (trx, group) => {
        requireAdmin(group);
        const request = await findMembershipByHandle(trx, group.id, ctx.params.handle);
        if (request?.status !== 'requested')
          throw new NotFoundError('There is no such request to join: it may have been answered already.');
        if (decision === 'approve')
          await putMembership(trx, group.id, request.memberId, { role: 'member', status: 'active' }, deps.now());
        else await deleteMembership(trx, group.id, request.memberId);
      });
    });
  }

  router.post('/groups/:slug/members/:handle/role', async (ctx) => {
    await changeMembership(ctx, async (trx, group) => {
      requireAdmin(group);
      const { role } = parseOrThrow(roleSchema, ctx.request.body);
      const target = await activeMembershipOf(trx, group, ctx.params.handle);
      if (role === 'member') requireAnotherAdmin(target, await countAdmins(trx, group.id));
      await setMembershipRole(trx, group.id, target.memberId, role);
    });
  });

  router.post('/groups/:slug/members/:handle/remove', async (ctx) => {
    await changeMembership(ctx, async (trx, group) => {
      requireAdmin(group);
      const target = await findMembershipByHandle(trx, group.id, ctx.params.handle);
      if (!target) throw new NotFoundError('That member is not in this group.');
      requireAnotherAdmin(target, await countAdmins(trx, group.id));
      await deleteMembership(trx, group.id, target.memberId);
    });
  });

  /**
   * One membership use case: in a transaction, find the group as the viewer
   * sees it, apply `change`, then answer. A refusal (403, 409, 422) re-renders
   * the page, or the panel, with its message and what was typed.
   */
  async function changeMembership(
    ctx: RouteContext,
    change: (trx: DB, group: VisibleGroup, actor: Actor) => Promise<void>,
  ): Promise<void> {
    const actor = requireMember(ctx.state.actor);
    const slug = String(ctx.params.slug);
    try {
      await deps.db.transaction().execute(async (trx) => change(trx, await visibleGroup(trx, actor, slug), actor));
    } catch (error) {
      if (!(error instanceof AppError) || error.status === 401 || error.status === 404) throw error;
      // The page, or for htmx the panel, again: saying what stopped the change, beside the buttons that remain.
      const group = await visibleGroup(deps.db, actor, slug);
      return showGroup(ctx, group, {
        status: error.status,
        errors: error.fields ?? { _form: error.message },
        values: submittedValues(ctx.request.body),
      });
    }
    const group = (await findVisibleGroups(deps.db, actor)).find(slug);
    if (group && isHtmx(ctx)) return showGroup(ctx, group);
    // Leaving a members-only group hides it: go back to the tree instead.
    const next = group ? `/groups/${slug}` : '/groups';
    if (isHtmx(ctx)) {
      ctx.set('HX-Redirect', next);
      ctx.status = 204;
      return;
    }
    seeOther(ctx, next);
  }

  /** The group's page, or just its membership panel for htmx. */
  async function showGroup(ctx: AppContext, group: VisibleGroup, problems: PageProblems = {}): Promise<void> {
    const actor = ctx.state.actor;
    const people =
      actor && canSeePeople(group, actor) && !group.isRoot
        ? peopleShownTo(group, await findPeopleInGroup(deps.db, group.id, actor.id))
        : [];
    const adminCount = group.isRoot ? 0 : people.filter((p) => p.status === 'active' && p.role === 'admin').length;
    await renderPage(
      ctx,
      'groups/show',
      {
        title: group.name,
        group,
        ancestors: ancestorsOf(group),
        people,
        stewards: group.isRoot ? await findStewards(deps.db, actor?.id ?? null) : [],
        isAdmin: isAdmin(group),
        isLastAdmin: isAdmin(group) && adminCount <= 1,
        canCreate: isActiveMember(group),
        canSeePeople: canSeePeople(group, actor),
        fund: await fundPanel(deps.db, actor, group, deps.now()),
        errors: problems.errors ?? {},
        values: problems.values ?? {},
      },
      { status: problems.status, fragment: 'groups/_membership' },
    );
  }

  /**
   * Saves the new-group or edit form in one transaction and goes to the group; a problem re-renders the form at 422.
   */
  async function saveGroupForm(ctx: AppContext, target: FormTarget, save: (trx: DB) => Promise<string>): Promise<void> {
    let slug: string;
    try {
      slug = await deps.db.transaction().execute(save);
    } catch (error) {
      if (!(error instanceof AppError && error.fields)) throw error;
      return showGroupForm(ctx, target, {
        status: 422,
        errors: error.fields,
        values: submittedValues(ctx.request.body),
      });
    }
    seeOther(ctx, `/groups/${slug}`);
  }

  async function showGroupForm(ctx: AppContext, target: FormTarget, problems: PageProblems): Promise<void> {
    const editing = 'group' in target ? target.group : null;
    await renderPage(
      ctx,
      'groups/form',
      {
        title: editing ? `Edit ${editing.name}` : 'Start a group',
        editing,
        parent: 'parent' in target ? target.parent : null,
        errors: problems.errors ?? {},
        values: problems.values ?? {},
        // The root is the community itself and is never deleted.
        deletion: editing && !editing.isRoot ? deletionOf(await findGroupHoldings(deps.db, editing.id)) : null,
        deletionRefused: problems.deletionRefused ?? false,
      },
      { status: problems.status },
    );
  }

  return router;
}

/** The group as this viewer may see it, or the 404 a slug that does not exist gets. */
async function visibleGroup(db: DB, viewer: Viewer, slug: string): Promise<VisibleGroup> {
  const group = (await findVisibleGroups(db, viewer)).find(slug);
  if (!group) throw new NotFoundError('There is no such group, or it is not open to you.');
  return group;
}

/** The edit form's fields as the group has them now. */
function formValuesOf(group: VisibleGroup): Record<string, string> {
  return {
    name: group.name,
    slug: group.slug,
    purpose: group.purpose,
    join_policy: group.joinPolicy,
    visibility: group.visibility,
  };
}

async function parentForNewGroup(db: DB, actor: Actor, parentSlug: unknown): Promise<VisibleGroup> {
  const parent = await visibleGroup(
    db,
    actor,
    typeof parentSlug === 'string' && parentSlug !== '' ? parentSlug : ROOT_SLUG,
  );
  requireCanCreateIn(parent);
  return parent;
}

async function activeMembershipOf(db: DB, group: VisibleGroup, handle: string) {
  const membership = await findMembershipByHandle(db, group.id, handle);
  if (membership?.status !== 'active') throw new NotFoundError('That member is not in this group.');
  return membership;
}

/**
 * The stored fields for a new or edited group. A slug that was typed must be
 * free; an empty one is made from the name (an edit keeps its own if the name
 * still gives it).
 */
async function groupFields(db: DB, input: GroupInput, current?: VisibleGroup): Promise<GroupFields> {
  let slug = input.slug;
  if (slug && (await slugTaken(db, slug, current?.id)))
    throw new ValidationError({ slug: 'Another group has that web address; choose another.' });
  if (!slug) slug = current && slugFrom(input.name) === current.slug ? current.slug : await freeSlugFor(db, input.name);
  return {
    name: input.name,
    slug,
    purpose: input.purpose,
    joinPolicy: input.join_policy,
    visibility: input.visibility,
  };
}
