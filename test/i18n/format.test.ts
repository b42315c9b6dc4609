import { describe, expect, it } from 'vitest';
import { formatsFor } from '../../src/i18n/format.js';
import type { RenderLocale } from '../../src/i18n/locales.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';

const translator = createTranslator(catalogues);
const formats = (locale: RenderLocale, timeZone = 'Europe/London') =>
  formatsFor(locale, translator.forLocale(locale), { timeZone });

describe('formats for a locale', () => {
  const en = formats('en');
  const fr = formats('fr');

  it('writes dates and times in the community’s time zone', () => {
    expect(en.dateTime('2026-11-22T10:00:00Z')).toBe('22 Nov 2026, 10:00');
    expect(fr.dateTime('2026-11-22T10:00:00Z')).toBe('22 nov. 2026, 10:00');
    expect(en.date('2026-11-22T10:00:00Z')).toBe('22 Nov 2026');
    expect(fr.date(new Date('2026-11-22T10:00:00Z'))).toBe('22 nov. 2026');
    // British Summer Time: 23:30 UTC is already the next day in London, and a day later in Brussels too.
    expect(en.dateTime('2026-07-01T23:30:00Z')).toBe('2 Jul 2026, 00:30');
    expect(formats('fr', 'Europe/Brussels').time('2026-07-01T23:30:00Z')).toBe('01:30');
  });

  it('says how long ago, or how soon', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(en.relative('2026-11-22T09:59:30Z', now)).toBe('just now');
    expect(fr.relative('2026-11-22T09:59:30Z', now)).toBe('à l’instant');
    expect(en.relative('2026-11-22T09:55:00Z', now)).toBe('5 minutes ago');
    expect(fr.relative('2026-11-22T09:55:00Z', now)).toBe('il y a 5 minutes');
    expect(en.relative('2026-11-20T09:00:00Z', now)).toBe('2 days ago');
    expect(fr.relative('2026-11-25T10:00:00Z', now)).toBe('dans 3 jours');
    expect(fr.relative('2026-11-21T10:00:00Z', now)).toBe('il y a 1 jour');
  });

  it('writes numbers with each language’s separators', () => {
    expect(en.number(1234)).toBe('1234');
    expect(en.number(12345)).toBe('12,345');
    expect(fr.number(12345)).toBe('12\u202f345');
    expect(fr.number(2.5)).toBe('2,5');
    expect(en.number(3n)).toBe('3');
  });

  it('rounds distances as before, with a decimal comma in French', () => {
    expect(en.distance(3)).toBe('10 m');
    expect(fr.distance(849)).toBe('850 m');
    expect(en.distance(994)).toBe('990 m');
    for (const metres of [995, 996, 999, 1000, 1049]) {
      expect(en.distance(metres), String(metres)).toBe('1.0 km');
      expect(fr.distance(metres), String(metres)).toBe('1,0 km');
    }
    expect(en.distance(1050)).toBe('1.1 km');
    expect(en.distance(3210)).toBe('3.2 km');
    expect(fr.distance(3210)).toBe('3,2 km');
    expect(en.distance(99_949)).toBe('99.9 km');
    for (const metres of [99_950, 99_970, 100_000]) expect(fr.distance(metres), String(metres)).toBe('100 km');
    expect(en.distance(123_456)).toBe('123 km');
  });

  it('keeps hours as "1:30" in both languages and gives hundredths a decimal comma in French', () => {
    expect(en.amount(90, 60)).toBe('1:30');
    expect(fr.amount(90, 60)).toBe('1:30');
    expect(fr.amount(-45, 60)).toBe('-0:45');
    expect(en.amount(250, 100)).toBe('2.50');
    expect(fr.amount(250, 100)).toBe('2,50');
    expect(fr.amount(-5, 100)).toBe('-0,05');
    expect(en.amount(123_456_789, 100)).toBe('1234567.89');
    expect(fr.amount(1_000_000_000, 60)).toBe('16666666:40');
  });

  it('marks every formatted value in the pseudo-locale', () => {
    const xa = formats('en-XA');
    expect(xa.date('2026-11-22T10:00:00Z')).toBe('⟦22 Nov 2026⟧');
    expect(xa.distance(3210)).toBe('⟦3.2 km⟧');
    expect(xa.amount(90, 60)).toBe('⟦1:30⟧');
    expect(xa.relative('2026-11-22T09:59:30Z', new Date('2026-11-22T10:00:00Z'))).toBe('⟦just now⟧');
  });
});
