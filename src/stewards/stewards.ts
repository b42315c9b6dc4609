import { z } from 'zod';
import { deleteSessionsOfMember } from '../auth/sessions.queries.js';
import type { DB, MemberDecision, MemberRole, MemberStatus } from '../db/database.js';
import type { CurrentMember } from '../http/context.js';
import { ConflictError, NotFoundError, ValidationError } from '../http/errors.js';
import { optionalText } from '../http/forms.js';
import { findMemberByHandle, insertDecision, setMemberRole, setMemberStatus } from '../members/members.queries.js';
import { countActiveStewards } from './stewards.queries.js';

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

export const decisionSchema = z.object({ reason: optionalText('Reason', 500) });

const STATUS_WORDS: Record<MemberStatus, string> = { pending: 'waiting for vouches', active: 'an active member', declined: 'declined', suspended: 'suspended' };

/**
 * A steward's decision about a member, logged with who, when and why, in the
 * caller's transaction. Suspending ends all the member's sessions (their API
 * tokens stop working too, as they belong to an inactive member) and changes
 * nothing else, so reinstating restores them as they were.
 */
export async function decide(trx: DB, steward: CurrentMember, handle: string, actionName: StewardAction, reason: string, now: Date): Promise<void> {
  const action: StatusAction | RoleAction = STEWARD_ACTIONS[actionName];
  if (action.reasonRequired && reason === '') throw new ValidationError({ reason: 'Give a reason: it is kept in the decisions log.' });
  const member = await findMemberByHandle(trx, handle);
  if (!member) throw new NotFoundError('There is no member with that handle.');

  if ('from' in action) {
    if (member.status !== action.from) throw new ConflictError(`${member.displayName} is ${STATUS_WORDS[member.status]}, so that cannot be done now.`);
    if (member.id === steward.id) throw new ConflictError('You cannot suspend yourself; ask another steward.');
    await setMemberStatus(trx, member.id, action.to, now);
    if (action.to === 'suspended') await deleteSessionsOfMember(trx, member.id);
  } else {
    if (member.status !== 'active') throw new ConflictError(`${member.displayName} is ${STATUS_WORDS[member.status]}; only active members can change role.`);
    if (member.role === action.role) throw new ConflictError(`${member.displayName} is already ${action.role === 'steward' ? 'a steward' : 'not a steward'}.`);
    if (action.role === 'member' && (await countActiveStewards(trx)) <= 1) {
      throw new ConflictError(`${member.displayName} is the last steward: make someone else a steward first.`);
    }
    await setMemberRole(trx, member.id, action.role);
  }
  await insertDecision(trx, { memberId: member.id, actorId: steward.id, decision: action.decision, reason }, now);
}
