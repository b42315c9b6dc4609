import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import { requireSteward } from '../http/auth.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { refusalOf } from '../http/errors.js';
import {
  coordinate,
  type FieldErrors,
  fieldWords,
  optionalText,
  readInput,
  requiredText,
  submittedValues,
} from '../http/forms.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { renderPage, seeOther } from '../http/render.js';
import { countMembersByStatus } from '../members/members.queries.js';
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
  name: requiredText(
    {
      notText: 'stewards.field.name.notText',
      tooLong: 'stewards.field.name.tooLong',
      required: 'stewards.field.name.required',
    },
    80,
  ),
  lat: coordinate({ number: 'stewards.field.lat.number', range: 'stewards.field.lat.range' }, 90),
  lon: coordinate({ number: 'stewards.field.lon.number', range: 'stewards.field.lon.range' }, 180),
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
    requireSteward(ctx.state);
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

  /** The whole decisions log, newest first, a page at a time. */
  router.get('/stewards/decisions', async (ctx) => {
    requireSteward(ctx.state);
    const { page } = logQuery.parse(ctx.query);
    const decisions = await findRecentDecisions(deps.db, DECISIONS_PER_PAGE + 1, (page - 1) * DECISIONS_PER_PAGE);
    await renderPage(ctx, 'stewards/decisions', {
      title: page === 1 ? ctx.state.t('stewards.log.title') : ctx.state.t('stewards.log.titlePage', { page }),
      decisions: decisions.slice(0, DECISIONS_PER_PAGE),
      page,
      hasMore: decisions.length > DECISIONS_PER_PAGE,
    });
  });

  router.post('/stewards/members/:handle/:action', async (ctx) => {
    const steward = requireSteward(ctx.state);
    const { handle, action } = ctx.params;
    if (!isStewardAction(action)) throw new NotFound();
    const values = submittedValues(ctx.request.body);
    const list = listQuery.parse(ctx.request.body);
    const parsed = readInput(decisionSchema, ctx.request.body);
    if (!parsed.ok) {
      const errors = fieldWords(parsed.problems, ctx.state.t);
      return showStewardsPage(ctx, list, { handle, action, values, errors, status: 422 });
    }
    try {
      await deps.db
        .transaction()
        .execute((trx) => decide(trx, steward, handle, action, parsed.value.reason, deps.now()));
    } catch (error) {
      // A member gone is the 404 page; any other refusal comes back on the form, with the reason.
      const refusal = refusalOf(error, ctx.state.t);
      if (!refusal || refusal.status === 404 || refusal.status === 401) throw error;
      const errors =
        refusal.fields && Object.keys(refusal.fields).length > 0 ? refusal.fields : { _form: refusal.message };
      return showStewardsPage(ctx, list, { handle, action, values, errors, status: refusal.status });
    }
    seeOther(ctx, listUrl(list));
  });

  async function showPlaces(ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status?: number) {
    requireSteward(ctx.state);
    await renderPage(
      ctx,
      'stewards/places',
      { title: ctx.state.t('stewards.places.title'), places: await findPlaces(deps.db), values, errors },
      { status },
    );
  }

  router.get('/stewards/places', async (ctx) => {
    await showPlaces(ctx, {}, {});
  });

  router.post('/stewards/places', async (ctx) => {
    requireSteward(ctx.state);
    const values = submittedValues(ctx.request.body);
    const parsed = readInput(placeSchema, ctx.request.body);
    if (!parsed.ok) return showPlaces(ctx, values, fieldWords(parsed.problems, ctx.state.t), 422);
    const place = parsed.value;
    const added = await deps.db.transaction().execute(async (trx) => {
      if (await placeNameTaken(trx, place.name)) return false;
      await insertPlace(trx, place);
      return true;
    });
    if (!added) return showPlaces(ctx, values, { name: ctx.state.t('stewards.places.taken') }, 422);
    seeOther(ctx, '/stewards/places');
  });

  router.post('/stewards/places/:id/delete', async (ctx) => {
    requireSteward(ctx.state);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await deletePlace(deps.db, id)))
      throw new NotFound(msg('stewards.places.noSuchPlace'));
    seeOther(ctx, '/stewards/places');
  });

  return router;
}
