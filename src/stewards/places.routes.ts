import { z } from 'zod';
import { requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { formAction } from '../http/form-action.js';
import type { FieldErrors } from '../http/forms.js';
import { coordinate, requiredText } from '../lib/fields.js';
import { renderPage, seeOther } from '../http/render.js';
import { type AppRouter, createRouter } from '../http/router.js';
import { NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { deletePlace, findPlaces } from '../members/places.queries.js';
import { addPlace } from './places.js';

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

/** `/stewards/places`: the villages and neighbourhoods members pick instead of typing coordinates. */
export function placeRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  async function showPlaces(ctx: AppContext, values: Record<string, string>, errors: FieldErrors, status?: number) {
    requireSteward(ctx.state.actor);
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

  formAction(router, '/stewards/places', {
    db: deps.db,
    schema: placeSchema,
    load: async (ctx) => {
      requireSteward(ctx.state.actor);
    },
    run: async (trx, place) => {
      await addPlace(trx, place);
      return '/stewards/places';
    },
    showForm: (ctx, _none, form) => showPlaces(ctx, form.values, form.errors, form.status),
  });

  router.post('/stewards/places/:id/delete', async (ctx) => {
    requireSteward(ctx.state.actor);
    const id = Number(ctx.params.id);
    if (!Number.isSafeInteger(id) || !(await deletePlace(deps.db, id)))
      throw new NotFound(msg('stewards.places.noSuchPlace'));
    seeOther(ctx, '/stewards/places');
  });

  return router;
}
