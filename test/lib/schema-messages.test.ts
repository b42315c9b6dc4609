import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate.js';
import { isMessageKey } from '../../src/lib/fields.js';
import { catalogues } from '../../src/messages.js';

/**
 * Every message a schema in src/ gives for its rules is a catalogue key that the catalogues hold (issue 11: every word
 * a person reads goes through them). Words written in a schema would reach the reader as the generic "This value is
 * not valid." (see `readInput`), so they are found here instead.
 */

const SRC = new URL('../../src/', import.meta.url).pathname;

/** The files of src/ that write zod schemas, with their text. */
const schemaFiles = fs
  .readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => ({ file, text: fs.readFileSync(path.join(SRC, file), 'utf8') }))
  .filter(({ text }) => text.includes("from 'zod'"));

/** The messages of a schema and of every schema inside it, as its rules give them (zod keeps each as a function). */
function schemaMessages(value: unknown, seen: Set<unknown>, found: string[]): void {
  if (value === null || typeof value !== 'object' || seen.has(value)) return;
  seen.add(value);
  const def = (value as { _zod?: { def?: Record<string, unknown> } })._zod?.def;
  if (def && typeof def.error === 'function') {
    const given: unknown = def.error({ code: 'custom', input: undefined });
    found.push(typeof given === 'string' ? given : String((given as { message?: unknown } | undefined)?.message));
  }
  for (const child of Object.values(def ?? value)) schemaMessages(child, seen, found);
}

/** Text literals where a zod message goes: `message:` or `error:`, or a rule's last argument (`.max(40, '…')`). */
const LITERAL_MESSAGES = [
  /\b(?:message|error)\s*:\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1/g,
  /\.(?:min|max|length|regex|int|refine|gte|lte|gt|lt)\([^;]*?,\s*(['"`])((?:(?!\1)[^\\]|\\.)*)\1\s*\)/g,
];

describe('schema messages', () => {
  it('are catalogue keys the catalogues hold, for every schema src/ exports', async () => {
    const translator = createTranslator(catalogues);
    const found: string[] = [];
    const seen = new Set<unknown>();
    for (const { file } of schemaFiles) {
      const module: Record<string, unknown> = await import(/* @vite-ignore */ path.join(SRC, file));
      for (const exported of Object.values(module)) schemaMessages(exported, seen, found);
    }
    expect(found.length).toBeGreaterThan(100);
    expect(found.filter((message) => !isMessageKey(message) || !translator.has(message))).toEqual([]);
  });

  it('are never words written in src/, even in a schema it does not export or in an issue a transform adds', () => {
    const written: string[] = [];
    for (const { file, text } of schemaFiles) {
      for (const pattern of LITERAL_MESSAGES) {
        for (const [, , message] of text.matchAll(pattern)) {
          if (/\s/.test(message!) && !isMessageKey(message!)) written.push(`${file}: ${message}`);
        }
      }
    }
    expect(written).toEqual([]);
  });
});
