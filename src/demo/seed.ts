import { hashPassword } from '../auth/passwords.js';
import { createCommunity } from '../community/setup.js';
import type { DB } from '../db/database.js';
import { putMembership, insertGroup } from '../groups/groups.queries.js';
import { msg } from '../lib/messages.js';
import { addDays } from '../lib/time.js';
import { parseContact } from '../members/contact.js';
import { insertDecision, insertMember, setMemberStatus, updateProfile } from '../members/members.queries.js';
import type { FieldVisibility } from '../members/members.js';
import { findPlaces, insertPlace } from '../members/places.queries.js';
import { recordVouch } from '../members/vouches.js';
import { findGroupIdsBySlug } from './demo.queries.js';
import { seedDemoListings } from './listings.seed.js';
import { seedDemoLedger } from './ledger.seed.js';
import { DISS } from './diss.data.js';
import type { DemoGroup, DemoMember, DemoTown } from './town.js';

export interface DemoSummary {
  stewardHandle: string;
  stewardContact: string;
  members: number;
  pending: number;
  groups: number;
  places: number;
  listings: number;
}

/** Days between one demo member joining and the next, so the history reads like a year of a real community. */
const DAYS_BETWEEN_JOINS = 7;

const DEFAULT_VISIBILITY: FieldVisibility = {
  name: 'members',
  about: 'members',
  values: 'members',
  links: 'members',
  location: 'members',
  contact: 'me',
};

/**
 * Builds a demo town's community (Diss unless told) in one transaction,
 * through the same domain functions the app uses (setup, joining, vouching,
 * groups, listings, payments), so the demo obeys the app's rules: members
 * reach `active` by vouches or a steward's approval. Every member shares one
 * password, hashed once: argon2 is slow on purpose.
 */
export async function seedDemo(db: DB, now: Date, town: DemoTown = DISS): Promise<DemoSummary> {
  const { community, steward, places, members, groups } = town;
  const passwordHash = await hashPassword(town.password);
  const start = addDays(now, -DAYS_BETWEEN_JOINS * (members.length + 1));
  return db.transaction().execute(async (trx) => {
    const { stewardId, stewardHandle } = await createCommunity(
      trx,
      { ...community, steward_name: steward.name, steward_contact: steward.contact },
      passwordHash,
      start,
    );
    const placeOf = await seedPlaces(trx, places);
    const ids = new Map<string, number>([[steward.name, stewardId]]);
    const idOf = (name: string) => {
      const id = ids.get(name);
      if (id === undefined) throw new Error(`Demo data: "${name}" is used before they join.`);
      return id;
    };
    await seedStewardProfile(trx, stewardId, steward, placeOf(steward.place));
    for (const [index, member] of members.entries()) {
      const joined = addDays(start, DAYS_BETWEEN_JOINS * (index + 1));
      ids.set(
        member.name,
        await addDemoMember(trx, member, index + 1, { passwordHash, joined, now, stewardId, placeOf, idOf }),
      );
    }
    await seedGroups(trx, groups, idOf, { start, now });
    // The ledger first: listings are priced in its currencies, the Food group's too.
    await seedDemoLedger(trx, now, { transfers: town.ledgerTransfers });
    const listings = await seedDemoListings(trx, now, town.listings);
    return {
      stewardHandle,
      stewardContact: steward.contact,
      members: members.length + 1,
      pending: members.filter((m) => m.status === 'pending').length,
      groups: groups.length + 1,
      places: places.length,
      listings,
    };
  });
}

type PlaceOf = (name: string) => { id: number; lat: number; lon: number };

/** The town's villages, and a lookup from a village's name to its row (a name the data misspells is an error). */
async function seedPlaces(trx: DB, places: DemoTown['places']): Promise<PlaceOf> {
  for (const place of places) await insertPlace(trx, place);
  const placeIds = new Map((await findPlaces(trx)).map((p) => [p.name, p.id]));
  return (name) => {
    const id = placeIds.get(name);
    if (id === undefined) throw new Error(`Demo data: unknown place "${name}".`);
    return { id, ...places.find((p) => p.name === name)! };
  };
}

/** The first steward, made by setup, gets a profile whose name and about are public: visitors meet them first. */
async function seedStewardProfile(
  trx: DB,
  stewardId: number,
  steward: DemoTown['steward'],
  place: { id: number; lat: number; lon: number },
): Promise<void> {
  await updateProfile(trx, stewardId, {
    displayName: steward.name,
    kind: 'person',
    about: steward.about,
    values: steward.values,
    links: steward.links,
    location: { ...privatePoint(place, 0), placeId: place.id },
    visibility: { ...DEFAULT_VISIBILITY, name: 'everyone', about: 'everyone' },
  });
}

/** The town's groups, each under its parent (listed before it), with admins, members and requests to join. */
async function seedGroups(
  trx: DB,
  groups: readonly DemoGroup[],
  idOf: (name: string) => number,
  when: { start: Date; now: Date },
): Promise<void> {
  // The root, made by setup; the demo's groups are added as they are made.
  const groupIds = await findGroupIdsBySlug(trx);
  for (const group of groups) {
    const [firstAdmin, ...otherAdmins] = group.admins.map(idOf);
    const { name, slug, purpose, joinPolicy, visibility } = group;
    const parentId = groupIds.get(group.parent)!;
    const groupId = await insertGroup(
      trx,
      parentId,
      { name, slug, purpose, joinPolicy, visibility },
      firstAdmin!,
      when.start,
    );
    groupIds.set(group.slug, groupId);
    const put = (id: number, role: 'admin' | 'member', status: 'active' | 'requested', at: Date) =>
      putMembership(trx, groupId, id, { role, status }, at);
    for (const id of otherAdmins) await put(id, 'admin', 'active', when.start);
    for (const member of group.members) await put(idOf(member), 'member', 'active', when.start);
    for (const member of group.requested ?? []) await put(idOf(member), 'member', 'requested', when.now);
  }
}

interface DemoContext {
  passwordHash: string;
  joined: Date;
  /** The demo's present: no event in its history may come after it (the health page would call the clock wrong). */
  now: Date;
  stewardId: number;
  placeOf: PlaceOf;
  idOf(name: string): number;
}

/**
 * One member, through the join flow: a pending request, then its vouches (or the steward's approval), then their
 * profile.
 */
async function addDemoMember(trx: DB, member: DemoMember, seq: number, context: DemoContext): Promise<number> {
  const contact = parseContact(member.contact);
  if (!contact) throw new Error(`Demo data: "${member.contact}" is neither an email address nor a phone number.`);
  const place = context.placeOf(member.place);
  const location = { ...privatePoint(place, seq), placeId: place.id };
  const { id } = await insertMember(
    trx,
    {
      displayName: member.name,
      kind: member.kind,
      email: 'email' in contact ? contact.email : null,
      phone: 'phone' in contact ? contact.phone : null,
      passwordHash: context.passwordHash,
      status: 'pending',
      role: 'member',
      whyJoin: member.whyJoin,
      lat: location.lat,
      lon: location.lon,
      placeId: location.placeId,
      invitedBy: member.invitedBy ? context.idOf(member.invitedBy) : null,
    },
    context.joined,
  );
  for (const [n, vouch] of member.vouches.entries()) {
    await recordVouch(
      trx,
      { memberId: id, voucherId: context.idOf(vouch.by), relation: vouch.relation, note: vouch.note, inviteId: null },
      addDays(context.joined, n + 1),
    );
  }
  const settled = addDays(context.joined, member.vouches.length + 1);
  if (member.vouches.length === 0) {
    await setMemberStatus(trx, id, 'active', settled);
    await insertDecision(
      trx,
      {
        memberId: id,
        actorId: context.stewardId,
        decision: 'approved',
        reason: msg('members.decision.firstMembers'),
      },
      settled,
    );
  }
  if (member.status === 'suspended') {
    const suspended = new Date(Math.min(addDays(settled, 30).getTime(), addDays(context.now, -1).getTime()));
    await setMemberStatus(trx, id, 'suspended', suspended);
    await insertDecision(
      trx,
      { memberId: id, actorId: context.stewardId, decision: 'suspended', reason: member.reason ?? '' },
      suspended,
    );
  }
  await updateProfile(trx, id, {
    displayName: member.name,
    kind: member.kind,
    about: member.about,
    values: member.values,
    links: member.links,
    location,
    visibility: {
      ...DEFAULT_VISIBILITY,
      ...(member.kind === 'person' ? {} : { name: 'everyone' }),
      ...member.visibility,
    },
  });
  return id;
}

/**
 * An exact, private home point in the member's village: a few hundred metres
 * from its centre, in a direction that differs per member, so rounding to
 * ~200 m for others shows a spread rather than everyone on one spot.
 */
function privatePoint(place: { lat: number; lon: number }, seq: number): { lat: number; lon: number } {
  const angle = seq * 2.399; // the golden angle, in radians: neighbours never line up
  const distance = 0.002 + (seq % 4) * 0.0012; // degrees of latitude: ~200 m to ~600 m
  return {
    lat: Math.round((place.lat + distance * Math.sin(angle)) * 1e6) / 1e6,
    lon: Math.round((place.lon + (distance * Math.cos(angle)) / Math.cos((place.lat * Math.PI) / 180)) * 1e6) / 1e6,
  };
}
