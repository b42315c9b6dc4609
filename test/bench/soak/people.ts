import crypto from 'node:crypto';
import type { Gate, Load } from './load.js';

/** A demo member the soak signs in as and pays from: the contact and password of the sign-in form, an API token. */
export interface Account {
  handle: string;
  contact: string;
  password: string;
  token: string;
}

/** What the soak's people open and use, found on the box before the load starts. */
export interface Community {
  /** Listing pages a visitor may open, and those a signed-in member may. */
  visitorListings: string[];
  memberListings: string[];
  accounts: Account[];
  currency: string;
}

/** The headers a browser sends for a page (compressed answers accepted, as on the appliance). */
const BROWSER = {
  accept: 'text/html,application/xhtml+xml,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br',
  'user-agent': 'Mozilla/5.0 (soak)',
};

/** Searches people make on the listings page: keywords, kinds, categories, distances, pages. */
export const SEARCHES = [
  '/listings',
  '/listings?q=bike&radius=25',
  '/listings?q=seedlings&radius=any',
  '/listings?kind=offer&category=tools&radius=5',
  '/listings?centre=box&radius=10',
  '/listings?centre=box&radius=any&page=2',
  '/listings?q=repair&kind=request&radius=any',
];

const MEMBER_PAGES = ['/', '/ledger', '/members?q=repair', '/groups', '/listings/mine'];

const pick = <T>(items: T[]): T => items[crypto.randomInt(items.length)]!;

/** A visitor, not signed in, browsing until `until` (ms since the epoch): searches, listing pages, the home page. */
export async function visitor(load: Load, community: Community, until: number): Promise<void> {
  while (Date.now() < until) {
    const roll = Math.random();
    if (roll < 0.5) await load.request('search', 'GET', pick(SEARCHES), { headers: BROWSER });
    else if (roll < 0.85)
      await load.request('listing page', 'GET', pick(community.visitorListings), { headers: BROWSER });
    else await load.request('other page', 'GET', '/', { headers: BROWSER });
  }
}

/**
 * A member until `until`: signs in through the form (CSRF token and all), then searches, opens listings and their
 * own pages, pays a neighbour through the API with their token (back and forth, so no one drifts to a limit), and
 * now and then signs in again. Sign-ins pass through `signIns`: argon2 runs one at a time on the box, and the box
 * throttles an address with 20 sign-ins under way, which every soak member shares (127.0.0.1).
 */
export async function member(load: Load, community: Community, index: number, signIns: Gate, until: number) {
  const { accounts } = community;
  const me = accounts[index % accounts.length]!;
  const neighbour = accounts[(index + 1) % accounts.length]!;
  let cookie = await signIns.through(() => signIn(load, me));
  for (let turn = 0; Date.now() < until; turn++) {
    const headers = { ...BROWSER, cookie };
    const roll = Math.random();
    if (roll < 0.3) await load.request('search', 'GET', pick(SEARCHES), { headers });
    else if (roll < 0.55) await load.request('listing page', 'GET', pick(community.memberListings), { headers });
    else if (roll < 0.7) await load.request('other page', 'GET', pick(MEMBER_PAGES), { headers });
    else if (roll < 0.98) {
      const [from, to] = turn % 2 === 0 ? [me, neighbour] : [neighbour, me];
      await pay(load, from, to, community.currency);
    } else cookie = await signIns.through(() => signIn(load, me));
  }
}

/** Signs in through the real form; the Cookie header a browser then sends (empty if refused, as when throttled). */
async function signIn(load: Load, account: Account): Promise<string> {
  const form = await load.request('sign-in form', 'GET', '/signin', { headers: BROWSER });
  const token = form && /name="_csrf" value="([^"]+)"/.exec(form.text())?.[1];
  if (!form || !token) return '';
  const signedIn = await load.request('sign-in', 'POST', '/signin', {
    headers: { ...BROWSER, cookie: form.cookies.join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, account: account.contact, password: account.password }).toString(),
  });
  if (signedIn?.status !== 303) return '';
  // As a browser keeps them: a cookie set again (the CSRF cookie, rotated at sign-in) replaces the one before.
  const jar = new Map([...form.cookies, ...signedIn.cookies].map((c) => [c.slice(0, c.indexOf('=')), c]));
  return [...jar.values()].join('; ');
}

async function pay(load: Load, from: Account, to: Account, currency: string): Promise<void> {
  await load.request('payment (API)', 'POST', '/api/v1/payments', {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${from.token}` },
    body: JSON.stringify({
      to: to.handle,
      amount: 1,
      currency,
      description: 'Soak',
      idempotency_key: crypto.randomUUID(),
    }),
  });
}
