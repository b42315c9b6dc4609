import { type Message, msg } from './messages.js';

/**
 * The errors domain code throws: small, named, status-free. `src/http/errors.ts` holds the one mapping from these to
 * HTTP statuses and pages; the CLI maps them to exit codes. Each carries a `Message` (a catalogue key and its values),
 * never the words themselves, so the reader's language is chosen where the error is shown.
 *
 * Anything else thrown is a bug: logged, and shown as "something went wrong" with no details.
 */
export abstract class DomainError extends Error {
  /** A stable English code for the JSON API (`not_found`, `invalid`, ...). */
  abstract readonly code: string;

  constructor(readonly reason: Message) {
    // The key, not words: what reaches a log is stable and holds no member's data.
    super(reason.key);
    this.name = new.target.name;
  }
}

/** What was asked for does not exist, or the asker may not know that it does (answered the same way on purpose). */
export class NotFound extends DomainError {
  readonly code = 'not_found';
  constructor(reason: Message = msg('common.errors.notFound')) {
    super(reason);
  }
}

/** The asker is known and may see the thing, but may not do this to it. `code` tells an API client why (`csrf`). */
export class Forbidden extends DomainError {
  readonly code: string;
  constructor(reason: Message = msg('common.errors.forbidden'), code = 'forbidden') {
    super(reason);
    this.code = code;
  }
}

/** Only a signed-in member may do this. `code` tells an API client why (`invalid_token`: sign in anew). */
export class SignInRequired extends DomainError {
  readonly code: string;
  constructor(reason: Message = msg('common.errors.signInRequired'), code = 'unauthenticated') {
    super(reason);
    this.code = code;
  }
}

/** The request is well formed but the state of things refuses it (already done, over a limit, frozen, ...). */
export class Conflict extends DomainError {
  readonly code: string;
  constructor(
    reason: Message,
    /** Extra facts for the API answer, e.g. `{ available: '12:00' }` when a payment is over the limit. */
    readonly details?: Readonly<Record<string, string | number>>,
    code = 'conflict',
  ) {
    super(reason);
    this.code = code;
  }
}

/** Input that breaks a rule; `fields` maps each form field to what is wrong with it. */
export class Invalid extends DomainError {
  readonly code = 'invalid';
  constructor(
    readonly fields: Readonly<Record<string, Message>>,
    reason: Message = msg('common.errors.invalid'),
  ) {
    super(reason);
  }
}

/** Too many attempts in too short a time (sign-in, join, ...); `retryAt` says when to try again. */
export class LimitReached extends DomainError {
  readonly code = 'too_many_requests';
  constructor(
    reason: Message,
    readonly retryAt?: Date,
  ) {
    super(reason);
  }
}

/** What a refusal says about each field (an `Invalid`'s `fields`); none for any other error. */
export function fieldsOf(error: DomainError): Readonly<Record<string, Message>> {
  return error instanceof Invalid ? error.fields : {};
}
