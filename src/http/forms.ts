import { z } from 'zod';
import { ValidationError } from './errors.js';

/**
 * Field rules shared by every form and API body. Each message names the field,
 * so a form can show it beside the input and the API can return it in `fields`.
 */

// Control characters other than tab and newlines never belong in text a person typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanText(label: string, max: number) {
  return z
    .string({ error: `${label} must be text.` })
    .transform((s) => s.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, `${label} can be at most ${max} characters.`));
}

export function requiredText(label: string, max: number) {
  return cleanText(label, max).pipe(z.string().min(1, `${label} is required.`));
}

export function optionalText(label: string, max: number) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), cleanText(label, max));
}

export function choice<const T extends readonly [string, ...string[]]>(
  label: string,
  values: T,
  describe = values.join(', '),
) {
  return z.enum(values, { error: `${label} must be one of: ${describe}.` });
}

/** A whole number typed into a form (a string) or sent as a JSON number. */
export function wholeNumber(label: string, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z
      .number({ error: `${label} must be a whole number.` })
      .int(`${label} must be a whole number.`)
      .min(min, `${label} must be at least ${min}.`)
      .max(max, `${label} must be at most ${max}.`),
  );
}

/** A checkbox (absent, "on" or "1") or a JSON boolean. */
export function checkbox(label: string) {
  return z.preprocess(
    (v) => {
      if (v === undefined || v === null) return false;
      if (typeof v !== 'string') return v;
      const word = v.trim().toLowerCase();
      return ['1', 'on', 'true', 'yes'].includes(word)
        ? true
        : ['', '0', 'off', 'false', 'no'].includes(word)
          ? false
          : v;
    },
    z.boolean({ error: `${label} must be true or false.` }),
  );
}

/** A decimal coordinate typed into a form or sent as a JSON number. */
export function coordinate(label: string, limit: 90 | 180) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
    z
      .number({ error: `${label} must be a number such as ${limit === 90 ? '52.3765' : '1.1077'}.` })
      .min(-limit, `${label} must be between -${limit} and ${limit}.`)
      .max(limit, `${label} must be between -${limit} and ${limit}.`),
  );
}

export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Validates input against a schema; on failure, one message per field (the first problem found). */
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
