import type { MemberRole, MemberStatus } from '../members/members.table.js';
import { Forbidden, SignInRequired } from '../lib/errors.js';
import { msg } from '../lib/messages.js';

/**
 * The member making the request: recognised by the session middleware (`src/auth/session.ts`) from a browser's session
 * cookie or an API token, kept as `ctx.state.actor` (null for a visitor), and handed to the domain by that one name:
 * every use case takes `actor: Actor` (or `actor: Actor | null` where visitors may ask too).
 *
 * What a reader may see is a different question with its own types (`ListingViewer`, the groups' `Viewer`), derived
 * from the actor.
 */
export interface Actor {
  readonly id: number;
  readonly handle: string;
  readonly displayName: string;
  readonly role: MemberRole;
  readonly status: MemberStatus;
  /**
   * The language the member chose (`en`, `fr`), read with the session or token so that choosing each request's
   * language costs no query; null or absent follows their browser.
   */
  readonly locale?: string | null;
}

/** The signed-in member, or SignInRequired (a page asked by GET redirects to the sign-in form; others answer 401). */
export function requireMember(actor: Actor | null): Actor {
  if (!actor) throw new SignInRequired();
  return actor;
}

/** The signed-in member if they are a steward; else SignInRequired or Forbidden. */
export function requireSteward(actor: Actor | null): Actor {
  const member = requireMember(actor);
  if (member.role !== 'steward') throw new Forbidden(msg('common.errors.stewardsOnly'));
  return member;
}
