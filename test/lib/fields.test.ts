import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkInput, choice, fieldWords, readInput, wholeNumber } from '../../src/lib/fields.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { Invalid } from '../../src/lib/errors.js';
import { catalogues } from '../../src/messages.js';

describe('field messages from zod, in the reader’s language', () => {
  const translator = createTranslator(catalogues);
  const schema = z.object({
    title: z.string().trim().min(1, 'common.errors.invalid').max(5),
    count: z.number().int().min(1).max(9),
    kind: z.enum(['offer', 'want']),
    note: z.string().max(3, 'Note can be at most 3 characters.'),
  });

  it(
    'keeps a schema’s own key, gives a bare rule the generic sentence with its figures, ' +
      'and words not a key the generic one',
    () => {
      const read = readInput(schema, { title: '', count: 12, kind: 'gift', note: 'long' });
      expect(read.ok).toBe(false);
      if (read.ok) return;
      expect(fieldWords(read.problems, translator.forLocale('en'))).toEqual({
        title: 'Some fields need attention.',
        count: 'Must be at most 9.',
        kind: 'Choose one of the options.',
        // Words written in a schema are a bug (test/lib/schema-messages.test.ts finds them): the reader gets a
        // sentence.
        note: 'This value is not valid.',
      });
      const french = readInput(schema, { title: 'toolong', kind: 'offer', note: '' });
      if (french.ok) throw new Error('expected problems');
      const fr = fieldWords(french.problems, translator.forLocale('fr'));
      expect(fr).toEqual({ title: 'Trop long (au plus 5 caractères).', count: 'Ce champ est obligatoire.' });
    },
  );

  it('takes catalogue keys for a choice (which may list {choices}) and a whole number’s rules', () => {
    const keyed = z.object({
      locale: choice({ choose: 'community.field.locale' }, ['en', 'fr']),
      vouches: wholeNumber(
        {
          whole: 'community.field.vouches.whole',
          min: 'community.field.vouches.min',
          max: 'community.field.vouches.max',
        },
        1,
        20,
      ),
    });
    const read = readInput(keyed, { locale: 'de', vouches: '30' });
    if (read.ok) throw new Error('expected problems');
    expect(fieldWords(read.problems, translator.forLocale('en'))).toEqual({
      locale: 'Language must be one of: en, fr.',
      vouches: 'Vouches needed to join must be at most 20.',
    });
    const whole = readInput(keyed, { locale: 'fr', vouches: '1.5' });
    if (whole.ok) throw new Error('expected problems');
    expect(fieldWords(whole.problems, translator.forLocale('fr'))).toEqual({
      vouches: 'Le nombre de parrainages doit être un nombre entier.',
    });
  });

  it('throws Invalid with the messages for the API', () => {
    const keysOnly = z.object({ title: z.string().max(2) });
    expect(() => checkInput(keysOnly, { title: 'abc' })).toThrow(Invalid);
    expect(checkInput(keysOnly, { title: 'ab' })).toEqual({ title: 'ab' });
  });
});
