import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatAmount, parseAmount, parseSignedAmount, toMinorUnits } from '../../src/ledger/amounts.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';

const translator = createTranslator(catalogues);

/** Amounts as people type and read them, in each currency's unit (moved out of transfers.test.ts). */

describe('amounts', () => {
  it.each([
    ['1:30', 60, 90],
    ['1.5', 60, 90],
    ['90m', 60, 90],
    ['2', 60, 120],
    ['0:05', 60, 5],
    ['1.25', 60, 75],
    [' 2h ', 60, 120],
    ['.5', 60, 30],
    ['2.50', 100, 250],
    ['2.5', 100, 250],
    ['0.01', 100, 1],
    ['3', 100, 300],
    ['2.500', 100, 250],
    // The decimal comma, as French pages write amounts.
    ['2,50', 100, 250],
    ['2,5', 100, 250],
    [',75', 100, 75],
    ['1,5', 60, 90],
    ['1,25', 60, 75],
  ] as const)('"%s" in scale %i is %i minor units', (typed, scale, minor) => {
    expect(parseAmount(typed, scale)).toEqual({ ok: true, minor });
  });

  it.each([
    ['', 60],
    ['0', 60],
    ['0:00', 60],
    ['-1', 60],
    ['1:60', 60],
    ['1.01', 60],
    ['abc', 60],
    ['1e3', 60],
    ['1,01', 60],
    ['1,000', 100],
    ['1,5,0', 100],
    ['1.5,0', 100],
    ['2,', 100],
    ['NaN', 60],
    ['１２', 60],
    ['90m', 100],
    ['1:30', 100],
    ['0.001', 100],
    ['99999999999', 100],
    ['.', 100],
    ['1..2', 100],
  ] as const)('"%s" in scale %i is refused with a message', (typed, scale) => {
    const parsed = parseAmount(typed, scale);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(translator.translate('en', parsed.message)).toMatch(/^Amount/);
  });

  it('reads a lower limit with a decimal comma, and zero written so', () => {
    expect(parseSignedAmount('-2,50', 100, 'lower')).toEqual({ ok: true, minor: -250 });
    expect(parseSignedAmount('0,00', 100, 'lower')).toEqual({ ok: true, minor: 0 });
  });

  it('reads back what it shows, for every amount (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.constantFrom(60 as const, 100 as const),
        (minor, scale) => {
          expect(parseAmount(formatAmount(minor, scale), scale)).toEqual({ ok: true, minor });
        },
      ),
    );
    expect(formatAmount(-45, 60)).toBe('-0:45');
    expect(formatAmount(250, 100)).toBe('2.50');
  });
});

describe('an amount’s refusal', () => {
  it('says what minutes past 59 would have been', () => {
    const parsed = parseAmount('1:75', 60);
    if (parsed.ok) throw new Error('expected a refusal');
    expect(translator.translate('en', parsed.message)).toBe(
      'Amount: the minutes after the colon run from 00 to 59, so “1:75” would be “2:15”.',
    );
    expect(translator.translate('fr', parsed.message)).toBe(
      'Le montant\u00a0: les minutes après les deux-points vont de 00 à 59, ' +
        'donc «\u00a01:75\u00a0» serait «\u00a02:15\u00a0».',
    );
  });

  it('names the field it reads in its refusals, with the currency’s own examples', () => {
    const words = (parsed: ReturnType<typeof parseAmount>) =>
      parsed.ok ? '' : translator.translate('en', parsed.message);
    expect(words(toMinorUnits('lots', 100, 'price'))).toBe('Price must be a number such as “2.50” or “2”.');
    expect(words(toMinorUnits('20000:00', 60, 'price', 1_000_000))).toBe('Price must be at most 16666:40.');
    expect(words(parseSignedAmount('-1.005', 100, 'lower'))).toBe(
      'Lowest balance can have at most two decimal places.',
    );
    expect(words(parseSignedAmount('x', 60, 'upper'))).toBe(
      'Highest balance must be a number such as “1:30”, “1.5” or “90m”.',
    );
  });
});
