import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { AppError, NotFoundError } from '../http/errors.js';
import {
  coordinate,
  optionalText,
  parseInput,
  requiredText,
  submittedValues,
  type FieldErrors,
} from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { countMembersByStatus } from '../members/members.queries.js';
import { KIND_LABELS } from '../members/members.js';
import { deletePlace, findPlaces, insertPlace, placeNameTaken } from '../members/places.queries.js';
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
const DECISIONS_PER_PAGE = 50;

const logQuery = z.object({ page: z.coerce.number().int().min(1).max(10_000).catch(1) });

/**
 * The members list's search, filter and page, from the address (GET) or from
 * the hidden fields a decision form carries (POST), so that the steward comes
 * back to the list they acted from. Anything unreadable means the default:
 * a bad address still shows the page.
 */
const listQuery = z
  .object({
    q: optionalText('Search', 100).catch(''),
    status: z.enum(['pending', 'active', 'suspended', 'declined']).nullable().catch(null),
    page: z.coerce.number().int().min(1).max(10_000).catch(1),
  })
  .catch({ q: '', status: null, page: 1 }) satisfies z.ZodType<MemberListQuery>;

const placeSchema = z.object({
  name: requiredText('Name', 80),
  lat: coordinate('Latitude', 90),
  lon: coordinate('Longitude', 180),
});

/** `/stewards`: admitting, declining, suspending and reinstating members, stewards' roles, and the places list. */
export function stewardRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  /**
   * The stewards' page with one page of the members list; `form` re-shows one
   * decision form (by handle and action) with its input and errors. When that
   * member is no longer in the list as it now stands (another steward acted
   * meanwhile), their card is shown above it, so the input is not lost.
   */
  async function showStewardsPage(
    ctx: AppContext,
    query: MemberListQuery,
    form: {
      handle?: string;
      action?: string;
      values?: Record<string, string>;
      errors?: FieldErrors;
      status?: number;
    } = {},
  ) {
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
        title: 'Stewards',
        list,
        counts,
        keep: listParams(list),
        prevUrl: list.page > 1 ? listUrl({ ...list, page: list.page - 1 }) : null,
        nextUrl: list.page < list.pages ? listUrl({ ...list, page: list.page + 1 }) : null,
        refused,
        decisions: decisions.slice(0, DECISIONS_SHOWN),
        olderDecisions: decisions.length > DECISIONS_SHOWN,
        kinds: KIND_LABELS,
        form: { values: {}, errors: {}, ...form },
      },
      { status: form.status, fragment: 'stewards/_members' },
    );
  }

  /** The page, or for the live search (htmx) the members list alone. */
  router.get('/stewards', async (ctx) => {
    await showStewardsPage(ctx, listQuery.parse(ctx.query));
  });

  /** The whole decisions log, newest first, a page at a time. */
  router.get('/stewards/decisions', async (ctx) => {
    requireSteward(ctx.state.actor);
    const { page } = logQuery.parse(ctx.query);
    const decisions = await findRecentDecisions(deps.db, DECISIONS_PER_PAGE + 1, (page - 1) * DECISIONS_PER_PAGE);
    await renderPage(ctx, 'stewards/decisions', {
      title: page === 1 ? 'Decisions log' : `Decisions log, page ${page}`,
      decisions: decisions.slice(0, DECISIONS_PER_PAGE),
      page,
      hasMore: decisions.length > DECISIONS_PER_PAGE,
    });
  });

  router.post('/stewards/members/:handle/:action', async (ctx) => {
    const steward = requireSteward(ctx.state.actor);
    const { handle, action } = ctx.params;
    if (!isStewardAction(action)) throw new NotFoundError();
    const values = submittedValues(ctx.request.body);
    const list = listQuery.parse(ctx.request.body);
    const parsed = parseInput(decisionSchema, ctx.request.body);
    if (!parsed.ok) return showStewardsPage(ctx, list, { handle, action, values, errors: parsed.errors, status: 422 });
    try {
      await deps.db
        .transaction()
        .execute((trx) => decide(trx, steward, handle, action, parsed.value.reason, deps.now()));
    } catch (error) {
      if (error instanceof AppError && error.status !== 404) {
        return showStewardsPage(ctx, list, {
          handle,
          action,
          values,
          errors: error.fields ?? { _form: error.message },
          status: error.status,
        });
      }
      throw error;
    }
    seeOther(ctx, listUrl(list));
  });

  async function showPlaces(ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status?: number) {
    requireSteward(ctx.state.actor);
    await renderPage(
      ctx,
      'stewards/places',
      { title: 'Places', places: await findPlaces(deps.db), values, errors },
      { status },
    );
  }

  router.get('/stewards/places', async (ctx) => {
    await showPlaces(ctx, {}, {});
  });

  router.post('/stewards/places', async (ctx) => {
    requireSteward(ctx.state.actor);
    const values = submittedValues(ctx.request.body);
    const parsed = parseInput(placeSchema, ctx.request.body);
    if (!parsed.ok) return showPlaces(ctx, values, parsed.errors, 422);
    const place = parsed.value;
    const added = await deps.db.transaction().execute(async (trx) => {
      if (await placeNameTaken(trx, place.name)) return false;
      await insertPlace(trx, place);
      return true;
    });
    if (!added) return showPlaces(ctx, values, { name: 'There is already a place with that name.' }, 422);
    seeOther(ctx, '/stewards/places');
  });

  router.post('/stewards/places/:id/delete', async (ctx) => {
    requireSteward(ctx.state.actor);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await deletePlace(deps.db, id)))
      throw new NotFoundError('There is no such place.');
    seeOther(ctx, '/stewards/places');
  });

  return router;
}
