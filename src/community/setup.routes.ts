import { type AppRouter, createRouter } from '../http/router.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { submittedValues, type FieldErrors } from '../http/forms.js';
import { fieldWords, readInput, requiredText } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { startSession } from '../auth/session.js';
import { rotateCsrf } from '../http/csrf.js';
import { isLocale, LOCALES } from '../i18n/locales.js';
import { Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { hasSteward } from './community.queries.js';
import { setupCodeMatches } from './setup-code.js';
import { setupSchema, setUpCommunity } from './setup.js';

const setupFormSchema = setupSchema.extend({
  setup_code: requiredText(
    {
      notText: 'community.field.code.notText',
      tooLong: 'community.field.code.tooLong',
      required: 'community.field.code.required',
    },
    40,
  ),
});

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
    const read = readInput(setupFormSchema, ctx.request.body);
    if (!read.ok) return showForm(ctx, values, fieldWords(read.problems, ctx.state.t), 422);
    const { setup_code: code, ...input } = read.value;
    if (!(await setupCodeMatches(deps.db, code))) {
      return showForm(ctx, values, { setup_code: ctx.state.t('community.codeWrong') }, 422);
    }
    let stewardId: number;
    try {
      ({ stewardId } = await setUpCommunity(deps.db, input, deps.now()));
    } catch (error) {
      // A contact that is not one, or already a member's; a second setup racing this one is the error page.
      if (error instanceof Invalid) return showForm(ctx, values, fieldWords(error.fields, ctx.state.t), 422);
      throw error;
    }
    rotateCsrf(ctx, deps);
    await startSession(ctx, deps, stewardId);
    seeOther(ctx, '/');
  });

  return router;
}
