import { type AppRouter, createRouter } from '../http/router.js';
import { z } from 'zod';
import type { AppDeps } from '../http/context.js';
import { listingAction } from './listing-page.routes.js';
import { markListingDone, promiseListing, releasePromise, renewListing, withdrawListing } from './posting.js';
import { repliersOf } from './replies.js';

const promiseSchema = z.object({
  to: z
    .string({ error: 'listings.field.promiseTo' })
    .min(1, 'listings.field.promiseTo')
    .max(100, 'listings.field.promiseToTooLong'),
});

/**
 * `/listings/:id/renew`, `withdraw`, `done`, `release`, `promise`: the author moving a listing along its life. Each
 * answers POST → 303 → the listing; a refusal shows the listing with the reason.
 */
export function listingLifecycleRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();

  const noFields = z.object({});
  for (const [action, change] of Object.entries({
    renew: renewListing,
    withdraw: withdrawListing,
    done: markListingDone,
    release: releasePromise,
  })) {
    listingAction(router, deps, action, noFields, async (trx, actor, listing, _input, now) => {
      await change(trx, actor, listing, now);
      return `/listings/${listing.id}`;
    });
  }

  listingAction(router, deps, 'promise', promiseSchema, async (trx, actor, listing, input, now) => {
    const repliers = await repliersOf(trx, actor, listing);
    const to = repliers.find((r) => r.handle === input.to);
    await promiseListing(
      trx,
      actor,
      listing,
      repliers.map((r) => r.id),
      to?.id ?? -1,
      now,
    );
    return `/listings/${listing.id}`;
  });

  return router;
}
