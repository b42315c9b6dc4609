/**
 * A reference to a sentence in the message catalogues, with the values it needs.
 *
 * Domain code (features, the CLI, sync) never writes the words a person reads: it names them. The words are chosen
 * where the reader's language is known (a page, an API answer, the CLI), by `translate` in `src/i18n/`. Keys are
 * namespaced by the feature whose catalogue holds them: `ledger.overLimit` is `overLimit` in
 * `src/ledger/messages/en.ts`.
 */
export type MessageValue = string | number | bigint | Date | null;

export interface Message {
  readonly key: string;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

export function msg(key: string, values?: Record<string, MessageValue>): Message {
  return values ? { key, values } : { key };
}

export function isMessage(value: unknown): value is Message {
  return typeof value === 'object' && value !== null && typeof (value as { key?: unknown }).key === 'string';
}
