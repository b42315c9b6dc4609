import { describe, expect, it } from 'vitest';
import { createTranslator } from '../../src/i18n/translate.js';
import { catalogues } from '../../src/messages.js';
import { msg } from '../../src/lib/messages.js';

describe('translate', () => {
  const translator = createTranslator({
    ...catalogues,
    test: {
      en: { vouches: '{count, plural, one {# vouch} other {# vouches}} needed from {name}' },
      fr: { vouches: '{count, plural, one {# parrainage manquant} other {# parrainages manquants}} de {name}' },
    },
  });

  it('uses each language’s plural rules', () => {
    expect(translator.translate('en', msg('test.vouches', { count: 1, name: 'Ann' }))).toBe('1 vouch needed from Ann');
    expect(translator.translate('en', msg('test.vouches', { count: 0, name: 'Ann' }))).toBe(
      '0 vouches needed from Ann',
    );
    // French counts 0 and 1 as singular.
    expect(translator.translate('fr', msg('test.vouches', { count: 0, name: 'Ann' }))).toBe(
      '0 parrainage manquant de Ann',
    );
    expect(translator.forLocale('fr')('test.vouches', { count: 2n, name: 'Ann' })).toBe(
      '2 parrainages manquants de Ann',
    );
  });

  it('marks every sentence in the pseudo-locale', () => {
    expect(translator.translate('en-XA', msg('common.errors.notFound'))).toBe('⟦There is nothing here.⟧');
  });

  it('throws on a key no catalogue holds', () => {
    expect(() => translator.translate('en', msg('common.nope'))).toThrow(/no message "common.nope"/);
  });

  it('refuses a catalogue set whose French lacks a key', () => {
    expect(() => createTranslator({ x: { en: { a: 'A' }, fr: {} } })).toThrow(/French catalogue of x lacks a/);
  });
});

describe('French “de” before a name', () => {
  const translator = createTranslator({
    ...catalogues,
    test: { en: { box: 'the box of {town}' }, fr: { box: 'le boîtier {de_town}' } },
  });
  const box = (town: string) => translator.translate('fr', msg('test.box', { town }));

  it('elides before a vowel, and before a y that a consonant follows', () => {
    expect(['Eye', 'Ipswich', 'Orford', 'Ufford', 'Écouen', 'Yverdon'].map(box)).toEqual([
      'le boîtier d’Eye',
      'le boîtier d’Ipswich',
      'le boîtier d’Orford',
      'le boîtier d’Ufford',
      'le boîtier d’Écouen',
      'le boîtier d’Yverdon',
    ]);
  });

  it('keeps “de” before a consonant, an h and a y that a vowel follows', () => {
    expect(['Diss', 'Harleston', 'Yaoundé'].map(box)).toEqual([
      'le boîtier de Diss',
      'le boîtier de Harleston',
      'le boîtier de Yaoundé',
    ]);
    expect(translator.translate('en', msg('test.box', { town: 'Eye' }))).toBe('the box of Eye');
  });
});
