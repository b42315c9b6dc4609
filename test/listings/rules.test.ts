import { describe, expect, it } from 'vitest';
import { formatsFor } from '../../src/i18n/format.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { matchExpression } from '../../src/listings/listings.js';
import { catalogues } from '../../src/messages.js';

// The pages show distances and ages with the i18n formats, in English here.
const english = formatsFor('en', createTranslator(catalogues).forLocale('en'), { timeZone: 'Europe/London' });
const formatDistance = (metres: number) => english.distance(metres);
const formatAge = (iso: string, now: Date) => english.relative(iso, now);

describe('listing rules', () => {
  it('shows distances as "850 m" and "3.2 km"', () => {
    expect(formatDistance(3)).toBe('10 m');
    expect(formatDistance(849)).toBe('850 m');
    expect(formatDistance(3210)).toBe('3.2 km');
    expect(formatDistance(123_456)).toBe('123 km');
  });

  it('chooses the unit by the distance as rounded: never "1000 m" or "100.0 km"', () => {
    expect(formatDistance(994)).toBe('990 m');
    for (const metres of [995, 996, 999, 999.9, 1000, 1049])
      expect(formatDistance(metres), String(metres)).toBe('1.0 km');
    expect(formatDistance(1050)).toBe('1.1 km');
    expect(formatDistance(99_949)).toBe('99.9 km');
    for (const metres of [99_950, 99_990, 100_000, 100_499])
      expect(formatDistance(metres), String(metres)).toBe('100 km');
  });

  it('shows ages as "2 days ago"', () => {
    const now = new Date('2026-11-22T10:00:00Z');
    expect(formatAge('2026-11-22T09:59:30Z', now)).toBe('just now');
    expect(formatAge('2026-11-22T09:55:00Z', now)).toBe('5 minutes ago');
    expect(formatAge('2026-11-20T09:00:00Z', now)).toBe('2 days ago');
    expect(formatAge('2026-11-25T10:00:00Z', now)).toBe('in 3 days');
  });

  it('builds a MATCH expression of quoted prefix terms from any input', () => {
    expect(matchExpression('  ')).toBeNull();
    expect(matchExpression('"*()')).toBeNull();
    expect(matchExpression('bike NEAR(lamp "x')).toBe('"bike"* "NEAR"* "lamp"* "x"*');
    expect(matchExpression('Café crème')).toBe('"Café"* "crème"*');
    expect(matchExpression('a '.repeat(5000))!.split(' ')).toHaveLength(8);
  });
});
