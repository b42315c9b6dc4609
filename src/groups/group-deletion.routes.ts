import { z } from 'zod';
import { requireMember } from '../auth/actor.js';
import type { AppDeps } from '../http/context.js';
import { formAction } from '../http/form-action.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { Conflict } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { requireAdmin, requireNotRoot } from './group-access.js';
import { deletionOf } from './group-deletion.js';
import { deleteGroup, findGroupHoldings } from './group-deletion.queries.js';
import { formValuesOf, showGroupForm } from './group-editing.routes.js';
import { visibleGroup } from './group-lookup.js';

/**
 * Deleting a group: its admins, from its edit page. What it holds is weighed and the group deleted in one write
 * transaction, so nothing can be added to it in between; refused, nothing changes and the edit page comes back with
 * what stands in the way (409).
 */
export function groupDeletionRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  formAction(router, '/groups/:slug/delete', {
    db: deps.db,
    schema: z.object({}),
    transaction: 'immediate',
    // Who may delete is settled before anything is weighed: a refusal here is the error page, as for any page.
    load: async (ctx) => {
      const group = await visibleGroup(deps.db, requireMember(ctx.state.actor), ctx.params.slug);
      requireNotRoot(group);
      requireAdmin(group);
      return group;
    },
    run: async (trx, _input, loaded, ctx) => {
      // Again inside the transaction, which holds the write lock: the group as it is now.
      const group = await visibleGroup(trx, requireMember(ctx.state.actor), loaded.slug);
      requireNotRoot(group);
      requireAdmin(group);
      const { blockers } = deletionOf(await findGroupHoldings(trx, group), ctx.state.formats.amount);
      if (blockers.length > 0) throw new Conflict(msg('groups.form.notDeletedStrong', { name: group.name }));
      await deleteGroup(trx, group.id);
      return `/groups/${group.parent!.slug}`;
    },
    // The page says what stands in the way itself, so the refusal's own sentence is not repeated above the form.
    showForm: (ctx, group, form) =>
      showGroupForm(
        deps,
        ctx,
        { group },
        { form: { status: form.status, values: formValuesOf(group) }, deletionRefused: true },
      ),
  });

  return router;
}
