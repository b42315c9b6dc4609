import { IntlMessageFormat } from 'intl-messageformat';
import type { Message, MessageValue } from '../lib/messages.js';
import type { CatalogueSet } from './catalogue.js';
import { withFrenchDe } from './french.js';
import { PSEUDO_LOCALE, type RenderLocale } from './locales.js';

/** Turns a `Message` (or a key and values) into the words of one language. */
export type Translate = (key: string | Message, values?: Record<string, MessageValue>) => string;

export interface Translator {
  /** The words for a message in a locale. An unknown key is a bug and throws, so tests find it. */
  translate(locale: RenderLocale, message: Message): string;
  /** A `Translate` bound to one locale, for a request, a page or a CLI run. */
  forLocale(locale: RenderLocale): Translate;
  has(key: string): boolean;
}

/**
 * Builds the translator over every feature's catalogues (`{ ledger: { en, fr }, ... }`). Sentences are compiled once
 * per locale and key, on first use.
 */
export function createTranslator(catalogues: Readonly<Record<string, CatalogueSet>>): Translator {
  const sources = new Map<string, { en: string; fr: string }>();
  for (const [namespace, set] of Object.entries(catalogues)) {
    for (const [key, en] of Object.entries(set.en)) {
      const fr = set.fr[key];
      if (fr === undefined) throw new Error(`The French catalogue of ${namespace} lacks ${key}.`);
      sources.set(`${namespace}.${key}`, { en, fr });
    }
  }
  const compiled = new Map<string, IntlMessageFormat>();

  function format(locale: RenderLocale, key: string): IntlMessageFormat {
    const cacheKey = `${locale}\u0000${key}`;
    let formatter = compiled.get(cacheKey);
    if (formatter) return formatter;
    const source = sources.get(key);
    if (!source) throw new Error(`There is no message "${key}" in the catalogues.`);
    const pattern = locale === 'fr' ? source.fr : source.en;
    formatter = new IntlMessageFormat(pattern, locale === PSEUDO_LOCALE ? 'en' : locale);
    compiled.set(cacheKey, formatter);
    return formatter;
  }

  function translate(locale: RenderLocale, message: Message): string {
    const plain = message.values ? plainValues(message.values) : undefined;
    const values = plain && locale === 'fr' ? withFrenchDe(plain) : plain;
    const words = String(format(locale, message.key).format(values));
    return locale === PSEUDO_LOCALE ? `⟦${words}⟧` : words;
  }

  return {
    translate,
    forLocale: (locale) => (key, values) =>
      translate(locale, typeof key === 'string' ? (values ? { key, values } : { key }) : key),
    has: (key) => sources.has(key),
  };
}

/** IntlMessageFormat takes numbers, strings and dates; a bigint (an amount in minor units) becomes its digits. */
function plainValues(values: Readonly<Record<string, MessageValue>>): Record<string, string | number | Date> {
  const plain: Record<string, string | number | Date> = {};
  for (const [name, value] of Object.entries(values)) {
    plain[name] = typeof value === 'bigint' ? value.toString() : (value ?? '');
  }
  return plain;
}
