import type { z } from 'zod';
import type { DB } from '../db/database.js';
import { immediateTransaction } from '../db/immediate.js';
import { refusalOf } from './errors.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { type FieldErrors, submittedValues } from './forms.js';
import { seeOther } from './render.js';
import type { AppRouter, RouteContext } from './router.js';

/** A form shown again: what the member typed, what is wrong (field → words; `_form`: the whole form), the status. */
export interface FormState {
  readonly values: Record<string, string>;
  readonly errors: FieldErrors;
  readonly status: number;
}

export interface FormActionSpec<S extends z.ZodType, Subject> {
  readonly db: DB;
  /** The body's rules; its messages are catalogue keys (see `readInput` in forms.ts). */
  readonly schema: S;
  /**
   * What the form is about (a listing, a group), read before the input is checked, outside the transaction. Its errors
   * are not the form's: a NotFound here is the 404 page, a SignInRequired the sign-in form. Usually also where the
   * actor is required.
   */
  readonly load?: (ctx: RouteContext) => Promise<Subject>;
  /**
   * The use case, in one transaction (`trx`): answers where to go next (POST → 303 → GET, so a reload never submits
   * twice). A DomainError thrown here refuses the form.
   */
  readonly run: (trx: DB, input: z.output<S>, subject: Subject, ctx: RouteContext) => Promise<string>;
  /** Shows the form's page again with the member's input, the reasons and the status (422, 409, ...). */
  readonly showForm: (ctx: RouteContext, subject: Subject, form: FormState) => Promise<void>;
  /**
   * `immediate` takes SQLite's write lock at once (`src/db/immediate.ts`), for use cases that read and then write on
   * what they read (a balance against a limit); `deferred` (the default) is kysely's plain transaction.
   */
  readonly transaction?: 'deferred' | 'immediate';
  /**
   * How to answer once `run` succeeded, given the location it named; 303 there when absent. For forms that htmx
   * posts and that answer with the fragment to swap (a group's membership panel).
   */
  readonly done?: (ctx: RouteContext, location: string) => Promise<void>;
}

/**
 * Registers `POST path`: the whole life of a form, so a route says only what is particular to it.
 *
 *   formAction(router, '/listings/:id/renew', {
 *     db,
 *     schema: z.object({}),
 *     load: (ctx) => visibleListing(db, requireMember(ctx.state.actor), ctx.params.id, deps.now()),
 *     run: async (trx, _input, listing, ctx) => {
 *       await renewListing(trx, requireMember(ctx.state.actor), listing, deps.now());
 *       return `/listings/${listing.id}`;
 *     },
 *     showForm: (ctx, listing, form) => showListing(ctx, listing, form),
 *   });
 *
 * 1. `load` reads what the form is about (its errors are pages: 404, sign-in);
 * 2. the body is checked against `schema`: on failure the form comes back (422) with the member's input and one
 *    message per field, in the member's language;
 * 3. `run` does the use case in one transaction and names the page to go to: 303 there;
 * 4. a refusal thrown by `run` (a DomainError, or a client error koa raised by status) rolls back and shows the form
 *    again with the input and the reason: the fields it names beside their inputs, else its message as `errors._form`,
 *    with its status (409 a conflict, 422 invalid, 403, 404, 429). Only SignInRequired is left to the error
 *    middleware (the sign-in page); anything else thrown is a bug (500).
 *
 * Passwords and the CSRF token are never sent back into a form (`submittedValues`).
 */
export function formAction<S extends z.ZodType, Subject = undefined>(
  router: AppRouter,
  path: string,
  spec: FormActionSpec<S, Subject>,
): void {
  router.post(path, async (ctx) => {
    const subject = spec.load ? await spec.load(ctx) : (undefined as Subject);
    const values = submittedValues(ctx.request.body);
    const read = readInput(spec.schema, ctx.request.body);
    if (!read.ok) {
      return spec.showForm(ctx, subject, { values, errors: fieldWords(read.problems, ctx.state.t), status: 422 });
    }
    let location: string;
    try {
      const run = (trx: DB) => spec.run(trx, read.value, subject, ctx);
      location =
        spec.transaction === 'immediate'
          ? await immediateTransaction(spec.db, run)
          : await spec.db.transaction().execute(run);
    } catch (error) {
      const refusal = refusalOf(error, ctx.state.t);
      if (!refusal || refusal.status === 401) throw error;
      const errors =
        refusal.fields && Object.keys(refusal.fields).length > 0 ? refusal.fields : { _form: refusal.message };
      return spec.showForm(ctx, subject, { values, errors, status: refusal.status });
    }
    if (spec.done) return spec.done(ctx, location);
    seeOther(ctx, location);
  });
}
