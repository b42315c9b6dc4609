/**
 * The service notes connected siblings as seen at least this often, so a
 * process without the peer layer (`marketcross doctor`) can tell from
 * `last_seen_at` which are connected.
 */
export const SEEN_REFRESH_MS = 60_000;
