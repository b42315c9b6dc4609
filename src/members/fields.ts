import { z } from 'zod';

/**
 * Field rules for the members' forms whose messages are catalogue keys (`members.field.*`), read by `readInput` in
 * src/http/forms.ts: a key per field and rule, since a French sentence does not take a field's name the way an
 * English one does. A value of the wrong type (an API client's list or object) gets the common generic sentence.
 */

// Control characters other than tab and newlines never belong in text a person typed.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

function cleanText(max: number, tooLong: string) {
  return z
    .string()
    .transform((s) => s.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n').trim())
    .pipe(z.string().max(max, tooLong));
}

export function requiredText(max: number, keys: { required: string; tooLong: string }) {
  return cleanText(max, keys.tooLong).pipe(z.string().min(1, keys.required));
}

export function optionalText(max: number, tooLong: string) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), cleanText(max, tooLong));
}

export function choice<const T extends readonly [string, ...string[]]>(values: T, key: string) {
  return z.enum(values, { error: key });
}

/** A whole number typed into a form (a string) or sent as a JSON number. */
export function wholeNumber(min: number, max: number, keys: { whole: string; min: string; max: string }) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: keys.whole }).int(keys.whole).min(min, keys.min).max(max, keys.max),
  );
}

/** A decimal coordinate typed into a form or sent as a JSON number. */
export function coordinate(limit: 90 | 180, keys: { form: string; range: string }) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
    z.number({ error: keys.form }).min(-limit, keys.range).max(limit, keys.range),
  );
}
