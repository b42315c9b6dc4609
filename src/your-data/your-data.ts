import type { Actor } from '../auth/actor.js';
import type { DB } from '../db/database.js';
import { type ArchiveRow, findSectionRows, SECTION_NAMES, type SectionName } from './records.queries.js';

/** One kind of record on the "Your data" page: how many the box holds, and the page where the member sees them. */
export interface HeldKind {
  readonly section: SectionName;
  readonly count: number;
  readonly href: string | null;
}

/** A profile field and who may see it (`everyone`, `members`, `me`). */
export interface FieldShown {
  readonly field: string;
  readonly shownTo: string;
}

export interface HeldData {
  readonly kinds: readonly HeldKind[];
  readonly fields: readonly FieldShown[];
}

/** The profile's parts whose visibility the member chooses, by the column that holds the choice. */
const FIELDS = ['name', 'about', 'values', 'links', 'location', 'contact'] as const;

/** Where the member sees each kind of record on the box; null where no page shows it to them. */
function pageOf(section: SectionName, actor: Actor): string | null {
  const profile = `/members/${actor.handle}`;
  const pages: Readonly<Record<SectionName, string | null>> = {
    profile,
    values: '/profile',
    join_request: profile,
    invites: '/invites',
    invited_members: '/invites',
    vouches: profile,
    decisions: actor.role === 'steward' ? '/stewards/decisions' : null,
    password_resets: null,
    sessions: null,
    home_visits: '/',
    api_tokens: '/account/tokens',
    groups: '/groups',
    groups_started: '/groups',
    listings: '/listings/mine',
    promised_to_me: '/listings/mine',
    photos: '/listings/mine',
    conversations: '/listings/mine',
    messages: '/listings/mine',
    notices: '/listings/mine',
    accounts: '/ledger',
    payments: '/ledger',
    entries: '/ledger',
    account_changes: '/ledger',
    feedback: profile,
    currencies_created: '/ledger/currencies',
    regional_records: '/listings/mine',
    neighbouring_towns: '/listings/mine',
    town_conversations: '/listings/mine',
    town_messages: '/listings/mine',
  };
  return pages[section];
}

/** Every kind of record the box holds about the member, counted, and who sees each part of their profile. */
export async function findHeldData(db: DB, actor: Actor): Promise<HeldData> {
  const kinds: HeldKind[] = [];
  let profile: ArchiveRow | undefined;
  for (const section of SECTION_NAMES) {
    const rows = await findSectionRows(db, section, actor.id);
    if (section === 'profile') profile = rows[0];
    kinds.push({ section, count: rows.length, href: pageOf(section, actor) });
  }
  const fields = FIELDS.map((field) => ({ field, shownTo: String(profile?.[`${field}_visibility`] ?? 'me') }));
  return { kinds, fields };
}
