import { type AppRouter, createRouter } from '../http/router.js';
import type { AppDeps } from '../http/context.js';
import { renderPage } from '../http/render.js';
import { siteOrigin } from '../http/site.js';
import { searchListings } from '../federation/remote-listings.queries.js';
import { atomFeed } from './feed.js';
import { findNewPublicListings, listingViewerOf } from './listings.queries.js';
import { PAGE_SIZE } from './listings.js';
import { originUnits } from './listing-page.routes.js';
import { RADIUS_CHOICES, resolveSearch, searchPageQuery } from './search.js';
import { listingWords } from './shown.js';

/** `/listings`: Synergy's marketplace, offers and wants found by proximity; and the Atom feed of new public ones. */
export function listingSearchRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const { db } = deps;

  router.get('/listings', async (ctx) => {
    const query = searchPageQuery.parse(ctx.query);
    const search = await resolveSearch(db, ctx.state.actor, query);
    const now = deps.now();
    const { listings, hasMore } = await searchListings(
      db,
      {
        centre: search.point,
        radiusM: search.radiusM,
        q: search.q,
        kind: search.kind,
        category: search.category,
        limit: PAGE_SIZE,
        offset: (search.page - 1) * PAGE_SIZE,
      },
      await listingViewerOf(db, ctx.state.actor),
      now,
    );
    const lat = search.centre === 'here' ? String(search.point.lat) : '';
    const lon = search.centre === 'here' ? String(search.point.lon) : '';
    const params = {
      q: search.q,
      kind: search.kind ?? '',
      category: search.category ?? '',
      radius: query.radius,
      centre: search.centre,
      lat,
      lon,
    };
    await renderPage(
      ctx,
      'listings/index',
      {
        title: ctx.state.t('listings.title'),
        search,
        params,
        listings,
        hasMore,
        radii: RADIUS_CHOICES,
        ...(await listingWords(db, ctx.state, now, originUnits)),
      },
      { fragment: 'listings/_results' },
    );
  });

  router.get('/listings/feed.atom', async (ctx) => {
    const now = deps.now();
    const listings = await findNewPublicListings(db, now, 50);
    ctx.type = 'application/atom+xml; charset=utf-8';
    ctx.body = await atomFeed(db, ctx.state, siteOrigin(ctx), listings, now);
  });

  return router;
}
