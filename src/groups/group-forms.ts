import { z } from 'zod';
import type { DB } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { cleanTyped } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { isReservedSlug, SLUG_MAX, slugFrom, type Viewer, type VisibleGroup } from './groups.js';
import { findVisibleGroups, freeSlug, freeSlugFor, type GroupFields } from './groups.queries.js';
import type { GroupRole, GroupVisibility, JoinPolicy } from './groups.table.js';

/**
 * What the groups' forms send, and their rules. Each message is a key of the groups' catalogue (`readInput` in
 * src/http/forms.ts turns them into the reader's words).
 */

const JOIN_POLICIES = ['open', 'request', 'invite'] as const satisfies readonly JoinPolicy[];
const GROUP_VISIBILITIES = ['everyone', 'members', 'group'] as const satisfies readonly GroupVisibility[];
const GROUP_ROLES = ['admin', 'member'] as const satisfies readonly GroupRole[];
const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

type TextMessages = { text: string; tooLong: string };

/** Typed text, cleaned as every field is (`cleanTyped`), at most `max` characters. */
function cleanText(max: number, messages: TextMessages) {
  return z.string({ error: messages.text }).transform(cleanTyped).pipe(z.string().max(max, messages.tooLong));
}

/** Like `cleanText`, but absent is empty. */
function text(max: number, messages: TextMessages) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), cleanText(max, messages));
}

const slugField = text(SLUG_MAX, { text: 'groups.field.slugText', tooLong: 'groups.field.slugTooLong' })
  .refine((s) => s === '' || SLUG_PATTERN.test(s), 'groups.field.slugForm')
  .refine((s) => !isReservedSlug(s), 'groups.field.slugReserved');

/** What the new-group and edit forms send; an empty slug means "make one from the name". */
export const groupSchema = z.object({
  name: cleanText(80, { text: 'groups.field.nameText', tooLong: 'groups.field.nameTooLong' }).pipe(
    z.string().min(1, 'groups.field.nameRequired'),
  ),
  slug: slugField,
  purpose: text(2000, { text: 'groups.field.purposeText', tooLong: 'groups.field.purposeTooLong' }),
  join_policy: z.enum(JOIN_POLICIES, { error: 'groups.field.joinPolicy' }),
  visibility: z.enum(GROUP_VISIBILITIES, { error: 'groups.field.visibility' }),
});

/** The root is the community: its name, web address and way of joining (vouching) belong to the community itself. */
export const rootGroupSchema = z.object({
  purpose: groupSchema.shape.purpose,
  // For the root, "its own members" would be every member: the same as `members`.
  visibility: z.enum(['everyone', 'members'], { error: 'groups.field.rootVisibility' }),
});

export type GroupInput = z.output<typeof groupSchema>;

export const roleSchema = z.object({ role: z.enum(GROUP_ROLES, { error: 'groups.field.role' }) });

/** A handle as people type it: "@Jo-Smith" means jo-smith. */
const typedHandle = (messages: TextMessages) => text(40, messages).transform((h) => h.replace(/^@/, '').toLowerCase());

export const inviteSchema = z.object({
  handle: typedHandle({ text: 'groups.field.handleText', tooLong: 'groups.field.handleTooLong' }).refine(
    (h) => h !== '',
    'groups.field.handleRequired',
  ),
});

/** The last admin names who takes over as they leave. */
export const leaveSchema = z.object({
  successor: typedHandle({ text: 'groups.field.successorText', tooLong: 'groups.field.successorTooLong' }),
});

/**
 * The stored fields for a new or edited group. A typed slug that a group the
 * member can see already has is refused; an empty one is made from the name
 * (an edit keeps its own if the name still gives it).
 *
 * A typed slug that only a group hidden from the member has must not confirm
 * that group, so it is answered as a free one would be: the group is saved
 * and no word says "taken", but at the first free "<slug>-2" (slugs are the
 * groups' web addresses, so two groups cannot share one). Saying "taken"
 * would name the hidden group's address outright; giving the member exactly
 * the slug they asked for would need slugs that differ per viewer, which
 * every link to a group would then have to resolve. Every typed slug takes
 * this same path (the visible groups walked, then `freeSlug`), so neither
 * the answer nor its timing depends on whether a hidden group holds it.
 */
export async function groupFields(
  db: DB,
  viewer: Viewer,
  input: GroupInput,
  current?: VisibleGroup,
): Promise<GroupFields> {
  let slug = input.slug;
  if (slug) {
    const holder = (await findVisibleGroups(db, viewer)).find(slug);
    if (holder && holder.id !== current?.id) throw new Invalid({ slug: msg('groups.errors.slugTaken') });
    if (slug !== current?.slug) slug = await freeSlug(db, slug);
  } else slug = current && slugFrom(input.name) === current.slug ? current.slug : await freeSlugFor(db, input.name);
  return {
    name: input.name,
    slug,
    purpose: input.purpose,
    joinPolicy: input.join_policy,
    visibility: input.visibility,
  };
}
