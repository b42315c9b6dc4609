import { z } from 'zod';
import { deleteSessionsOfMember } from '../auth/sessions.queries.js';
import type { DB } from '../db/database.js';
import type { MemberDecision, MemberRole, MemberStatus } from '../members/members.table.js';
import type { Actor } from '../auth/actor.js';
import { optionalText } from '../lib/fields.js';
import { Conflict, Invalid, NotFound } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { findMemberByHandle, insertDecision, setMemberRole, setMemberStatus } from '../members/members.queries.js';
import { countActiveStewards, findMemberEntries, type MemberEntry } from './stewards.queries.js';

type StatusAction = { decision: MemberDecision; from: MemberStatus; to: MemberStatus; reasonRequired: boolean };
type RoleAction = { decision: MemberDecision; role: MemberRole; reasonRequired: false };

/** What a steward can decide about a member, as the last part of `/stewards/members/:handle/…`. */
export const STEWARD_ACTIONS = {
  approve: { decision: 'approved', from: 'pending', to: 'active', reasonRequired: false },
  decline: { decision: 'declined', from: 'pending', to: 'declined', reasonRequired: true },
  suspend: { decision: 'suspended', from: 'active', to: 'suspended', reasonRequired: true },
  reinstate: { decision: 'reinstated', from: 'suspended', to: 'active', reasonRequired: false },
  'make-steward': { decision: 'made_steward', role: 'steward', reasonRequired: false },
  'remove-steward': { decision: 'steward_removed', role: 'member', reasonRequired: false },
} as const satisfies Record<string, StatusAction | RoleAction>;

export type StewardAction = keyof typeof STEWARD_ACTIONS;

export function isStewardAction(name: string): name is StewardAction {
  return Object.hasOwn(STEWARD_ACTIONS, name);
}

export const decisionSchema = z.object({
  reason: optionalText({ notText: 'stewards.field.reason.notText', tooLong: 'stewards.field.reason.tooLong' }, 500),
});

/**
 * A steward's decision about a member, logged with who, when and why, in the
 * caller's transaction. Suspending ends all the member's sessions (their API
 * tokens stop working too, as they belong to an inactive member) and changes
 * nothing else, so reinstating restores them as they were.
 */
export async function decide(
  trx: DB,
  steward: Actor,
  handle: string,
  actionName: StewardAction,
  reason: string,
  now: Date,
): Promise<void> {
  const action: StatusAction | RoleAction = STEWARD_ACTIONS[actionName];
  if (action.reasonRequired && reason === '') throw new Invalid({ reason: msg('stewards.reason.required') });
  const member = await findMemberByHandle(trx, handle);
  if (!member) throw new NotFound(msg('stewards.noSuchMember'));
  const name = member.displayName;

  if ('from' in action) {
    if (member.status !== action.from)
      throw new Conflict(msg(`stewards.refused.wrongStatus.${member.status}`, { name }));
    if (member.id === steward.id) throw new Conflict(msg('stewards.refused.notYourself'));
    await setMemberStatus(trx, member.id, action.to, now);
    if (action.to === 'suspended') await deleteSessionsOfMember(trx, member.id);
  } else {
    if (member.status !== 'active')
      throw new Conflict(msg(`stewards.refused.roleOfInactive.${member.status}`, { name }));
    if (member.role === action.role) {
      const already = action.role === 'steward' ? 'alreadySteward' : 'alreadyNotSteward';
      throw new Conflict(msg(`stewards.refused.${already}`, { name }));
    }
    if (action.role === 'member' && (await countActiveStewards(trx)) <= 1) {
      throw new Conflict(msg('stewards.refused.lastSteward', { name }));
    }
    await setMemberRole(trx, member.id, action.role);
  }
  await insertDecision(trx, { memberId: member.id, actorId: steward.id, decision: action.decision, reason }, now);
}

/** Enough to scan on a phone; a search or the status filter finds anyone else. */
const MEMBERS_PER_PAGE = 25;

/** What the stewards' members list shows: the URL's `q`, `status` and `page`. */
export interface MemberListQuery {
  q: string;
  /** Null for everyone but the declined. */
  status: MemberStatus | null;
  /** From 1. */
  page: number;
}

export interface MembersPage extends MemberListQuery {
  members: MemberEntry[];
  total: number;
  pages: number;
}

/**
 * One page of the members list. A page past the end shows the last one: after
 * a decision takes someone out of a filtered list, the steward lands on the
 * page they were on, or on the new last page when theirs emptied.
 */
export async function findMembersPage(db: DB, query: MemberListQuery): Promise<MembersPage> {
  const pageOf = (page: number) =>
    findMemberEntries(db, {
      q: query.q,
      status: query.status,
      limit: MEMBERS_PER_PAGE,
      offset: (page - 1) * MEMBERS_PER_PAGE,
    });
  let page = query.page;
  let found = await pageOf(page);
  const pages = Math.max(1, Math.ceil(found.total / MEMBERS_PER_PAGE));
  if (page > pages) {
    page = pages;
    found = await pageOf(page);
  }
  return { ...query, page, pages, ...found };
}

/** The list's address parameters, leaving out defaults: its links, and the hidden fields a decision carries back. */
export function listParams(query: MemberListQuery): Record<string, string> {
  const params: Record<string, string> = {};
  if (query.q !== '') params.q = query.q;
  if (query.status !== null) params.status = query.status;
  if (query.page > 1) params.page = String(query.page);
  return params;
}

/** The address of the list as `query` has it: where a decision returns the steward. */
export function listUrl(query: MemberListQuery): string {
  const search = new URLSearchParams(listParams(query)).toString();
  return search === '' ? '/stewards' : `/stewards?${search}`;
}
