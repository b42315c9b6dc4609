import { describe, expect, it } from 'vitest';
import { localeFromAcceptLanguage, negotiateLocale, parseAcceptLanguage } from '../../src/i18n/negotiate.js';

describe('the language of a request', () => {
  it('takes the member’s setting, then the cookie, then the browser, then the community’s default', () => {
    const all = { member: 'fr', cookie: 'en', acceptLanguage: 'en', communityDefault: 'en' };
    expect(negotiateLocale(all)).toBe('fr');
    expect(negotiateLocale({ ...all, member: null, cookie: 'fr' })).toBe('fr');
    expect(negotiateLocale({ member: null, cookie: null, acceptLanguage: 'fr-BE', communityDefault: 'en' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: 'de, nl;q=0.8', communityDefault: 'fr' })).toBe('fr');
    expect(negotiateLocale({ acceptLanguage: '*', communityDefault: 'fr' })).toBe('fr');
    expect(negotiateLocale({})).toBe('en');
  });

  it('skips values the box does not speak', () => {
    expect(negotiateLocale({ member: 'de', cookie: 'xx', acceptLanguage: 'fr' })).toBe('fr');
    expect(negotiateLocale({ cookie: '<script>', communityDefault: 'fr' })).toBe('fr');
  });

  it('allows the pseudo-locale only when told to', () => {
    expect(negotiateLocale({ cookie: 'en-XA', communityDefault: 'fr' })).toBe('fr');
    expect(negotiateLocale({ cookie: 'en-XA', communityDefault: 'fr' }, { pseudo: true })).toBe('en-XA');
    // Without the flag, en-XA is only a kind of English.
    expect(localeFromAcceptLanguage('en-XA, fr;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('en-XA, fr;q=0.5', { pseudo: true })).toBe('en-XA');
    expect(negotiateLocale({ member: 'en-XA' }, { pseudo: true })).toBe('en-XA');
  });
});

describe('Accept-Language', () => {
  it('reads q-values, highest first, the header’s order breaking ties', () => {
    expect(parseAcceptLanguage('en;q=0.5, fr-BE, de;q=0.9')).toEqual([
      { tag: 'fr-be', q: 1 },
      { tag: 'de', q: 0.9 },
      { tag: 'en', q: 0.5 },
    ]);
    expect(localeFromAcceptLanguage('en;q=0.5, fr-BE;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('fr-CA;q=0.8, en-GB;q=0.8')).toBe('fr');
    expect(localeFromAcceptLanguage('de-DE, de;q=0.9, en;q=0.1')).toBe('en');
  });

  it('treats q=0 as a refusal and ignores malformed ranges', () => {
    expect(localeFromAcceptLanguage('fr;q=0, en;q=0.1')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=0')).toBeNull();
    expect(localeFromAcceptLanguage('fr-BE, fr;q=0, en;q=0.5')).toBe('en');
    expect(localeFromAcceptLanguage('fr;q=2, en;q=abc, de')).toBeNull();
    expect(localeFromAcceptLanguage('!!!, fr ; q = 0.7')).toBe('fr');
    expect(localeFromAcceptLanguage('')).toBeNull();
    expect(localeFromAcceptLanguage(undefined)).toBeNull();
  });
});
