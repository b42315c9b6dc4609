import type { AppState, CurrentMember } from './context.js';
import { ForbiddenError, SignInRequiredError } from './errors.js';

/** The signed-in active member, or a 401 (pages redirect GETs to the sign-in form). */
export function requireMember(state: AppState): CurrentMember {
  if (!state.member) throw new SignInRequiredError();
  return state.member;
}

/** The signed-in member if they are a steward, or 401/403. */
export function requireSteward(state: AppState): CurrentMember {
  const member = requireMember(state);
  if (member.role !== 'steward') throw new ForbiddenError('Only stewards can do that.');
  return member;
}
