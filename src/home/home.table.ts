/** The home page's table (composed into `Database` in src/db/database.ts): each member's last visit to it. */
export interface HomeTables {
  home_visits: HomeVisitsTable;
}

export interface HomeVisitsTable {
  member_id: number;
  /** When the member last opened the home page. */
  visited_at: string;
  /** Where the current visit counts new offers and wants from: the visit before it; null on the first visit. */
  new_since: string | null;
}
