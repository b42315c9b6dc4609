import { type AppRouter, createRouter } from '../http/router.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { AppError } from '../http/errors.js';
import { parseInput, submittedValues, type FieldErrors } from '../http/forms.js';
import { requiredText } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { startSession } from '../auth/session.js';
import { rotateCsrf } from '../http/csrf.js';
import { isLocale, LOCALES } from '../i18n/locales.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { hasSteward } from './community.queries.js';
import { setupCodeMatches } from './setup-code.js';
import { setupSchema, setUpCommunity } from './setup.js';

const setupFormSchema = setupSchema.extend({ setup_code: requiredText('Setup code', 40) });

/**
 * `/setup`: the first run in a browser. Open only while the community has no
 * steward, and only to someone holding the one-time code from the server's log.
 */
export function setupRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  const showForm = (ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status = 200) =>
    renderPage(
      ctx,
      'community/setup',
      { title: ctx.state.t('community.title'), values, errors, locales: LOCALES },
      { status },
    );

  router.get('/setup', async (ctx) => {
    if (await hasSteward(deps.db)) throw new NotFound(msg('community.alreadySetUp'));
    // The language the person setting up reads the page in is the likeliest for the community.
    const locale = isLocale(ctx.state.locale) ? ctx.state.locale : 'en';
    await showForm(ctx, { vouches_required: '2', locale }, {});
  });

  router.post('/setup', async (ctx) => {
    if (await hasSteward(deps.db)) throw new NotFound(msg('community.alreadySetUp'));
    const values = submittedValues(ctx.request.body);
    const parsed = parseInput(setupFormSchema, ctx.request.body);
    if (!parsed.ok) return showForm(ctx, values, parsed.errors, 422);
    if (!(await setupCodeMatches(deps.db, parsed.value.setup_code))) {
      return showForm(ctx, values, { setup_code: ctx.state.t('community.codeWrong') }, 422);
    }
    let stewardId: number;
    try {
      const { setup_code: _code, ...input } = parsed.value;
      ({ stewardId } = await setUpCommunity(deps.db, input, deps.now()));
    } catch (error) {
      if (error instanceof AppError && error.fields) return showForm(ctx, values, error.fields, 422);
      throw error;
    }
    rotateCsrf(ctx, deps);
    await startSession(ctx, deps, stewardId);
    seeOther(ctx, '/');
  });

  return router;
}
