import { isLocale, PSEUDO_LOCALE, type RenderLocale } from './locales.js';

/** The cookie holding a visitor's choice from the footer's language switcher. */
export const LOCALE_COOKIE = 'mc_lang';

/** Where a request's language may come from, in the order they count. */
export interface LocaleSources {
  /** The signed-in member's own setting (null: they follow their browser). */
  readonly member?: string | null;
  /** The footer switcher's cookie. */
  readonly cookie?: string | null;
  /** The browser's `Accept-Language` header. */
  readonly acceptLanguage?: string | null;
  /** The community's default, chosen at setup and changed by stewards. */
  readonly communityDefault?: string | null;
}

export interface NegotiateOptions {
  /** Accept the pseudo-locale `en-XA` (tests only, from the config; never offered to people). */
  readonly pseudo?: boolean;
}

/**
 * The language of a request: the member's own setting, else the visitor's choice in the footer, else the browser's
 * `Accept-Language`, else the community's default, else English. A value the box does not speak is skipped, not an
 * error: a cookie or a setting may outlive a language.
 */
export function negotiateLocale(sources: LocaleSources, options: NegotiateOptions = {}): RenderLocale {
  return firstLocale(sources, options) ?? 'en';
}

/** The first of `sources` that names a language the box speaks, in `negotiateLocale`'s order; null if none does. */
export function firstLocale(sources: LocaleSources, options: NegotiateOptions = {}): RenderLocale | null {
  const chosen = (value: string | null | undefined): RenderLocale | null =>
    isLocale(value) ? value : options.pseudo && value === PSEUDO_LOCALE ? PSEUDO_LOCALE : null;
  return (
    chosen(sources.member) ??
    chosen(sources.cookie) ??
    localeFromAcceptLanguage(sources.acceptLanguage, options) ??
    chosen(sources.communityDefault)
  );
}

/**
 * The language the browser prefers among those the box speaks: the highest q-value wins, the header's order breaks
 * ties, `q=0` means "not this one", and a regional tag counts for its language (`fr-BE` is `fr`). `*` (any language)
 * gives no preference: the community's default then decides. Null when nothing matches.
 */
export function localeFromAcceptLanguage(
  header: string | null | undefined,
  options: NegotiateOptions = {},
): RenderLocale | null {
  if (!header) return null;
  const ranges = parseAcceptLanguage(header);
  const refused = new Set(ranges.filter((r) => r.q === 0).map((r) => r.tag));
  for (const { tag, q } of ranges) {
    if (q === 0) continue;
    if (options.pseudo && tag === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
    const language = tag.split('-')[0]!;
    if (isLocale(language) && !refused.has(language)) return language;
  }
  return null;
}

/** The header's language ranges, lower-cased, highest q-value first (stable, so the header's order breaks ties). */
export function parseAcceptLanguage(header: string): { tag: string; q: number }[] {
  const ranges: { tag: string; q: number }[] = [];
  // A header is short; more ranges than this is noise (or an attack on a sort), not a preference.
  for (const part of header.split(',').slice(0, 20)) {
    const [rawTag, ...params] = part.trim().split(';');
    const tag = rawTag!.trim().toLowerCase();
    if (!/^(\*|[a-z]{1,8}(-[a-z0-9]{1,8})*)$/.test(tag)) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q\s*=\s*(0(\.\d{0,3})?|1(\.0{0,3})?)\s*$/i.exec(param);
      if (match) q = Number(match[1]);
      else if (/^\s*q\s*=/i.test(param)) q = Number.NaN;
    }
    if (!Number.isNaN(q)) ranges.push({ tag, q });
  }
  return ranges.sort((a, b) => b.q - a.q);
}
