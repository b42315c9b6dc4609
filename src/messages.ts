import * as api from './api/messages/index.js';
import type { CatalogueSet } from './i18n/catalogue.js';
import * as groups from './groups/messages/index.js';
import * as auth from './auth/messages/index.js';
import * as backup from './backup/messages/index.js';
import * as cli from './cli/messages/index.js';
import * as community from './community/messages/index.js';
import * as config from './config/messages/index.js';
import * as demo from './demo/messages/index.js';
import * as federation from './federation/messages/index.js';
import * as health from './health/messages/index.js';
import * as home from './home/messages/index.js';
import * as common from './i18n/messages/index.js';
import * as jobs from './jobs/messages/index.js';
import * as listings from './listings/messages/index.js';
import * as members from './members/messages/index.js';
import * as upgrade from './upgrade/messages/index.js';
import * as ledger from './ledger/messages/index.js';
import * as stewards from './stewards/messages/index.js';
import * as yourData from './your-data/messages/index.js';

/**
 * Every message catalogue of the box, by namespace: the composition root of the words, as `routes.ts` is of the
 * site's map. A feature adds its `messages/en.ts` and `messages/fr.ts` here under its folder's name; its keys are then
 * `<namespace>.<key>` (`ledger.overLimit`).
 */
export const catalogues: Readonly<Record<string, CatalogueSet>> = {
  api,
  auth,
  backup,
  cli,
  common,
  community,
  config,
  demo,
  groups,
  health,
  home,
  jobs,
  listings,
  members,
  upgrade,
  ledger,
  federation,
  stewards,
  yourData,
};
