import type { MemberCard, Profile } from '../members/profiles.js';

/**
 * How members look in the JSON API: snake_case like the rest of the API, and
 * spelled out field by field so the API stays the same when the types inside
 * the box change. A field the viewer may not see is absent, never empty; which
 * fields those are is decided in `members/profiles.ts`, not here.
 */
export function memberCardJson(card: MemberCard) {
  return {
    handle: card.handle,
    display_name: card.displayName,
    kind: card.kind,
    ...(card.about !== undefined && { about: card.about }),
    ...(card.values !== undefined && { values: card.values }),
    ...(card.location !== undefined && {
      location: { lat: card.location.lat, lon: card.location.lon, place: card.location.place },
    }),
  };
}

const personJson = (person: { handle: string; displayName: string } | null) =>
  person ? { handle: person.handle, display_name: person.displayName } : null;

export function profileJson(profile: Profile) {
  return {
    ...memberCardJson(profile),
    status: profile.status,
    role: profile.role,
    member_since: profile.memberSince,
    ...(profile.links !== undefined && { links: profile.links }),
    ...(profile.contact !== undefined && { contact: { email: profile.contact.email, phone: profile.contact.phone } }),
    ...(profile.invitedBy !== undefined && { invited_by: personJson(profile.invitedBy) }),
    ...(profile.vouchedBy !== undefined && {
      vouched_by: profile.vouchedBy.map((v) => ({ by: personJson(v.by), relation: v.relation, note: v.note })),
    }),
    ...(profile.whyJoin !== undefined && { why_join: profile.whyJoin }),
    ...(profile.visibility !== undefined && { visibility: { ...profile.visibility } }),
  };
}
