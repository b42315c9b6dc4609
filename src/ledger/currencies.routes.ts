import { requireMember } from '../auth/actor.js';
import { findVisibleGroups } from '../groups/groups.queries.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FormState, formAction } from '../http/form-action.js';
import { submittedValues } from '../http/forms.js';
import { renderPage } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { Invalid } from '../lib/errors.js';
import { optionalText } from '../lib/fields.js';
import { textRules } from './ledger-fields.js';
import { msg } from '../lib/messages.js';
import { createCurrency, currencySchema } from './currencies.js';
import { groupsRunBy } from './funds.js';
import { visibleCurrencies } from './currency-access.js';

/**
 * `/ledger/currencies`: every currency here the member may know of, and the form on which a group's admins create one
 * for it.
 */

const newCurrencySchema = currencySchema.extend({
  group: optionalText(textRules(), 80),
});

export function currencyRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  async function showCurrencyForm(ctx: AppContext, form: Partial<FormState>) {
    const actor = requireMember(ctx.state.actor);
    await renderPage(
      ctx,
      'ledger/currency-form',
      {
        title: ctx.state.t('ledger.currencyForm.title'),
        groups: await groupsRunBy(deps.db, actor),
        values: {
          counted_in: 'minutes',
          lower_limit: '-20:00',
          upper_limit: '40:00',
          request_days: '30',
          ...form.values,
        },
        errors: form.errors ?? {},
      },
      { status: form.status },
    );
  }

  router.get('/ledger/currencies', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    // Only the currencies of groups the member may see: a hidden group's is not listed, as if it did not exist.
    const [currencies, visible] = await Promise.all([
      visibleCurrencies(deps.db, actor),
      findVisibleGroups(deps.db, actor),
    ]);
    await renderPage(ctx, 'ledger/currencies', {
      title: ctx.state.t('ledger.currencies.title'),
      currencies: currencies.map((c) => ({ ...c, group: visible.all.find((g) => g.id === c.groupId) ?? null })),
      canCreate: (await groupsRunBy(deps.db, actor)).length > 0,
    });
  });

  router.get('/ledger/currencies/new', (ctx) => showCurrencyForm(ctx, { values: submittedValues(ctx.query) }));

  formAction(router, '/ledger/currencies/new', {
    db: deps.db,
    schema: newCurrencySchema,
    transaction: 'immediate',
    load: async (ctx) => requireMember(ctx.state.actor),
    run: async (trx, input, actor) => {
      const group = (await groupsRunBy(trx, actor)).find((g) => g.slug === input.group);
      if (!group) throw new Invalid({ group: msg('ledger.errors.groupNotRun') });
      await createCurrency(trx, actor, group.id, input, deps.now());
      return '/ledger/currencies';
    },
    showForm: (ctx, _actor, form) => showCurrencyForm(ctx, form),
  });

  return router;
}
