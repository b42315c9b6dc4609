import { z } from 'zod';
import type { DB } from '../db/database.js';
import type { MemberKind, MemberRole, MemberStatus, Visibility, VouchRelation } from './members.table.js';
import type { Actor } from '../auth/actor.js';
import { choice, optionalText, requiredText } from '../lib/fields.js';
import { roundLocation, type LatLon } from './location.js';
import {
  findMemberByHandle,
  findMemberById,
  findMembersWithStatus,
  findValuesOf,
  searchActiveMembers,
} from './members.queries.js';
import {
  canSee,
  viewerReach,
  VISIBILITIES,
  visibleLevels,
  type FieldVisibility,
  type MemberRecord,
  type ViewerReach,
} from './members.js';
import { kindField } from './joining.js';
import { findVouchesFor } from './vouches.queries.js';

/**
 * What one viewer may know about members. Every page and the JSON API go
 * through these functions, so the rules live in one place: a field shows only
 * if its visibility reaches the viewer (the owner sees all of their own), a
 * location is only ever rounded, and a hidden field is absent, not empty.
 */

export interface PersonRef {
  handle: string;
  displayName: string;
}

/** Rounded to about 200 m: the place's name when they picked one from the list. */
export interface ShownLocation extends LatLon {
  place: string | null;
}

/** A member as listed in the directory. */
export interface MemberCard extends PersonRef {
  kind: MemberKind;
  about?: string;
  values?: string[];
  location?: ShownLocation;
}

/** A member's profile as one viewer may see it. */
export interface Profile extends MemberCard {
  status: MemberStatus;
  role: MemberRole;
  memberSince: string | null;
  links?: string[];
  contact?: { email: string | null; phone: string | null };
  /** To members: who invited them (null when nobody did, or the inviter's name is hidden). */
  invitedBy?: PersonRef | null;
  /** To members: who vouched; `by` is null when the voucher's name is hidden from the viewer. */
  vouchedBy?: { by: PersonRef | null; relation: VouchRelation; note: string }[];
  /** To stewards, for a request or a member who is not active. */
  whyJoin?: string;
  /** To the owner: who sees each field. */
  visibility?: FieldVisibility;
}

export interface DirectoryPage {
  members: MemberCard[];
  q: string;
  page: number;
  pages: number;
  total: number;
}

const DIRECTORY_PAGE_SIZE = 20;

function reachOf(actor: Actor | null, memberId: number): ViewerReach {
  return viewerReach(actor?.id ?? null, memberId);
}

/** Where a member is, as anyone but the member may see it. */
export function shownLocation(member: { placeName: string | null; location: LatLon }): ShownLocation {
  return { place: member.placeName, ...roundLocation(member.location) };
}

function toCard(member: MemberRecord, values: string[], reach: ViewerReach): MemberCard {
  const card: MemberCard = { handle: member.handle, displayName: member.displayName, kind: member.kind };
  if (canSee(reach, member.visibility.about)) card.about = member.about;
  if (canSee(reach, member.visibility.values)) card.values = values;
  if (canSee(reach, member.visibility.location)) card.location = shownLocation(member);
  return card;
}

/** Active members the viewer may see, matching `q`, one page (from 1) at a time. */
export async function findDirectory(db: DB, actor: Actor | null, q: string, page: number): Promise<DirectoryPage> {
  const { members, total } = await searchActiveMembers(db, {
    levels: visibleLevels(actor ? 'members' : 'everyone'),
    viewerId: actor?.id ?? null,
    q,
    limit: DIRECTORY_PAGE_SIZE,
    offset: (page - 1) * DIRECTORY_PAGE_SIZE,
  });
  const values = await findValuesOf(
    db,
    members.map((m) => m.id),
  );
  return {
    members: members.map((m) => toCard(m, values.get(m.id)!, reachOf(actor, m.id))),
    q,
    page,
    pages: Math.max(1, Math.ceil(total / DIRECTORY_PAGE_SIZE)),
    total,
  };
}

/**
 * The profile of `handle` as the viewer may see it, or null when they may not
 * see it at all: active members whose name reaches the viewer; members who are
 * not active, to stewards only.
 */
export async function findProfile(db: DB, actor: Actor | null, handle: string): Promise<Profile | null> {
  const member = await findMemberByHandle(db, handle);
  if (!member) return null;
  const reach = reachOf(actor, member.id);
  const visible = member.status === 'active' ? canSee(reach, member.visibility.name) : actor?.role === 'steward';
  if (!visible) return null;

  const values = (await findValuesOf(db, [member.id])).get(member.id)!;
  const profile: Profile = {
    ...toCard(member, values, reach),
    status: member.status,
    role: member.role,
    memberSince: member.activatedAt,
  };
  if (canSee(reach, member.visibility.links)) profile.links = member.links;
  if (canSee(reach, member.visibility.contact)) profile.contact = { email: member.email, phone: member.phone };
  if (reach !== 'everyone') {
    const nameShown = (person: {
      id: number;
      handle: string;
      displayName: string;
      nameVisibility: Visibility;
      status: MemberStatus;
    }): PersonRef | null =>
      person.status === 'active' && (person.id === actor!.id || canSee('members', person.nameVisibility))
        ? { handle: person.handle, displayName: person.displayName }
        : null;
    const inviter = member.invitedBy === null ? null : await findMemberById(db, member.invitedBy);
    profile.invitedBy = inviter ? nameShown({ ...inviter, nameVisibility: inviter.visibility.name }) : null;
    const vouches = (await findVouchesFor(db, [member.id])).get(member.id)!;
    profile.vouchedBy = vouches.map((v) => ({ by: nameShown(v.voucher), relation: v.relation, note: v.note }));
  }
  if (member.status !== 'active') profile.whyJoin = member.whyJoin;
  if (reach === 'me') profile.visibility = member.visibility;
  return profile;
}

export interface JoinRequestView extends PersonRef {
  kind: MemberKind;
  whyJoin: string;
  location: ShownLocation;
  createdAt: string;
  vouches: number;
  vouchedByViewer: boolean;
}

/** Pending requests, oldest first, as active members see them to decide whether to vouch. */
export async function findJoinRequests(db: DB, actor: Actor): Promise<JoinRequestView[]> {
  const pending = await findMembersWithStatus(db, ['pending']);
  const vouches = await findVouchesFor(
    db,
    pending.map((m) => m.id),
  );
  return pending.map((m) => {
    const received = vouches.get(m.id)!;
    return {
      handle: m.handle,
      displayName: m.displayName,
      kind: m.kind,
      whyJoin: m.whyJoin,
      location: shownLocation(m),
      createdAt: m.createdAt,
      vouches: received.length,
      vouchedByViewer: received.some((v) => v.voucher.id === actor.id),
    };
  });
}

const MAX_VALUES = 20;
const MAX_VALUE_LENGTH = 40;
const MAX_LINKS = 5;

/** Who sees one part of a profile: its message names the part (`members.field.visibility.about`). */
const visibilityField = (part: string) => choice({ choose: `members.field.visibility.${part}` }, VISIBILITIES);

/** The profile form, apart from its location fields (see `locationSchema`). */
export const profileSchema = z.object({
  display_name: requiredText({ required: 'members.field.nameRequired', tooLong: 'members.field.nameTooLong' }, 80),
  kind: kindField,
  about: optionalText({ tooLong: 'members.field.aboutTooLong' }, 2000),
  values: optionalText({ tooLong: 'members.field.valuesTooLong' }, 2000).transform((text, ctx) => {
    const values = [
      ...new Set(
        text
          .split(',')
          .map((v) => v.replace(/\s+/g, ' ').trim().toLowerCase())
          .filter(Boolean),
      ),
    ];
    const tooLong = values.find((v) => v.length > MAX_VALUE_LENGTH);
    if (tooLong)
      ctx.addIssue({
        code: 'custom',
        message: 'members.field.valueTooLong',
        params: { max: MAX_VALUE_LENGTH, value: tooLong.slice(0, 50) },
      });
    else if (values.length > MAX_VALUES)
      ctx.addIssue({ code: 'custom', message: 'members.field.tooManyValues', params: { max: MAX_VALUES } });
    return values;
  }),
  links: optionalText({ tooLong: 'members.field.linksTooLong' }, 3000).transform((text, ctx) => {
    const links = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    if (links.length > MAX_LINKS)
      ctx.addIssue({ code: 'custom', message: 'members.field.tooManyLinks', params: { max: MAX_LINKS } });
    const parsed = links.map((link) => (URL.canParse(link) ? new URL(link) : null));
    const bad = links.find(
      (link, i) => !parsed[i] || !['http:', 'https:'].includes(parsed[i].protocol) || link.length > 500,
    );
    if (bad !== undefined)
      ctx.addIssue({ code: 'custom', message: 'members.field.linkForm', params: { link: bad.slice(0, 60) } });
    return parsed.map((url) => url?.href ?? '');
  }),
  name_visibility: visibilityField('name'),
  about_visibility: visibilityField('about'),
  values_visibility: visibilityField('values'),
  links_visibility: visibilityField('links'),
  location_visibility: visibilityField('location'),
  contact_visibility: visibilityField('contact'),
});

/** The profile form filled with what is stored, for the owner to edit (exact location included: it is theirs). */
export async function profileFormValues(db: DB, member: MemberRecord): Promise<Record<string, string>> {
  const values = (await findValuesOf(db, [member.id])).get(member.id)!;
  const placed = member.location.placeId !== null;
  return {
    display_name: member.displayName,
    kind: member.kind,
    about: member.about,
    values: values.join(', '),
    links: member.links.join('\n'),
    place_id: placed ? String(member.location.placeId) : '',
    lat: placed ? '' : String(member.location.lat),
    lon: placed ? '' : String(member.location.lon),
    name_visibility: member.visibility.name,
    about_visibility: member.visibility.about,
    values_visibility: member.visibility.values,
    links_visibility: member.visibility.links,
    location_visibility: member.visibility.location,
    contact_visibility: member.visibility.contact,
  };
}
