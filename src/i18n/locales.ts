/** The languages the box speaks. `en` is the source language of every catalogue. */
export const LOCALES = ['en', 'fr'] as const;
export type Locale = (typeof LOCALES)[number];

/**
 * A pseudo-locale for tests only: every sentence from a catalogue comes out marked (`⟦…⟧`), so a test can find words on
 * a page that did not pass through a catalogue. Never offered to people.
 */
export const PSEUDO_LOCALE = 'en-XA';
export type RenderLocale = Locale | typeof PSEUDO_LOCALE;

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}
