// @ts-check
/**
 * The house's rooms and the arrows allowed between them (ARCHITECTURE.md says the same in prose). `npm run lint` runs
 * this over src/ and sync/ after Biome; an "error" fails it.
 *
 * A run-time import is one that survives compilation. A type-only import (`import type`) vanishes, so it cannot make a
 * load-order cycle nor start a feature's code: types may be named across rooms except where a rule says otherwise.
 *
 * Every rule is an error: a new exception is a decision, written here with its reason (BACK_EDGES), not a warning.
 */

/** Plumbing: knows no feature, at run time. */
const PLUMBING = ['http', 'db', 'lib', 'i18n', 'jobs'];

/** Composition roots: they wire the features together, so they may import anything in src/ and sync/. */
const ROOTS = ['src/app\\.ts$', 'src/routes\\.ts$', 'src/main\\.ts$', 'src/messages\\.ts$', 'src/cli/'];

/** Leaves every room may read: the validated config object and where the package's files are. */
const SHARED = ['src/config\\.ts$', 'src/paths\\.ts$'];

/**
 * The run-time arrows between feature folders, each with its reason. A feature may import its own folder, plumbing,
 * the shared leaves and the features listed here, nothing else. The list is ordered bottom-up and checked below to have
 * no cycle, so that no two features need each other at run time. A new feature folder gets an entry here.
 */
const ARROWS = {
  community: {},
  // Choosing the language: the footer's switcher, a member's own setting and the community's default (the words
  // themselves are plumbing, in src/i18n).
  language: {},
  members: {
    community: 'joining and vouching read the community row (its centre, the vouches a newcomer needs)',
  },
  auth: {
    members: 'signing in finds the member by their contact and checks their standing (status, vouches)',
    community: 'sign-in reads the vouches the community requires',
  },
  stewards: {
    members: 'stewards admit, suspend and promote members',
    auth: 'suspending a member ends their sessions',
  },
  groups: {
    members: 'who may see a group follows the members’ visibility rules',
  },
  ledger: {
    members: 'accounts and feedback belong to members; statements name them',
    groups: 'a group has a fund, run by its admins',
  },
  api: {
    members: 'the JSON API’s directory and profiles',
    groups: 'the JSON API lists the groups a member may see',
  },
  listings: {
    community: 'the feed and search start from the community’s centre and name',
    members: 'authors, their rounded locations and who may see what',
    groups: 'a listing may be for one group only',
    ledger: 'prices are amounts in the community’s currencies',
    api: 'the listings API sits under the JSON API’s prefix',
  },
  home: {
    community: 'the opening screen shows the community',
    members: 'the opening screen shows the signed-in member and the join requests they could vouch for',
    ledger: 'the member’s day shows their balances and the payments waiting for them',
    listings: 'the member’s day shows the replies waiting for them and the offers and wants new near them',
    groups: 'the member’s day shows the requests to join the groups they run',
  },
  backup: {},
  federation: {
    // Issue 11 brings remote listings, regional records and replies across towns here from src/listings/.
    listings: 'regional records and remote listings are listings shared with sibling boxes, searched alike',
    ledger: 'a regional record carries its price’s currency and scale',
    members: 'replies across towns reach a member here',
    community: 'sync’s port reads the box’s keys and the community’s name',
  },
  // HTTPS on the venue network: the box's certificate (ACME DNS-01 through the stewards' hook), its renewal job and the
  // servers that use it; it knows no other feature.
  https: {},
  health: {
    backup: 'the health page reports the last backup',
    https: 'the health page and doctor report the certificate, its renewals and whether the box’s name resolves',
    federation: 'the health page reports the sibling boxes',
  },
  upgrade: {
    backup: 'an upgrade takes a backup first, restores it on failure, and honours the server lock',
  },
  demo: {
    cli: 'the demo is a CLI command, and the region demo runs boxes through the CLI',
    community: 'the demo sets up each town as a steward would',
    members: 'the demo seeds members, vouches and places',
    auth: 'demo members have passwords',
    groups: 'the demo seeds groups',
    ledger: 'the demo seeds currencies, payments and feedback',
    listings: 'the demo seeds listings, photos and replies',
    backup: 'the region demo takes the server lock of each box it runs',
  },
  // "Your data" (issue 21): it reads every feature's tables about one member (by SQL in its own queries, importing
  // none of their code), so it sits at the top.
  'your-data': {
    community: 'the archive’s README names the community',
    api: 'its JSON endpoint sits under the JSON API’s prefix',
  },
};

/**
 * Run-time imports against the arrows that today's code still makes, one file to one file, each to be removed (and
 * then deleted here). Nothing else may go against the arrows.
 */
const BACK_EDGES = {
  'src/community/setup.routes.ts': { 'src/auth/session.ts': 'the first steward is signed in as setup ends' },
  'src/community/setup.ts': {
    'src/auth/passwords.ts': 'setup creates the first steward, with a password',
    'src/members/contact.ts': 'setup creates the first steward',
    'src/members/members.queries.ts': 'setup creates the first steward',
    'src/ledger/currencies.ts': 'setup creates the community’s currency',
  },
  'src/members/joining.ts': { 'src/auth/passwords.ts': 'a newcomer chooses a password' },
  'src/members/join.routes.ts': { 'src/auth/passwords.ts': 'a newcomer chooses a password' },
  'src/members/profiles.routes.ts': { 'src/ledger/feedback.ts': 'a profile shows the feedback about its member' },
  'src/groups/group-deletion.ts': { 'src/ledger/amounts.ts': 'deleting a group is refused while its fund holds money' },
  'src/groups/group-pages.routes.ts': { 'src/ledger/funds.ts': 'a group page shows its fund' },
  'src/ledger/transfers.ts': { 'src/listings/listings.queries.ts': 'a payment may be for a listing' },
  'src/federation/addresses.ts': { 'src/health/checks.ts': 'the box’s own network addresses, for adding a sibling' },
  // After issue 11 moves remote listings and replies across towns into src/federation/ (the files named there):
  // the listing pages show sibling towns' listings among the local ones, and their conversations.
  // (The listing pages' routers, split by concern from what was one listings.routes.ts: the same edges, no new one.)
  'src/listings/search.routes.ts': {
    'src/federation/remote-listings.queries.ts': 'the listing pages show sibling towns’ listings',
  },
  'src/listings/listing-page.routes.ts': {
    'src/federation/remote-listings.ts': 'the listing pages show sibling towns’ listings',
    'src/federation/remote-listings.queries.ts': 'the listing pages show sibling towns’ listings',
    'src/federation/conversations.queries.ts': 'a listing page shows the replies from other towns',
  },
  'src/listings/replies.routes.ts': {
    'src/federation/remote-listings.queries.ts': 'a member replies to sibling towns’ listings',
    'src/federation/conversations.queries.ts': 'a member replies to sibling towns’ listings, an author to their people',
  },
  'src/listings/listings.api.ts': {
    'src/federation/remote-listings.ts': 'the listings API serves sibling towns’ listings',
    'src/federation/remote-listings.queries.ts': 'the listings API serves sibling towns’ listings',
  },
  'src/listings/news.ts': { 'src/federation/conversations.queries.ts': 'news counts unread replies from other towns' },
};

/**
 * The request's member (`Actor`, issue 11): every feature may use it, as it may use plumbing.
 */
const EVERY_FEATURE_MAY_USE = ['^src/auth/actor\\.ts$'];

const FEATURES = Object.keys(ARROWS);
const folder = (/** @type {string} */ name) => `^src/${name}/`;
const file = (/** @type {string} */ name) => `^${name.replace(/\./g, '\\.')}$`;
const ALL_FEATURES = FEATURES.map(folder);
/** What any room may import: plumbing and the shared leaves. Everything else in src/ is a feature or a root. */
const NOT_A_FEATURE = [...PLUMBING.map(folder), ...SHARED.map((s) => `^${s}`)];

assertNoCycle(ARROWS);

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const arrowRules = FEATURES.flatMap((feature) => {
  const allowed = [folder(feature), ...Object.keys(ARROWS[feature]).map(folder), ...EVERY_FEATURE_MAY_USE];
  const exceptions = Object.keys(BACK_EDGES).filter((from) => from.startsWith(`src/${feature}/`));
  const name = `arrows-from-${feature}`;
  const targets = Object.keys(ARROWS[feature]).join(', ') || 'no other feature';
  const comment = `src/${feature}/ imports at run time only its own folder, plumbing and ${targets} (see ARROWS)`;
  const to = { path: '^src/', dependencyTypesNot: /** @type {const} */ (['type-only']) };
  return [
    {
      name,
      severity: 'error',
      comment,
      from: { path: folder(feature), pathNot: exceptions.map(file) },
      to: { ...to, pathNot: [...allowed, ...NOT_A_FEATURE] },
    },
    ...exceptions.map((from) => ({
      name,
      severity: /** @type {const} */ ('error'),
      comment: `${comment}, and the back-edges listed in BACK_EDGES`,
      from: { path: file(from) },
      to: { ...to, pathNot: [...allowed, ...NOT_A_FEATURE, ...Object.keys(BACK_EDGES[from]).map(file)] },
    })),
  ];
});

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle at run time (type-only imports are excepted: they vanish when compiled)',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'plumbing-knows-no-feature',
      severity: 'error',
      comment:
        'http, db, lib, i18n and jobs never import a feature or a composition root at run time: features plug into ' +
        'them, not the reverse (src/db/database.ts composes the tables’ types, type-only).',
      from: { path: PLUMBING.map(folder) },
      to: { path: ['^src/', '^sync/'], pathNot: NOT_A_FEATURE, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'lib-is-the-floor',
      severity: 'error',
      comment: 'src/lib/ holds small pure helpers every room may use; it imports nothing else from src/ or sync/.',
      from: { path: folder('lib') },
      to: { path: ['^src/', '^sync/'], pathNot: folder('lib') },
    },
    ...arrowRules,
    {
      name: 'unlisted-feature',
      severity: 'error',
      comment: 'A new folder in src/ is plumbing or a feature: add it to PLUMBING, or to ARROWS with its arrows.',
      from: {
        path: '^src/[^/]+/',
        // src/config/messages/ is the config's catalogue: words, importing nothing but its own files and types.
        pathNot: [...PLUMBING.map(folder), ...ALL_FEATURES, ...ROOTS.map((r) => `^${r}`), '^src/config/messages/'],
      },
      to: { path: ['^src/', '^sync/'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'http-only-from-the-edge',
      severity: 'error',
      comment:
        'Only src/http/ itself, *.routes.ts, *.api.ts and the composition roots import src/http/: domain code throws ' +
        'src/lib/errors.ts and knows no request.',
      from: {
        path: ['^src/', '^sync/'],
        pathNot: [folder('http'), '\\.routes\\.ts$', '\\.api\\.ts$', ...ROOTS.map((r) => `^${r}`)],
      },
      to: { path: folder('http') },
    },
    {
      name: 'sync-imports-only-types-from-src',
      severity: 'error',
      comment:
        'sync/ reaches the app through the port it declares (sync/port.ts), which src/federation/sync-port.ts ' +
        'implements; it may name the app’s types, nothing more.',
      from: { path: '^sync/' },
      to: { path: '^src/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-sync-store-from-src',
      severity: 'error',
      comment:
        'sync/ holds no SQL (its store became src/federation/*.queries.ts, behind the port); should a ' +
        'sync/store come back, the app still reads sibling boxes only through src/federation/.',
      from: { path: '^src/' },
      to: { path: '^sync/store(\\.queries)?\\.ts$' },
    },
    {
      name: 'sync-only-through-federation',
      severity: 'error',
      comment:
        'In src/, only src/federation/ (which implements sync’s port), the composition roots and the demo (which ' +
        'runs boxes) import sync/ at run time.',
      from: { path: '^src/', pathNot: [folder('federation'), folder('demo'), ...ROOTS.map((r) => `^${r}`)] },
      to: { path: '^sync/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'shared-leaves-stay-leaves',
      severity: 'error',
      comment:
        'src/config.ts and src/paths.ts are read by every room, so they import only src/lib/ (and the config its own ' +
        'catalogue of error sentences, src/config/messages/).',
      from: { path: SHARED.map((s) => `^${s}`) },
      to: {
        path: ['^src/', '^sync/'],
        pathNot: [folder('lib'), ...SHARED.map((s) => `^${s}`), '^src/config/messages/'],
      },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that resolves to nothing would fail at run time.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Sees `import type` (as "type-only") so the rules above can tell run-time imports from types.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.d.ts', '.js'],
    },
    // Re-cruises only when a file or this config changed (by content, so a fresh checkout starts cold and is right).
    cache: { folder: 'node_modules/.cache/dependency-cruiser', strategy: 'content' },
  },
};

/**
 * Throws if the arrows between features loop back (A needs B needs A), naming the loop: the point of the list is that
 * features form layers.
 * @param {Record<string, Record<string, string>>} arrows
 */
function assertNoCycle(arrows) {
  /** @type {Record<string, 'visiting' | 'done'>} */
  const state = {};
  /** @param {string} node @param {string[]} trail */
  const visit = (node, trail) => {
    if (state[node] === 'done') return;
    if (state[node] === 'visiting')
      throw new Error(`.dependency-cruiser.cjs: ARROWS loop: ${[...trail, node].join(' → ')}`);
    state[node] = 'visiting';
    for (const next of Object.keys(arrows[node] ?? {})) visit(next, [...trail, node]);
    state[node] = 'done';
  };
  for (const node of Object.keys(arrows)) visit(node, []);
}
