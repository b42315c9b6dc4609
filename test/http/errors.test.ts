import { describe, expect, it } from 'vitest';
import { refusalOf } from '../../src/http/errors.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { Conflict, Forbidden, Invalid, LimitReached, NotFound, SignInRequired } from '../../src/lib/errors.js';
import { msg } from '../../src/lib/messages.js';
import { catalogues } from '../../src/messages.js';

describe('refusalOf: the one mapping from errors to HTTP', () => {
  const translator = createTranslator(catalogues);
  const en = translator.forLocale('en');
  const fr = translator.forLocale('fr');

  it('gives each domain error its status and code, in the reader’s language', () => {
    expect(refusalOf(new NotFound(), en)).toEqual({
      status: 404,
      code: 'not_found',
      message: 'There is nothing here.',
      fields: undefined,
      details: undefined,
    });
    expect(refusalOf(new NotFound(), fr)?.message).toBe('Il n’y a rien ici.');
    expect(refusalOf(new Forbidden(), en)?.status).toBe(403);
    expect(refusalOf(new SignInRequired(), en)).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(refusalOf(new LimitReached(msg('common.errors.invalid')), en)?.status).toBe(429);
  });

  it('translates the fields of Invalid, and keeps a Conflict’s code and details', () => {
    const invalid = refusalOf(new Invalid({ title: msg('common.errors.notFound') }), en);
    expect(invalid).toMatchObject({ status: 422, code: 'invalid', fields: { title: 'There is nothing here.' } });
    const conflict = refusalOf(new Conflict(msg('common.errors.forbidden'), { available: 12 }, 'over_limit'), en);
    expect(conflict).toMatchObject({ status: 409, code: 'over_limit', details: { available: 12 } });
  });

  it('maps a client error koa raised by status, and treats anything else as a bug', () => {
    expect(refusalOf(Object.assign(new Error('x'), { status: 413 }), en)).toMatchObject({ code: 'too_large' });
    expect(refusalOf(new Error('boom'), en)).toBeNull();
  });
});
