import type { Kysely } from 'kysely';
import type { AuthTables } from '../auth/auth.table.js';
import type { CommunityTables } from '../community/community.table.js';
import type { FederationTables } from '../federation/federation.table.js';
import type { GroupsTables } from '../groups/groups.table.js';
import type { HomeTables } from '../home/home.table.js';
import type { JobsTables } from '../jobs/jobs.table.js';
import type { LedgerTables } from '../ledger/ledger.table.js';
import type { ListingsTables } from '../listings/listings.table.js';
import type { MembersTables } from '../members/members.table.js';
import type { YourDataTables } from '../your-data/your-data.table.js';

/**
 * The shape of every table, as kysely sees it, composed from the `<feature>.table.ts` file beside each feature (the
 * only imports from features plumbing may make, and type-only). Timestamps are ISO-8601 UTC strings. Booleans are
 * stored as 0/1. Rows are mapped to domain types in each feature's `*.queries.ts` before they reach a route or a
 * template. A new table is added to its feature's `…Tables` interface (and created by a new migration).
 */
export interface Database
  extends CommunityTables,
    MembersTables,
    AuthTables,
    GroupsTables,
    ListingsTables,
    LedgerTables,
    FederationTables,
    JobsTables,
    YourDataTables,
    HomeTables {}

export type DB = Kysely<Database>;
