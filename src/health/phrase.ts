import type { Translate } from '../i18n/translate.js';
import type { Message } from '../lib/messages.js';

/**
 * A sentence of the health catalogue with, where it needs them, other sentences inside it (a size, an age, a
 * duration), each translated first: ICU has no messages within messages, and a size is words too ("50.0 MB",
 * "50,0 Mo"). Whoever shows a check, the health page or `marketcross doctor`, turns it into words with `phraseWords`.
 */
export interface Phrase extends Message {
  readonly nested?: Readonly<Record<string, Phrase>>;
}

export function phrase(key: string, values?: Message['values'], nested?: Record<string, Phrase>): Phrase {
  return { key, ...(values ? { values } : {}), ...(nested ? { nested } : {}) };
}

export function phraseWords(words: Phrase, t: Translate): string {
  if (!words.nested) return t(words);
  const values: Record<string, string | number | bigint | Date | null> = { ...words.values };
  // A sentence set inside another loses its full stop: the outer sentence ends it ("…: disk I/O error.").
  for (const [name, inner] of Object.entries(words.nested)) values[name] = phraseWords(inner, t).replace(/\.$/, '');
  return t({ key: words.key, values });
}

/** Sentences joined into one paragraph. */
export function paragraph(phrases: readonly Phrase[], t: Translate): string {
  return phrases.map((p) => phraseWords(p, t)).join(' ');
}

/** Minutes are enough for people, and UTC says which clock (the box's own may be set to any zone). */
export function formatUtc(date: Date): string {
  return `${date.toISOString().replace('T', ' ').slice(0, 16)} UTC`;
}

/** A size in the largest unit under 1024 of it: "1.2 GB", "50.0 MB", "12 kB" (the number written for the locale). */
export function bytesPhrase(bytes: number): Phrase {
  if (bytes >= 1024 ** 3) return phrase('health.bytes', { unit: 'gb', value: Number((bytes / 1024 ** 3).toFixed(1)) });
  if (bytes >= 1024 ** 2) return phrase('health.bytes', { unit: 'mb', value: Number((bytes / 1024 ** 2).toFixed(1)) });
  return phrase('health.bytes', { unit: 'kb', value: Math.round(bytes / 1024) });
}

/** How long ago, roughly: "less than an hour ago", "5 hours ago", "3 days ago". */
export function agePhrase(hours: number): Phrase {
  if (hours < 1) return phrase('health.age', { unit: 'lessThanHour', count: 0 });
  if (hours < 48) return phrase('health.age', { unit: 'hours', count: Math.round(hours) });
  return phrase('health.age', { unit: 'days', count: Math.round(hours / 24) });
}

export function durationPhrase(ms: number): Phrase {
  if (ms < 1000) return phrase('health.duration', { unit: 'underSecond', count: 0 });
  if (ms < 120_000) return phrase('health.duration', { unit: 'seconds', count: Math.round(ms / 1000) });
  return phrase('health.duration', { unit: 'minutes', count: Math.round(ms / 60_000) });
}
