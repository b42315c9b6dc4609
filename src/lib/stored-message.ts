import type { Message, MessageValue } from './messages.js';

/**
 * A `Message` kept in the database (a job's result, shown later in whatever language the reader reads): its key, and
 * its values as JSON. Dates and bigints do not survive JSON as themselves, so they are tagged and read back as such.
 */
export interface StoredMessage {
  key: string;
  /** JSON, or null when the message has no values. */
  values: string | null;
}

type Tagged = { date: string } | { bigint: string } | string | number | null;

export function storeMessage(message: Message): StoredMessage {
  if (!message.values) return { key: message.key, values: null };
  const tagged: Record<string, Tagged> = {};
  for (const [name, value] of Object.entries(message.values)) tagged[name] = tag(value);
  return { key: message.key, values: JSON.stringify(tagged) };
}

export function readStoredMessage(stored: StoredMessage): Message {
  if (stored.values === null) return { key: stored.key };
  const values: Record<string, MessageValue> = {};
  for (const [name, value] of Object.entries(JSON.parse(stored.values) as Record<string, Tagged>))
    values[name] = untag(value);
  return { key: stored.key, values };
}

function tag(value: MessageValue): Tagged {
  if (value instanceof Date) return { date: value.toISOString() };
  if (typeof value === 'bigint') return { bigint: value.toString() };
  return value;
}

function untag(value: Tagged): MessageValue {
  if (value === null || typeof value !== 'object') return value;
  return 'date' in value ? new Date(value.date) : BigInt(value.bigint);
}
