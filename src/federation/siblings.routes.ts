import { type AppRouter, createRouter } from '../http/router.js';
import { listDiscoveredPeers, listSiblings, putSibling, removeSibling, unknownOrigins } from './siblings.queries.js';
import { requireSteward } from '../auth/actor.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { submittedValues, type FieldErrors } from '../http/forms.js';
import { renderPage, seeOther } from '../http/render.js';
import { NotFound } from '../lib/errors.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { siblingSchema } from './siblings.js';

/**
 * `/stewards/siblings`: the boxes of neighbouring towns this box federates
 * with. Adding or removing one takes effect at once, without a restart.
 */
export function siblingRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

  async function showPage(
    ctx: AppContext,
    form: { values?: Record<string, string>; errors?: FieldErrors; status?: number } = {},
  ) {
    requireSteward(ctx.state.actor);
    const federation = deps.federation;
    const [siblings, discovered, unknown] = await Promise.all([
      listSiblings(db),
      listDiscoveredPeers(db),
      unknownOrigins(db),
    ]);
    await renderPage(
      ctx,
      'federation/siblings',
      {
        title: ctx.state.t('federation.siblings.title'),
        self: federation ? { peerId: federation.peerId, addresses: federation.addresses() } : null,
        siblings: siblings.map((s) => ({ ...s, connected: federation?.isConnected(s.peerId) ?? false })),
        discovered,
        // Records relayed by a sibling from a box not on this list: counted for the box, not against the sibling.
        unknown: {
          ...unknown,
          lastViaName: siblings.find((s) => s.peerId === unknown.lastVia)?.name ?? unknown.lastVia,
        },
        values: form.values ?? {},
        errors: form.errors ?? {},
      },
      { status: form.status },
    );
  }

  // A box seen on the LAN is added through the same form, filled in from its "Add" link.
  router.get('/stewards/siblings', (ctx) =>
    showPage(ctx, {
      values: submittedValues({ peer_id: ctx.query.peer_id, address: ctx.query.address }),
    }),
  );

  router.post('/stewards/siblings', async (ctx) => {
    requireSteward(ctx.state.actor);
    const values = submittedValues(ctx.request.body);
    const parsed = readInput(siblingSchema, ctx.request.body);
    if (!parsed.ok) return showPage(ctx, { values, errors: fieldWords(parsed.problems, ctx.state.t), status: 422 });
    if (deps.federation && parsed.value.peerId === deps.federation.peerId) {
      return showPage(ctx, {
        values,
        errors: { peer_id: ctx.state.t('federation.add.ownPeerId') },
        status: 422,
      });
    }
    await putSibling(db, parsed.value, deps.now());
    await deps.federation?.siblingsChanged();
    seeOther(ctx, '/stewards/siblings');
  });

  router.post('/stewards/siblings/:peerId/remove', async (ctx) => {
    requireSteward(ctx.state.actor);
    if (!(await removeSibling(db, ctx.params.peerId))) throw new NotFound(msg('federation.noSuchSibling'));
    await deps.federation?.siblingsChanged();
    seeOther(ctx, '/stewards/siblings');
  });

  return router;
}
