import { z } from 'zod';
import type { DB } from '../db/database.js';
import { requireMember } from '../auth/actor.js';
import type { Actor } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { formAction } from '../http/form-action.js';
import { checkInput } from '../lib/fields.js';
import { isHtmx, seeOther } from '../http/render.js';
import type { AppRouter, RouteContext } from '../http/router.js';
import { createRouter } from '../http/router.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { joinOutcome, requestOutcome, requireAdmin, requireAnotherAdmin, requireNotRoot } from './group-access.js';
import { inviteSchema, leaveSchema, roleSchema } from './group-forms.js';
import { visibleGroup } from './group-lookup.js';
import {
  countAdmins,
  deleteMembership,
  findActiveMemberByHandle,
  findMembershipByHandle,
  putMembership,
  setMembershipRole,
} from './group-members.queries.js';
import { showGroup } from './group-pages.routes.js';
import type { VisibleGroup } from './groups.js';
import { findVisibleGroups } from './groups.queries.js';

/** One membership change, inside the action's transaction, on the group as the member sees it now. */
type Change = (trx: DB, group: VisibleGroup, actor: Actor, ctx: RouteContext) => Promise<void>;

/**
 * Joining, asking, leaving, inviting, answering requests, and the admins' roles. Each is a button or a small form on
 * the group's membership panel: htmx gets the panel alone, everyone else 303 to the group's page. A refusal (403,
 * 409, 422) shows the page, or the panel, again with its reason and what was typed.
 */
export function groupMembershipRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const action = (path: string, change: Change) => membershipAction(router, deps, path, change);

  action('join', async (trx, group, actor) => {
    if (joinOutcome(group) === 'joined')
      await putMembership(trx, group.id, actor.id, { role: 'member', status: 'active' }, deps.now());
  });

  action('request', async (trx, group, actor) => {
    if (requestOutcome(group) === 'requested')
      await putMembership(trx, group.id, actor.id, { role: 'member', status: 'requested' }, deps.now());
  });

  // Leaving also withdraws a request or turns down an invitation. The last admin may leave by naming a successor in
  // the same form.
  action('leave', async (trx, group, actor, ctx) => {
    requireNotRoot(group);
    if (!group.mine) return;
    const { successor } = checkInput(leaveSchema, ctx.request.body);
    if (successor) {
      // Only an admin hands the group over; anyone else naming a successor would be making an admin.
      requireAdmin(group);
      const named = await findMembershipByHandle(trx, group.id, successor);
      if (named?.status !== 'active' || named.memberId === actor.id) {
        throw new Invalid({ successor: msg('groups.errors.badSuccessor') });
      }
      await setMembershipRole(trx, group.id, named.memberId, 'admin');
    }
    requireAnotherAdmin(group.mine, await countAdmins(trx, group.id));
    await deleteMembership(trx, group.id, actor.id);
  });

  action('invite', async (trx, group, _actor, ctx) => {
    requireNotRoot(group);
    requireAdmin(group);
    const { handle } = checkInput(inviteSchema, ctx.request.body);
    await invite(trx, group, handle, deps.now());
  });

  for (const decision of ['approve', 'decline'] as const) {
    action(`requests/:handle/${decision}`, async (trx, group, _actor, ctx) => {
      requireAdmin(group);
      const request = await findMembershipByHandle(trx, group.id, ctx.params.handle);
      if (request?.status !== 'requested') throw new NotFound(msg('groups.errors.noSuchRequest'));
      if (decision === 'approve')
        await putMembership(trx, group.id, request.memberId, { role: 'member', status: 'active' }, deps.now());
      else await deleteMembership(trx, group.id, request.memberId);
    });
  }

  action('members/:handle/role', async (trx, group, _actor, ctx) => {
    requireAdmin(group);
    const { role } = checkInput(roleSchema, ctx.request.body);
    const target = await findMembershipByHandle(trx, group.id, ctx.params.handle);
    if (target?.status !== 'active') throw new NotFound(msg('groups.errors.notInGroup'));
    if (role === 'member') requireAnotherAdmin(target, await countAdmins(trx, group.id));
    await setMembershipRole(trx, group.id, target.memberId, role);
  });

  action('members/:handle/remove', async (trx, group, _actor, ctx) => {
    requireAdmin(group);
    const target = await findMembershipByHandle(trx, group.id, ctx.params.handle);
    if (!target) throw new NotFound(msg('groups.errors.notInGroup'));
    requireAnotherAdmin(target, await countAdmins(trx, group.id));
    await deleteMembership(trx, group.id, target.memberId);
  });

  return router;
}

/**
 * Registers one membership action, `POST /groups/:slug/<path>`: the member and the group they can see are found first
 * (401, 404 pages), then `change` runs in a transaction on the group as it is then. Its body is read by `change`
 * itself, so a member who may not act is refused before what they typed is judged.
 */
function membershipAction(router: AppRouter, deps: AppDeps, path: string, change: Change): void {
  formAction(router, `/groups/:slug/${path}`, {
    db: deps.db,
    schema: z.object({}),
    load: (ctx) => visibleGroup(deps.db, requireMember(ctx.state.actor), ctx.params.slug),
    run: async (trx, _input, loaded, ctx) => {
      const actor = requireMember(ctx.state.actor);
      await change(trx, await visibleGroup(trx, actor, loaded.slug), actor, ctx);
      return `/groups/${loaded.slug}`;
    },
    // The page, or for htmx the panel, again: saying what stopped the change, beside the buttons that remain.
    showForm: async (ctx, loaded, form) =>
      showGroup(deps, ctx, await visibleGroup(deps.db, requireMember(ctx.state.actor), loaded.slug), form),
    done: async (ctx, location) => {
      const group = (await findVisibleGroups(deps.db, requireMember(ctx.state.actor))).find(String(ctx.params.slug));
      if (group && isHtmx(ctx)) return showGroup(deps, ctx, group);
      // Leaving a members-only group hides it: go back to the tree instead.
      const next = group ? location : '/groups';
      if (!isHtmx(ctx)) return seeOther(ctx, next);
      ctx.set('HX-Redirect', next);
      ctx.status = 204;
    },
  });
}

/**
 * Invites a member by handle. An invitation is accepted on the group's page, so the invitee must be able to reach it;
 * someone who already asked to join needs no invitation: they are let in.
 */
async function invite(trx: DB, group: VisibleGroup, handle: string, now: Date): Promise<void> {
  const invitee = await findActiveMemberByHandle(trx, handle);
  if (!invitee) throw new Invalid({ handle: msg('groups.errors.noSuchHandle', { handle }) });
  const existing = await findMembershipByHandle(trx, group.id, handle);
  if (existing?.status === 'active') throw new Invalid({ handle: msg('groups.errors.alreadyMember', { handle }) });
  const parent = group.parent!;
  if (!(await findVisibleGroups(trx, invitee)).find(parent.slug)) {
    throw new Invalid({ handle: msg('groups.errors.inviteParentFirst', { handle, parent: parent.name }) });
  }
  const status = existing?.status === 'requested' ? 'active' : 'invited';
  await putMembership(trx, group.id, invitee.id, { role: 'member', status }, now);
}
