import sharp from 'sharp';
import type { DB } from '../db/database.js';
import type { Actor } from '../auth/actor.js';
import type { Currency } from '../ledger/ledger.js';
import { findCurrenciesFor } from '../ledger/currencies.queries.js';
import { addDays, addMinutes } from '../lib/time.js';
import { findListing, findPostableGroups } from '../listings/listings.queries.js';
import type { Category, ListingInput, Terms } from '../listings/listings.js';
import { reencodePhoto, type Photo } from '../listings/photos.js';
import { markListingDone, postListing, promiseListing, withdrawListing } from '../listings/posting.js';
import { sendReply } from '../listings/replies.js';
import { findMembersWithStatus } from '../members/members.queries.js';
import type { DemoListingsPlan } from './town.js';

const DETAILS = [
  'Collect from me, or I can drop it off nearby.',
  'Weekends suit me best.',
  'Message me here and we will sort it out.',
  'Happy to swap for something from the market.',
  'Ask if you want more details.',
];

/** A small deterministic generator, so every demo box has the same listings. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A price a neighbour might ask: quarter hours up to three hours, or halves up to ten in a currency of hundredths. */
function demoPrice(roll: number, currency: Currency): Terms {
  const amount = currency.scale === 60 ? 15 * (1 + Math.floor(roll * 12)) : 50 * (1 + Math.floor(roll * 20));
  return { type: 'price', amount, currency: currency.code };
}

/** A simple picture to stand in for a phone photo: coloured shapes, re-encoded like any upload. */
async function demoPhoto(n: number): Promise<Photo> {
  const hue = (n * 47) % 360;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1200">
    <rect width="1600" height="1200" fill="hsl(${hue},45%,70%)"/>
    <circle cx="${500 + n * 40}" cy="600" r="320" fill="hsl(${(hue + 120) % 360},50%,45%)"/>
    <rect x="900" y="350" width="450" height="500" rx="40" fill="hsl(${(hue + 240) % 360},40%,55%)"/>
  </svg>`;
  return reencodePhoto(await sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer());
}

/** A member who posts in the demo: where they live, the groups they may post for, the currencies they can trade in. */
interface DemoAuthor {
  member: Actor;
  home: { lat: number; lon: number };
  groups: { id: number }[];
  currencies: Currency[];
}

/** The demo's random stream and a pick from it: every choice below draws from it in a fixed order. */
interface Dice {
  rand: () => number;
  pick: <T>(items: readonly T[]) => T;
}

/**
 * A town's offers and wants (about 300 for Diss) around its villages, posted
 * by the demo members through the app's own use cases: a spread of kinds,
 * categories, terms, ages (some expired) and visibilities (over a third
 * public, some group-only), a share of them regional, a few with photos,
 * replies, promises and finished ones, priced in the currencies each author
 * can trade in (the ledger's, so it is seeded first). Returns how many it posted.
 */
export async function seedDemoListings(db: DB, now: Date, plan: DemoListingsPlan): Promise<number> {
  const rand = random(plan.seed);
  const dice: Dice = { rand, pick: (items) => items[Math.floor(rand() * items.length)]! };
  const authors = await demoAuthors(db);
  const photos = await Promise.all(Array.from({ length: plan.photos }, (_, n) => demoPhoto(n)));
  const photoEvery = Math.max(1, Math.floor(plan.count / Math.max(1, plan.photos)));
  for (let n = 0; n < plan.count; n++) {
    const author = dice.pick(authors);
    const { input, exact, posted } = demoListing(dice, author, plan, now);
    // Every n-th listing that is not for one group is shared with neighbouring towns (taken from the count, not the
    // random stream, so the rest of the demo stays as it was).
    input.regional = n % plan.regionalEvery === 0 && input.visibility.type !== 'group';
    const photo = n % photoEvery === 0 ? (photos[n / photoEvery] ?? null) : null;
    const id = await postListing(db, author.member, { input, exact, photo }, posted);
    await demoFollowUp(db, dice, { id, author, input, posted, authors }, now);
  }
  return plan.count;
}

async function demoAuthors(db: DB): Promise<DemoAuthor[]> {
  const authors: DemoAuthor[] = [];
  for (const m of await findMembersWithStatus(db, ['active'])) {
    const actor: Actor = { id: m.id, handle: m.handle, displayName: m.displayName, role: m.role, status: m.status };
    authors.push({
      member: actor,
      home: m.location,
      groups: await findPostableGroups(db, actor),
      currencies: await findCurrenciesFor(db, { memberId: m.id }),
    });
  }
  return authors;
}

/** One listing as its author might write it: kind, title, terms, who sees it, where and when. */
function demoListing(
  { rand, pick }: Dice,
  author: DemoAuthor,
  { ideas }: DemoListingsPlan,
  now: Date,
): { input: ListingInput; exact: { lat: number; lon: number }; posted: Date } {
  const category = pick(Object.keys(ideas) as Category[]);
  const kind = rand() < 0.6 ? 'offer' : 'want';
  const title = pick(ideas[category][kind]);
  const roll = rand();
  const terms: Terms =
    roll < 0.3
      ? { type: 'free' }
      : roll < 0.5
        ? { type: 'swap' }
        : roll < 0.7
          ? { type: 'negotiable' }
          : demoPrice(rand(), pick(author.currencies));
  const seen = rand();
  const visibility: ListingInput['visibility'] =
    seen < 0.4
      ? { type: 'public' }
      : seen < 0.88 || author.groups.length === 0
        ? { type: 'members' }
        : { type: 'group', groupId: pick(author.groups).id };
  // Near home, or somewhere else they chose (the allotment, the market): up to ~3 km away.
  const away = rand() < 0.7 ? 0.004 : 0.025;
  const exact = { lat: author.home.lat + (rand() - 0.5) * away, lon: author.home.lon + (rand() - 0.5) * away * 1.6 };
  const posted = addMinutes(now, -Math.floor(rand() * 45 * 24 * 60));
  const description = `${title}. ${pick(DETAILS)}`;
  return { input: { kind, title, description, category, terms, visibility, regional: false }, exact, posted };
}

/** What happened next to a quarter of the listings: a reply the next day, then withdrawn, promised or done. */
async function demoFollowUp(
  db: DB,
  { rand, pick }: Dice,
  posting: { id: string; author: DemoAuthor; input: ListingInput; posted: Date; authors: DemoAuthor[] },
  now: Date,
): Promise<void> {
  const { id, author, input, posted } = posting;
  const fate = rand();
  if (fate > 0.25) return;
  const viewer = { id: author.member.id, groupIds: author.groups.map((g) => g.id) };
  const listing = (await findListing(db, id, viewer, posted))!;
  const { visibility } = input;
  const replier = pick(
    posting.authors.filter(
      (a) => a !== author && (visibility.type !== 'group' || a.groups.some((g) => g.id === visibility.groupId)),
    ),
  );
  if (!replier) return;
  const replied = addDays(posted, 1);
  if (replied > now) return;
  const body =
    input.kind === 'offer' ? 'I would love this, if it is still going.' : 'I might be able to help with this.';
  await sendReply(db, replier.member, listing, { body, with: '' }, replied);
  if (fate < 0.06) await withdrawListing(db, author.member, listing, replied);
  else if (fate < 0.14)
    await promiseListing(db, author.member, listing, [replier.member.id], replier.member.id, replied);
  else if (fate < 0.2) await markListingDone(db, author.member, listing, replied);
}
