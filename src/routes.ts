import type Koa from 'koa';
import { apiRoutes } from './api/api.routes.js';
import { accountRoutes } from './auth/account.routes.js';
import { authRoutes } from './auth/auth.routes.js';
import { resetLinkRoutes } from './auth/reset-links.routes.js';
import { tokenRoutes } from './auth/tokens.routes.js';
import { setupRoutes } from './community/setup.routes.js';
import { siblingRoutes } from './federation/siblings.routes.js';
import { groupDeletionRoutes } from './groups/group-deletion.routes.js';
import { groupEditingRoutes } from './groups/group-editing.routes.js';
import { groupMembershipRoutes } from './groups/group-membership.routes.js';
import { groupPageRoutes } from './groups/group-pages.routes.js';
import { healthRoutes } from './health/health.routes.js';
import { homeRoutes } from './home/home.routes.js';
import type { AppCustomContext, AppDeps, AppState } from './http/context.js';
import type { AppRouter } from './http/router.js';
import { languageRoutes } from './language/language.routes.js';
import { ledgerApiRoutes } from './ledger/ledger.api.js';
import { currencyRoutes } from './ledger/currencies.routes.js';
import { feedbackRoutes } from './ledger/feedback.routes.js';
import { myAccountsRoutes } from './ledger/my-accounts.routes.js';
import { statementRoutes } from './ledger/statements.routes.js';
import { stewardsLedgerRoutes } from './ledger/stewards-ledger.routes.js';
import { transferRoutes } from './ledger/transfers.routes.js';
import { listingWriteApiRoutes } from './listings/listing-writes.api.js';
import { listingApiRoutes } from './listings/listings.api.js';
import { listingLifecycleRoutes } from './listings/lifecycle.routes.js';
import { listingPageRoutes } from './listings/listing-page.routes.js';
import { myListingsRoutes } from './listings/mine.routes.js';
import { listingPhotoRoutes } from './listings/photos.routes.js';
import { listingPostingRoutes } from './listings/posting.routes.js';
import { listingReplyRoutes } from './listings/replies.routes.js';
import { listingSearchRoutes } from './listings/search.routes.js';
import { directoryRoutes } from './members/directory.routes.js';
import { invitesRoutes } from './members/invites.routes.js';
import { joinRoutes } from './members/join.routes.js';
import { profilesRoutes } from './members/profiles.routes.js';
import { vouchingRoutes } from './members/vouching.routes.js';
import { decisionsLogRoutes } from './stewards/decisions-log.routes.js';
import { membersListRoutes } from './stewards/members-list.routes.js';
import { placeRoutes } from './stewards/places.routes.js';
import { createDataExports } from './your-data/data-exports.js';
import { yourDataApiRoutes } from './your-data/your-data.api.js';
import { yourDataRoutes } from './your-data/your-data.routes.js';

/**
 * The map of the site: every router, in the order koa tries them. A new capability adds its `x.routes.ts` (pages) or
 * `x.api.ts` (the JSON API under /api/v1) here, with a line saying what it serves; nothing else registers routes.
 * Routers never share an address, so the order matters only for reading.
 */
function siteRouters(deps: AppDeps): AppRouter[] {
  return [...peopleRouters(deps), ...exchangeRouters(deps)];
}

/** The box, its members, their accounts and groups, and the stewards' pages about them. */
function peopleRouters(deps: AppDeps): AppRouter[] {
  // Members' archives of their own data, made in the background one at a time: shared by the page and the API.
  const dataExports = createDataExports({ ...deps, dataDir: deps.config.dataDir });
  return [
    // /healthz for monitors; /stewards/health, the box's health for its stewards
    healthRoutes(deps),
    // / — the opening screen: the four areas
    homeRoutes(deps),
    // /setup — the first steward sets up the community with the box's one-time code, then it closes
    setupRoutes(deps),
    // /signin, /signout
    authRoutes(deps),
    // password reset links: /members/:handle/reset-link for stewards, /reset/:token for the member
    resetLinkRoutes(deps),
    // /account, /account/password — the member's own account and password
    accountRoutes(deps),
    // /account/tokens — the member's API tokens
    tokenRoutes(deps),
    // /account/data — Your data: everything the box holds about the member, and their archive of it
    yourDataRoutes(deps, dataExports),
    // /api/v1/me/export — the same archive over the JSON API
    yourDataApiRoutes(deps, dataExports),
    // /join, /join/sent, /join/invite/:token — newcomers ask to join, or come with a member's invitation
    joinRoutes(deps),
    // /invites — the invitations a member has made
    invitesRoutes(deps),
    // /members — Who We Are: the directory, searched as one types
    directoryRoutes(deps),
    // /members/requests, /members/:handle/vouch — join requests, and members vouching for them
    vouchingRoutes(deps),
    // /members/:handle, /profile — a profile as the viewer may see it, and the member's own form (after requests)
    profilesRoutes(deps),
    // /groups/new, /groups/:slug/edit — starting and editing a group (before the pages: /groups/:slug would take "new")
    groupEditingRoutes(deps),
    // /groups, /groups/:slug — Commons: the tree of groups and each group's page
    groupPageRoutes(deps),
    // /groups/:slug/join, leave, invite, requests, members — membership and the admins' roles
    groupMembershipRoutes(deps),
    // /groups/:slug/delete — deleting a group, refused while it holds members' listings or money
    groupDeletionRoutes(deps),
    // /stewards — admitting and suspending members, stewards' roles (the members list and its decisions)
    membersListRoutes(deps),
    // /stewards/decisions — the whole decisions log
    decisionsLogRoutes(deps),
    // /stewards/places — the places members pick instead of typing coordinates
    placeRoutes(deps),
    // /api/v1/me, /members, /groups — the JSON API's directory (token only)
    apiRoutes(deps),
  ];
}

/** Synergy: offers and wants, the ledger, and the neighbouring towns; then the language pages. */
function exchangeRouters(deps: AppDeps): AppRouter[] {
  return [
    // /listings, /listings/feed.atom — Synergy: offers and wants, near first; the Atom feed of new public ones
    listingSearchRoutes(deps),
    // /listings/new, /listings/:id/edit — posting and editing (before the page: /listings/:id would take "new")
    listingPostingRoutes(deps),
    // /listings/mine — a member's own listings, reminders and conversations (before the page, for the same reason)
    myListingsRoutes(deps),
    // /listings/:id — a listing's page, this box's or a sibling town's
    listingPageRoutes(deps),
    // /listings/:id/photo — a listing's photo
    listingPhotoRoutes(deps),
    // /listings/:id/renew, withdraw, done, release, promise — the author moving a listing along its life
    listingLifecycleRoutes(deps),
    // /listings/:id/replies — "I'm interested" and the conversations that follow, here and across towns
    listingReplyRoutes(deps),
    // /api/v1/listings — searching and reading listings over the JSON API
    listingApiRoutes(deps),
    // /api/v1/listings with a token — posting, changing, withdrawing (after reading: it answers the other methods)
    listingWriteApiRoutes(deps),
    // /api/v1/accounts, /payments, /payment-requests, /transfers — the ledger over the JSON API
    ledgerApiRoutes(deps),
    // /ledger — local currencies: the member's accounts and what waits for them
    myAccountsRoutes(deps),
    // /ledger/pay, /ledger/request, /ledger/transfers/:id (accept, decline, reverse) — paying and asking for payment
    transferRoutes(deps),
    // /ledger/transfers/:id/feedback — how a completed transfer went, from each side
    feedbackRoutes(deps),
    // /ledger/statement/:code, /ledger/funds/:slug/statement/:code (and /csv) — statements of accounts and funds
    statementRoutes(deps),
    // /ledger/currencies — the currencies here, and groups' admins creating one
    currencyRoutes(deps),
    // /stewards/ledger — the whole ledger for stewards; an account's limits and freezing
    stewardsLedgerRoutes(deps),
    // /stewards/siblings — the neighbouring towns' boxes this box federates with
    siblingRoutes(deps),
    // /language (the footer's switcher), /account/language, /stewards/language — the language pages are read in
    languageRoutes(deps),
  ];
}

/** Puts every router on the app, each with its `allowedMethods` (405 for a known address asked the wrong way). */
export function registerRoutes(koa: Koa<AppState, AppCustomContext>, deps: AppDeps): void {
  for (const router of siteRouters(deps)) {
    koa.use(router.routes());
    koa.use(router.allowedMethods());
  }
}
