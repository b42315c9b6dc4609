import { z } from 'zod';
import { Invalid } from './errors.js';
import { type Message, type MessageValue, msg } from './messages.js';

/**
 * Field rules shared by every form, API body and CLI argument, and the reading of input against them. Each message
 * names the field, so a form can show it beside the input and the API can return it in `fields`. Domain code
 * (features, the CLI) writes its schemas with these; only the edge (`src/http/`) turns the problems into words.
 */

// Control characters other than tab and newlines never belong in text a person typed; nor do the invisible bidi
// embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): one left open in a name or a description turns
// round what the page writes after it, an amount included. The marks (U+200E, U+200F) stay, for right-to-left writing.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u202A-\u202E\u2066-\u2069]/g;

/** Typed text as the box keeps it: without control characters, its line ends `\n`, trimmed. */
export function cleanTyped(text: string): string {
  return text.replace(CONTROL_CHARACTERS, '').replace(/\r\n?/g, '\n').trim();
}

/**
 * A text field's messages as catalogue keys (see `readInput` below); `tooLong` may use `{max}`. Without `notText`, a
 * value that is not text gets the common generic sentence; without `required`, `common.field.required`.
 */
export interface TextMessages {
  readonly notText?: string;
  readonly tooLong: string;
  readonly required?: string;
}

function textMessages(messages: TextMessages): TextMessages & { required: string } {
  return { required: 'common.field.required', ...messages };
}

function cleanText(messages: TextMessages, max: number) {
  return z.string({ error: messages.notText }).transform(cleanTyped).pipe(z.string().max(max, messages.tooLong));
}

export function requiredText(keys: TextMessages, max: number) {
  const messages = textMessages(keys);
  return cleanText(messages, max).pipe(z.string().min(1, messages.required));
}

export function optionalText(keys: TextMessages, max: number) {
  return z.preprocess((v) => (v === undefined || v === null ? '' : v), cleanText(textMessages(keys), max));
}

/** One of a few values; its message a catalogue key (`choose`, which may list the values as `{choices}`). */
export function choice<const T extends readonly [string, ...string[]]>(keys: { readonly choose: string }, values: T) {
  return z.enum(values, { error: keys.choose });
}

/** A whole number's messages as catalogue keys; `min` may use `{min}`, `max` may use `{max}`. */
export interface NumberMessages {
  readonly whole: string;
  readonly min: string;
  readonly max: string;
}

/** A whole number typed into a form (a string) or sent as a JSON number. */
export function wholeNumber(messages: NumberMessages, min: number, max: number) {
  return z.preprocess(
    (v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v),
    z.number({ error: messages.whole }).int(messages.whole).min(min, messages.min).max(max, messages.max),
  );
}

/** A checkbox (absent, "on" or "1") or a JSON boolean. Its message: a catalogue key (`boolean`). */
export function checkbox(keys: { readonly boolean: string }) {
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
    z.boolean({ error: keys.boolean }),
  );
}

/** A decimal coordinate typed into a form or a JSON number. Its messages: catalogue keys (`number`, `range`). */
export function coordinate(messages: { readonly number: string; readonly range: string }, limit: 90 | 180) {
  return z.preprocess(
    (v) => (typeof v === 'string' && v.trim() !== '' && Number.isFinite(Number(v)) ? Number(v) : v),
    z.number({ error: messages.number }).min(-limit, messages.range).max(limit, messages.range),
  );
}

/*
 * Field messages from zod, in the reader's language.
 *
 * A schema names each message by its catalogue key, never by English words:
 *
 *   z.string().trim().min(1, 'listings.titleRequired').max(100, 'listings.titleTooLong')
 *   z.string().refine(isHandle, { message: 'members.handleForm', params: { example: '@ann' } })
 *
 * The sentence may use the issue's figures, `{min}` and `{max}` (`'Too long (at most {max} characters)'`), a choice's
 * `{choices}`, and a refinement's `params`. A rule the schema gives no message gets the generic sentence for its kind
 * from the common catalogue (`common.field.required`, `common.field.tooLong` with `{max}`, ...), so a bare
 * `z.string().max(100)` still says something a person understands, in their language.
 *
 * `readInput` turns the issues into `Message`s; `fieldWords` translates them for a form; `checkInput` throws them as
 * `Invalid` (422, `fields`) for the API. A message that is not a key (English words written in a schema) is a bug:
 * the reader gets the generic `common.field.invalid`, and test/lib/fields.test.ts finds it in src.
 */

/** Form field → its problem, as a catalogue message. */
export type FieldProblems = Record<string, Message>;

export type ReadInput<T> = { ok: true; value: T } | { ok: false; problems: FieldProblems };

/** A catalogue key (`listings.titleRequired`): a namespace and a key, no spaces; sentences have spaces. */
const KEY = /^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_-]+)+$/;

export const isMessageKey = (text: string): boolean => KEY.test(text);

/** Validates input against a schema; on failure, one problem per field (the first found), as catalogue messages. */
export function readInput<S extends z.ZodType>(schema: S, input: unknown): ReadInput<z.output<S>> {
  const result = schema.safeParse(input ?? {}, { error: genericMessage });
  if (result.success) return { ok: true, value: result.data };
  const problems: FieldProblems = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length > 0 ? String(issue.path[0]) : '_form';
    problems[field] ??= isMessageKey(issue.message)
      ? msg(issue.message, issueValues(issue))
      : // Words written in a schema, not a key: a bug, but the reader still gets a sentence in their language.
        msg('common.field.invalid');
  }
  return { ok: false, problems };
}

/** The problems in the reader's words, for a form's `errors` (`translate` is the request's or the terminal's). */
export function fieldWords(problems: FieldProblems, translate: (message: Message) => string): Record<string, string> {
  const words: Record<string, string> = {};
  for (const [field, problem] of Object.entries(problems)) words[field] = translate(problem);
  return words;
}

/** Like `readInput`, but throws `Invalid` (422 with `fields`) for the API and domain code. */
export function checkInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const read = readInput(schema, input);
  if (read.ok) return read.value;
  throw new Invalid(read.problems);
}

/** The sentence for a rule the schema gave no message: zod calls this only then (a schema's own message wins). */
function genericMessage(issue: z.core.$ZodRawIssue): string {
  if (issue.input === undefined || issue.input === null) return 'common.field.required';
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'common.field.required' : 'common.field.tooShort';
      return issue.origin === 'array' || issue.origin === 'set' ? 'common.field.tooFew' : 'common.field.tooSmall';
    case 'too_big':
      if (issue.origin === 'string') return 'common.field.tooLong';
      return issue.origin === 'array' || issue.origin === 'set' ? 'common.field.tooMany' : 'common.field.tooLarge';
    case 'invalid_type':
      return issue.expected === 'number' || issue.expected === 'int' ? 'common.field.number' : 'common.field.invalid';
    case 'invalid_value':
      return 'common.field.choose';
    case 'invalid_format':
      return 'common.field.format';
    default:
      return 'common.field.invalid';
  }
}

/** The figures a field message may use: `{min}`, `{max}`, `{choices}`, and a refinement's `params`. */
function issueValues(issue: z.core.$ZodIssue): Record<string, MessageValue> | undefined {
  const values: Record<string, MessageValue> = {};
  if ('minimum' in issue) values.min = Number(issue.minimum);
  if ('maximum' in issue) values.max = Number(issue.maximum);
  // A choice's values, for a sentence that lists them (`Language must be one of: {choices}.`).
  if (issue.code === 'invalid_value') values.choices = issue.values.map(String).join(', ');
  if (issue.code === 'custom' && issue.params) {
    for (const [name, value] of Object.entries(issue.params)) {
      if (['string', 'number', 'bigint'].includes(typeof value) || value instanceof Date || value === null)
        values[name] = value as MessageValue;
    }
  }
  return Object.keys(values).length > 0 ? values : undefined;
}
