import { requireMember } from '../auth/actor.js';
import { immediateTransaction } from '../db/immediate.js';
import type { AppDeps } from '../http/context.js';
import { refusalOf } from '../http/errors.js';
import { submittedValues } from '../http/forms.js';
import { seeOther } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { feedbackSchema, leaveFeedback } from './feedback.js';
import { showTransfer } from './transfers.routes.js';

/**
 * `/ledger/transfers/:id/feedback`: each side of a completed transfer says how it went, on the transfer's page. Not a
 * `formAction`: someone on neither side may not see the page the form would come back on, so their refusal (403) is
 * the error page, and only a conflict (too late, both sides) comes back on the form.
 */
export function feedbackRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  router.post('/ledger/transfers/:id/feedback', async (ctx) => {
    const actor = requireMember(ctx.state.actor);
    const id = ctx.params.id;
    const values = submittedValues(ctx.request.body);
    const read = readInput(feedbackSchema, ctx.request.body);
    if (!read.ok)
      return showTransfer(deps, ctx, id, { values, errors: fieldWords(read.problems, ctx.state.t), status: 422 });
    try {
      await immediateTransaction(deps.db, (trx) => leaveFeedback(trx, actor, id, read.value, deps.now()));
    } catch (error) {
      const refusal = refusalOf(error, ctx.state.t);
      if (refusal?.status !== 409) throw error;
      return showTransfer(deps, ctx, id, { values, errors: { _form: refusal.message }, status: 409 });
    }
    seeOther(ctx, `/ledger/transfers/${id}`);
  });

  return router;
}
