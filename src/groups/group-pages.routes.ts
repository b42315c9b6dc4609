import type { AppContext, AppDeps } from '../http/context.js';
import type { FormState } from '../http/form-action.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { fundPanel } from '../ledger/funds.js';
import { canSeePeople, peopleShownTo } from './group-access.js';
import { visibleGroup } from './group-lookup.js';
import { findPeopleInGroup, findStewards } from './group-members.queries.js';
import { ancestorsOf, isActiveMember, isAdmin, type VisibleGroup } from './groups.js';
import { findVisibleGroups } from './groups.queries.js';

/**
 * The group tree and each group's page. Every group route first finds the group among those the viewer may see, so
 * a hidden group answers exactly like a slug that does not exist (404), before any 403.
 */
export function groupPageRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/groups', async (ctx) => {
    const { root } = await findVisibleGroups(deps.db, ctx.state.actor);
    await renderPage(ctx, 'groups/index', { title: ctx.state.t('groups.title'), root });
  });

  router.get('/groups/:slug', async (ctx) => {
    const group = await visibleGroup(deps.db, ctx.state.actor, ctx.params.slug);
    await showGroup(deps, ctx, group);
  });

  return router;
}

/**
 * The group's page, or just its membership panel for htmx; `form` is a refused membership action shown again (its
 * reasons beside the buttons that remain, what was typed, its status).
 */
export async function showGroup(
  deps: AppDeps,
  ctx: AppContext,
  group: VisibleGroup,
  form?: Partial<FormState>,
): Promise<void> {
  const viewer = ctx.state.actor;
  const people =
    viewer && canSeePeople(group, viewer) && !group.isRoot
      ? peopleShownTo(group, await findPeopleInGroup(deps.db, group.id, viewer.id))
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
      stewards: group.isRoot ? await findStewards(deps.db, viewer?.id ?? null) : [],
      isAdmin: isAdmin(group),
      isLastAdmin: isAdmin(group) && adminCount <= 1,
      canCreate: isActiveMember(group),
      canSeePeople: canSeePeople(group, viewer),
      fund: await fundPanel(deps.db, viewer, group, deps.now()),
      errors: form?.errors ?? {},
      values: form?.values ?? {},
    },
    { status: form?.status, fragment: 'groups/_membership' },
  );
}
