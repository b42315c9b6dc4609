import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import type { Federation } from '../federation/federation.js';
import { listSiblings, SEEN_REFRESH_MS } from '../federation/siblings.queries.js';
import type { Check } from './checks.js';
import { agePhrase, formatUtc, phrase, type Phrase } from './phrase.js';

/**
 * Who can say which siblings are connected right now: the server's own peer
 * layer. `marketcross doctor` runs in a process of its own and has none; it
 * goes by when the server last saw each sibling.
 */
export type SiblingConnections = Pick<Federation, 'isConnected'> | null;

/** A sibling away for longer than this is worth a steward's look; a short absence is a reboot or a power cut. */
const SIBLING_AWAY_WARN_HOURS = 24;

/**
 * The neighbouring towns on this box's list: which are connected, and a
 * warning for one that has been away for a day, since its members' listings
 * and replies stop flowing. A box that lists siblings but runs without its
 * peer layer is a warning too.
 */
export async function siblingsCheck(
  db: DB,
  config: Config,
  now: Date,
  connections: SiblingConnections,
): Promise<Check> {
  const id = 'siblings';
  const siblings = await listSiblings(db);
  if (siblings.length === 0) return { id, level: 'ok', detail: [phrase('health.siblings.none')] };
  if (!connections && config.p2pListen.length === 0) {
    const detail = [phrase('health.siblings.noPeerLayer', { count: siblings.length })];
    return { id, level: 'warn', detail, advice: [phrase('health.siblings.setListen')] };
  }
  // Twice the server's refresh, so a sibling noted just before the last refresh still counts.
  const recently = now.getTime() - 2 * SEEN_REFRESH_MS;
  const isConnected = (sibling: (typeof siblings)[number]) =>
    connections
      ? connections.isConnected(sibling.peerId)
      : sibling.lastSeenAt !== null && new Date(sibling.lastSeenAt).getTime() >= recently;
  const connected = siblings.filter(isConnected);
  const away = siblings.filter((s) => !isConnected(s));
  const awayTooLong = away.filter(
    (s) => (now.getTime() - new Date(s.lastSeenAt ?? s.addedAt).getTime()) / 3_600_000 > SIBLING_AWAY_WARN_HOURS,
  );
  const live = connections ? 'yes' : 'no';
  const names = connected.map((s) => s.name).join(', ');
  const detail: Phrase[] = [
    phrase('health.siblings.connected', { connected: connected.length, total: siblings.length, live, names }),
  ];
  for (const sibling of away) {
    const hours = sibling.lastSeenAt ? (now.getTime() - new Date(sibling.lastSeenAt).getTime()) / 3_600_000 : null;
    const values = { name: sibling.name, live, seen: hours === null ? 'never' : 'yes' };
    detail.push(phrase('health.siblings.away', values, { age: agePhrase(hours ?? 0) }));
  }
  const advice: Phrase[] = [];
  if (awayTooLong.length > 0) {
    const awayNames = awayTooLong.map((s) => s.name).join(', ');
    advice.push(phrase('health.siblings.awayTooLong', { names: awayNames, count: awayTooLong.length }));
  }
  const fromTheFuture = siblings.filter((s) => refusedAsFromTheFuture(s.lastRejection, now));
  if (fromTheFuture.length > 0) {
    const names = fromTheFuture.map((s) => s.name).join(', ');
    detail.push(phrase('health.siblings.fromTheFuture', { names, count: fromTheFuture.length, now: formatUtc(now) }));
    advice.push(phrase('health.siblings.checkClock'));
  }
  return advice.length === 0 ? { id, level: 'ok', detail } : { id, level: 'warn', detail, advice };
}

/** Two days: long enough to be seen at the next look at the health page, short enough to fade once put right. */
const FUTURE_REFUSAL_SHOWN_MS = 2 * 86_400_000;

/**
 * Whether a sibling's latest refusal (`<time> <problem>: <why>`, sync/rejections.ts) was a record from the future
 * (sync/records.ts), lately. Records more than a day ahead of this box's clock are refused whoever is wrong: when
 * good siblings' records are, it is most often this box's clock that is behind (a Pi with no battery-backed clock).
 */
function refusedAsFromTheFuture(lastRejection: string | null, now: Date): boolean {
  const at = /^(\S+) from-the-future: /.exec(lastRejection ?? '')?.[1];
  const age = at === undefined ? Number.NaN : now.getTime() - Date.parse(at);
  return age >= 0 && age <= FUTURE_REFUSAL_SHOWN_MS;
}
