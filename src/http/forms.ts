import type { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * What the edge keeps of forms: the submitted values to re-render a form with, and the old English-words reading
 * (`parseInput`, `parseOrThrow`) that the feature folders are leaving for `readInput` / `checkInput` in
 * `src/lib/fields.ts`.
 */

/** Form field → what is wrong with it, in the reader's words. */
export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * Validates input against a schema; on failure, one message per field (the first problem found), as the schema wrote
 * it (English words). Kept while the feature folders move to `readInput`, whose schemas name catalogue keys.
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): Parsed<z.output<S>> {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const errors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}

/** Like `parseInput`, but throws a `ValidationError` (422) for the API. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = parseInput(schema, input);
  if (!parsed.ok) throw new ValidationError(parsed.errors);
  return parsed.value;
}

/** The request body as a plain record of submitted values, for re-rendering a form. */
export function submittedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [key, value] of Object.entries(body)) {
      if (typeof value === 'string' && key !== '_csrf' && !/password/i.test(key)) values[key] = value;
    }
  }
  return values;
}
