import type { Migration } from 'kysely';
import * as m20261122T0600 from './2026-11-22T06-00-community-members-groups.js';
import * as m20261122T0700 from './2026-11-22T07-00-listings.js';
import * as m20261122T0710 from './2026-11-22T07-10-ledger.js';
import * as m20261122T0810 from './2026-11-22T08-10-job-runs.js';
import * as m20261122T0820 from './2026-11-22T08-20-feedback-with-funds.js';
import * as m20261122T0830 from './2026-11-22T08-30-federation.js';
import * as m20261204T0900 from './2026-12-04T09-00-listing-search-cells.js';
import * as m20261205T0900 from './2026-12-05T09-00-regional-member-changes.js';
import * as m20261205T0910 from './2026-12-05T09-10-remote-price-scale.js';
import * as m20261205T0920 from './2026-12-05T09-20-federated-conversations-by-member.js';
import * as m20261207T1200 from './2026-12-07T12-00-locales.js';
import * as m20261207T2000 from './2026-12-07T20-00-stored-words-as-messages.js';
import * as m20261207T2010 from './2026-12-07T20-10-job-run-messages.js';
import * as m20261207T2040 from './2026-12-07T20-40-listing-notice-messages.js';
import * as m20261207T2313 from './2026-12-07T23-13-data-exports.js';
import * as m20261207T2318 from './2026-12-07T23-18-unnamed-remote-authors.js';
import * as m20261208T0040 from './2026-12-08T00-40-home-visits.js';
import * as m20261208T0041 from './2026-12-08T00-41-accounts-by-group.js';

/**
 * Every migration, in name order (kysely refuses a database that ran a later
 * name before an earlier one). A static list (not a folder scan) so the
 * compiled app and the tests see the same set. Append new ones with a later
 * name; never edit, rename or reorder one that has shipped.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T06-00-community-members-groups': m20261122T0600,
  '2026-11-22T07-00-listings': m20261122T0700,
  '2026-11-22T07-10-ledger': m20261122T0710,
  '2026-11-22T08-10-job-runs': m20261122T0810,
  '2026-11-22T08-20-feedback-with-funds': m20261122T0820,
  '2026-11-22T08-30-federation': m20261122T0830,
  '2026-12-04T09-00-listing-search-cells': m20261204T0900,
  '2026-12-05T09-00-regional-member-changes': m20261205T0900,
  '2026-12-05T09-10-remote-price-scale': m20261205T0910,
  '2026-12-05T09-20-federated-conversations-by-member': m20261205T0920,
  '2026-12-07T12-00-locales': m20261207T1200,
  '2026-12-07T20-00-stored-words-as-messages': m20261207T2000,
  '2026-12-07T20-10-job-run-messages': m20261207T2010,
  '2026-12-07T20-40-listing-notice-messages': m20261207T2040,
  '2026-12-07T23-13-data-exports': m20261207T2313,
  '2026-12-07T23-18-unnamed-remote-authors': m20261207T2318,
  '2026-12-08T00-40-home-visits': m20261208T0040,
  '2026-12-08T00-41-accounts-by-group': m20261208T0041,
};
