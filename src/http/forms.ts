/**
 * What the edge keeps of forms: the submitted values a refused form is shown again with. Input is read against its
 * rules by `readInput` / `checkInput` in `src/lib/fields.ts`.
 */

/** Form field → what is wrong with it, in the reader's words. */
export type FieldErrors = Record<string, string>;

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
