import { z } from 'zod';
import { requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { formAction, type FormState } from '../http/form-action.js';
import { optionalText } from '../lib/fields.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { countMembersByStatus } from '../members/members.queries.js';
import {
  decide,
  decisionSchema,
  findMembersPage,
  isStewardAction,
  listParams,
  listUrl,
  type MemberListQuery,
} from './stewards.js';
import { findMemberEntry, findRecentDecisions } from './stewards.queries.js';

/** The stewards' page shows the latest decisions; the whole log, a page at a time, is at /stewards/decisions. */
const DECISIONS_SHOWN = 20;

/**
 * The members list's search, filter and page, from the address (GET) or from
 * the hidden fields a decision form carries (POST), so that the steward comes
 * back to the list they acted from. Anything unreadable means the default:
 * a bad address still shows the page.
 */
const listQuery = z
  .object({
    // A search too long to be one is no search: its message is never shown.
    q: optionalText({ tooLong: 'common.field.tooLong' }, 100).catch(''),
    status: z.enum(['pending', 'active', 'suspended', 'declined']).nullable().catch(null),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .catch({ q: '', status: null, page: 1 }) satisfies z.ZodType<MemberListQuery>;

/** A decision form shown again: whose card and which decision, with the steward's input and the reasons. */
type RefusedDecision = Partial<FormState> & { handle?: string; action?: string };

/** `/stewards`: the members list and the decisions stewards make about each member. */
export function membersListRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  /**
   * The stewards' page with one page of the members list; `form` re-shows one
   * decision form (by handle and action) with its input and errors. When that
   * member is no longer in the list as it now stands (another steward acted
   * meanwhile), their card is shown above it, so the input is not lost.
   */
  async function showStewardsPage(ctx: AppContext, query: MemberListQuery, form: RefusedDecision = {}) {
    requireSteward(ctx.state.actor);
    const [list, counts, decisions] = await Promise.all([
      findMembersPage(deps.db, query),
      countMembersByStatus(deps.db),
      findRecentDecisions(deps.db, DECISIONS_SHOWN + 1),
    ]);
    const refused =
      form.handle === undefined || list.members.some((m) => m.handle === form.handle)
        ? null
        : await findMemberEntry(deps.db, form.handle);
    await renderPage(
      ctx,
      'stewards/index',
      {
        title: ctx.state.t('stewards.title'),
        list,
        counts,
        keep: listParams(list),
        prevUrl: list.page > 1 ? listUrl({ ...list, page: list.page - 1 }) : null,
        nextUrl: list.page < list.pages ? listUrl({ ...list, page: list.page + 1 }) : null,
        refused,
        decisions: decisions.slice(0, DECISIONS_SHOWN),
        olderDecisions: decisions.length > DECISIONS_SHOWN,
        form: { values: {}, errors: {}, ...form },
      },
      { status: form.status, fragment: 'stewards/_members' },
    );
  }

  /** The page, or for the live search (htmx) the members list alone. */
  router.get('/stewards', async (ctx) => {
    await showStewardsPage(ctx, listQuery.parse(ctx.query));
  });

  // A decision about a member; the steward comes back to the list as they had it. A member who does not exist is the
  // 404 page; any other refusal comes back on the member's card.
  formAction(router, '/stewards/members/:handle/:action', {
    db: deps.db,
    schema: decisionSchema,
    load: async (ctx) => {
      const steward = requireSteward(ctx.state.actor);
      const { handle, action } = ctx.params;
      if (!isStewardAction(action)) throw new NotFound();
      if (!(await findMemberEntry(deps.db, handle))) throw new NotFound(msg('stewards.noSuchMember'));
      return { steward, handle, action, list: listQuery.parse(ctx.request.body) };
    },
    run: async (trx, input, { steward, handle, action, list }) => {
      await decide(trx, steward, handle, action, input.reason, deps.now());
      return listUrl(list);
    },
    showForm: (ctx, { handle, action, list }, form) => showStewardsPage(ctx, list, { handle, action, ...form }),
  });

  return router;
}
