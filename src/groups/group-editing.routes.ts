import { z } from 'zod';
import type { DB } from '../db/database.js';
import { requireMember } from '../auth/actor.js';
import type { Actor } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FormState, formAction } from '../http/form-action.js';
import { checkInput } from '../lib/fields.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { requireAdmin, requireCanCreateIn } from './group-access.js';
import { deletionOf } from './group-deletion.js';
import { findGroupHoldings } from './group-deletion.queries.js';
import { groupFields, groupSchema, rootGroupSchema } from './group-forms.js';
import { visibleGroup } from './group-lookup.js';
import { ROOT_SLUG, type VisibleGroup } from './groups.js';
import { insertGroup, updateGroup } from './groups.queries.js';

/** The new-group form names the parent; the edit form, the group. */
type FormTarget = { parent: VisibleGroup } | { group: VisibleGroup };

/** The group form shown again: a refused save (`form`), or the edit page after deleting was refused. */
interface FormProblems {
  form?: Partial<FormState>;
  deletionRefused?: boolean;
}

/**
 * Starting a group and editing one. Both forms save in one transaction and go to the group's page; a problem shows
 * the form again with what was typed. Registered before the group pages, whose /groups/:slug would take "new".
 */
export function groupEditingRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.get('/groups/new', async (ctx) => {
    const parent = await parentForNewGroup(deps.db, requireMember(ctx.state.actor), ctx.query.parent);
    await showGroupForm(deps, ctx, { parent }, { form: { values: { join_policy: 'open', visibility: 'members' } } });
  });

  formAction(router, '/groups/new', {
    db: deps.db,
    schema: groupSchema,
    load: (ctx) => parentForNewGroup(deps.db, requireMember(ctx.state.actor), ctx.query.parent),
    run: async (trx, input, parent, ctx) => {
      const fields = await groupFields(trx, requireMember(ctx.state.actor), input);
      await insertGroup(trx, parent.id, fields, requireMember(ctx.state.actor).id, deps.now());
      return `/groups/${fields.slug}`;
    },
    showForm: (ctx, parent, form) => showGroupForm(deps, ctx, { parent }, { form }),
  });

  router.get('/groups/:slug/edit', async (ctx) => {
    const group = await adminsGroup(deps.db, requireMember(ctx.state.actor), ctx.params.slug);
    await showGroupForm(deps, ctx, { group }, { form: { values: formValuesOf(group) } });
  });

  formAction(router, '/groups/:slug/edit', {
    db: deps.db,
    // The root's form has fewer fields than the others': its rules are chosen in `run`, once the group is known.
    schema: z.object({}),
    load: (ctx) => adminsGroup(deps.db, requireMember(ctx.state.actor), ctx.params.slug),
    run: async (trx, _input, group, ctx) => {
      if (group.isRoot) {
        await updateGroup(trx, group.id, checkInput(rootGroupSchema, ctx.request.body));
        return `/groups/${group.slug}`;
      }
      const fields = await groupFields(
        trx,
        requireMember(ctx.state.actor),
        checkInput(groupSchema, ctx.request.body),
        group,
      );
      await updateGroup(trx, group.id, fields);
      return `/groups/${fields.slug}`;
    },
    showForm: (ctx, group, form) => showGroupForm(deps, ctx, { group }, { form }),
  });

  return router;
}

/** The new-group or edit form; editing a group other than the root also shows what deleting it would do. */
export async function showGroupForm(
  deps: AppDeps,
  ctx: AppContext,
  target: FormTarget,
  problems: FormProblems,
): Promise<void> {
  const editing = 'group' in target ? target.group : null;
  const t = ctx.state.t;
  await renderPage(
    ctx,
    'groups/form',
    {
      title: editing ? t('groups.form.editTitle', { name: editing.name }) : t('groups.form.newTitle'),
      editing,
      parent: 'parent' in target ? target.parent : null,
      errors: problems.form?.errors ?? {},
      values: problems.form?.values ?? {},
      // The root is the community itself and is never deleted.
      deletion:
        editing && !editing.isRoot
          ? deletionOf(await findGroupHoldings(deps.db, editing), ctx.state.formats.amount)
          : null,
      deletionRefused: problems.deletionRefused ?? false,
    },
    { status: problems.form?.status },
  );
}

/** The edit form's fields as the group has them now. */
export function formValuesOf(group: VisibleGroup): Record<string, string> {
  return {
    name: group.name,
    slug: group.slug,
    purpose: group.purpose,
    join_policy: group.joinPolicy,
    visibility: group.visibility,
  };
}

/** A group this member may edit: one they can see (404 otherwise) and admin (403 otherwise). */
async function adminsGroup(db: DB, actor: Actor, slug: string): Promise<VisibleGroup> {
  const group = await visibleGroup(db, actor, slug);
  requireAdmin(group);
  return group;
}

async function parentForNewGroup(db: DB, actor: Actor, parentSlug: unknown): Promise<VisibleGroup> {
  const slug = typeof parentSlug === 'string' && parentSlug !== '' ? parentSlug : ROOT_SLUG;
  const parent = await visibleGroup(db, actor, slug);
  requireCanCreateIn(parent);
  return parent;
}
