import { createTranslator, type Translate } from '../i18n/translate.js';
import { isMessage, type Message } from '../lib/messages.js';
import * as upgradeWords from './messages/index.js';

/** English words for the message property (logs, tests); the CLI prints the lines in its own language. */
const english = createTranslator({ upgrade: upgradeWords }).forLocale('en');

/**
 * Words an upgrade reports: a sentence of the catalogue; the words a release's own command printed (already in that
 * command's language); or a sentence with other words inside it (why a step failed), translated first.
 */
export type Words = Message | string | { readonly message: Message; readonly nested: Readonly<Record<string, Nested>> };
type Nested = Words | readonly Words[];

/** One line of a failed upgrade's report, or a cause indented beneath the line before. */
export type UpgradeLine = Words | { readonly indented: Words };

export function withNested(message: Message, nested: Record<string, Nested>): Words {
  return { message, nested };
}

/** An upgrade that could not be done, or was undone; its lines say what happened and what to do. */
export class UpgradeError extends Error {
  override name = 'UpgradeError';
  readonly reasons: readonly UpgradeLine[];
  constructor(...lines: UpgradeLine[]) {
    super(render(lines, english));
    this.reasons = lines;
  }

  /** The lines in a language. */
  words(t: Translate): string {
    return render(this.reasons, t);
  }
}

/** A step's failure inside the upgrade: a sentence (a service that would not start) or a command's own words. */
export class StepError extends Error {
  constructor(readonly reason: Words) {
    super(wordsIn(reason, english));
  }
}

/** What an error thrown inside the upgrade says: its words if it has them, else its message as it is. */
export function causeOf(error: unknown): Words {
  if (error instanceof StepError) return error.reason;
  const reason = (error as { reason?: unknown } | null)?.reason;
  return isMessage(reason) ? reason : (error as Error).message;
}

function wordsIn(words: Words, t: Translate): string {
  if (typeof words === 'string') return words;
  if (isMessage(words)) return t(words);
  const values: Record<string, string | number | bigint | Date | null> = { ...words.message.values };
  for (const [name, nested] of Object.entries(words.nested)) {
    values[name] = Array.isArray(nested)
      ? (nested as readonly Words[]).map((w) => wordsIn(w, t)).join('; ')
      : wordsIn(nested as Words, t);
  }
  return t({ key: words.message.key, values });
}

function render(lines: readonly UpgradeLine[], t: Translate): string {
  return lines
    .map((line) =>
      typeof line === 'object' && 'indented' in line
        ? `  ${wordsIn(line.indented, t).trim().split('\n').join('\n  ')}`
        : wordsIn(line, t),
    )
    .join('\n');
}
