import { PSEUDO_LOCALE, type RenderLocale } from './locales.js';
import type { Translate } from './translate.js';

/**
 * Dates, numbers, amounts and distances as a reader of one language writes them, through `Intl`. English is British
 * English (the box was made in Norfolk: "22 Nov 2026, 10:00"); French is written as in France and Belgium ("22 nov.
 * 2026, 10:00", "1,2 km", "2,50").
 *
 * Times are shown in one time zone for everybody: the community's, which is the box's own (its system clock's zone),
 * since the people reading a page are where the box is. Tests pass one explicitly.
 *
 * In the pseudo-locale each formatted value is marked `⟦…⟧` like a translated sentence, so the pseudo-locale test can
 * tell a date that went through here from words that were written into a page.
 */
export interface Formats {
  /** "22 Nov 2026" / "22 nov. 2026". */
  date(when: string | Date): string;
  /** "22 Nov 2026, 10:00" / "22 nov. 2026, 10:00". */
  dateTime(when: string | Date): string;
  /** "10:00". */
  time(when: string | Date): string;
  /** "just now", "5 minutes ago", "in 3 days" / "à l’instant", "il y a 5 minutes", "dans 3 jours". */
  relative(when: string | Date, now: Date): string;
  /** A count or a measure: "1234", "12,345" / "12 345", "2.5" / "2,5". */
  number(value: number | bigint): string;
  /** "850 m", "1.2 km", "42 km" / "1,2 km". */
  distance(metres: number): string;
  /** An amount in minor units: "1:30" for a currency counted in minutes, "2.50" / "2,50" for hundredths. */
  amount(minor: number, scale: 60 | 100): string;
}

export interface FormatOptions {
  /** The IANA zone times are shown in; the box's own zone when not given. */
  timeZone?: string;
}

/** The `Intl` locale for each language the box renders. */
function intlLocale(locale: RenderLocale): string {
  return locale === 'fr' ? 'fr' : 'en-GB';
}

/**
 * The formats of one locale. `t` gives the words `Intl` has no exact form for ("just now"); it is the translator of
 * the same locale.
 */
export function formatsFor(locale: RenderLocale, t: Translate, options: FormatOptions = {}): Formats {
  const mark = locale === PSEUDO_LOCALE ? (text: string) => `⟦${text}⟧` : (text: string) => text;
  const { dateFormat, dateTimeFormat, timeFormat, relativeFormat, numberFormat, tenthsFormat, decimalSeparator } =
    intlFormats(intlLocale(locale), options.timeZone);

  // A stored time that names no real instant (one a sibling box sent before times were checked) shows as a dash: a
  // page never fails on what is stored.
  const formatted = (when: string | Date, format: (date: Date) => string) => {
    const date = toDate(when);
    return Number.isNaN(date.getTime()) ? mark(NO_TIME) : mark(format(date));
  };
  return {
    date: (when) => formatted(when, (date) => dateFormat.format(date)),
    dateTime: (when) => formatted(when, (date) => dateTimeFormat.format(date)),
    time: (when) => formatted(when, (date) => timeFormat.format(date)),
    relative(when, now) {
      if (Number.isNaN(toDate(when).getTime())) return mark(NO_TIME);
      const age = relativeAge(toDate(when), now);
      return age === null ? t('common.time.justNow') : mark(relativeFormat.format(age.count, age.unit));
    },
    number: (value) => mark(numberFormat.format(value)),
    distance(metres) {
      const shown = roundDistance(metres);
      if (shown.unit === 'm') return mark(`${numberFormat.format(shown.value)} m`);
      const figure = shown.tenths ? tenthsFormat.format(shown.value) : numberFormat.format(shown.value);
      return mark(`${figure} km`);
    },
    amount: (minor, scale) => mark(formatAmountWith(minor, scale, decimalSeparator)),
  };
}

/** What is shown for a time that names no real instant. */
const NO_TIME = '—';

type IntlFormats = ReturnType<typeof makeIntlFormats>;
const intlCache = new Map<string, IntlFormats>();

/** `Intl`'s formatters are slow to build and safe to share: one set per language and zone, for every request. */
function intlFormats(tag: string, timeZone: string | undefined): IntlFormats {
  const key = `${tag} ${timeZone ?? ''}`;
  let formats = intlCache.get(key);
  if (!formats) {
    formats = makeIntlFormats(tag, timeZone);
    intlCache.set(key, formats);
  }
  return formats;
}

function makeIntlFormats(tag: string, timeZone: string | undefined) {
  return {
    dateFormat: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeZone }),
    dateTimeFormat: new Intl.DateTimeFormat(tag, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    timeFormat: new Intl.DateTimeFormat(tag, { timeStyle: 'short', timeZone }),
    relativeFormat: new Intl.RelativeTimeFormat(tag, { numeric: 'always' }),
    // 'min2': grouping from five digits on, so "1234" stays as it was and "12,345" / "12 345" is still readable.
    numberFormat: new Intl.NumberFormat(tag, { useGrouping: 'min2' }),
    tenthsFormat: new Intl.NumberFormat(tag, {
      useGrouping: 'min2',
      minimumFractionDigits: 1,
      maximumFractionDigits: 1,
    }),
    decimalSeparator: new Intl.NumberFormat(tag).formatToParts(1.5).find((p) => p.type === 'decimal')?.value ?? '.',
  };
}

function toDate(when: string | Date): Date {
  return typeof when === 'string' ? new Date(when) : when;
}

const UNITS: readonly [Intl.RelativeTimeFormatUnit, number][] = [
  ['minute', 60],
  ['hour', 3600],
  ['day', 86_400],
  ['week', 604_800],
  ['month', 2_629_800],
  ['year', 31_557_600],
];

/** The largest whole unit of the time between `when` and `now` (negative: in the past), or null under a minute. */
function relativeAge(when: Date, now: Date): { count: number; unit: Intl.RelativeTimeFormatUnit } | null {
  const seconds = (when.getTime() - now.getTime()) / 1000;
  const abs = Math.abs(seconds);
  if (abs < 60) return null;
  let chosen = UNITS[0]!;
  for (const unit of UNITS) if (abs >= unit[1]) chosen = unit;
  return { count: Math.trunc(seconds / chosen[1]), unit: chosen[0] };
}

/**
 * A distance rounded as people say it: tens of metres under a kilometre, tenths of a kilometre under 100 km, whole
 * kilometres beyond. The unit is chosen by the figure as it will be rounded, not as measured: 996 m would round to
 * "1000 m", so it is "1.0 km"; 99.97 km would be "100.0 km", so it is "100 km".
 */
function roundDistance(metres: number): { unit: 'm' | 'km'; value: number; tenths: boolean } {
  const tensOfMetres = Math.round(metres / 10);
  if (tensOfMetres < 100) return { unit: 'm', value: Math.max(10, tensOfMetres * 10), tenths: false };
  const tenthsOfKm = Math.max(10, Math.round(metres / 100));
  if (tenthsOfKm < 1000) return { unit: 'km', value: tenthsOfKm / 10, tenths: true };
  return { unit: 'km', value: Math.max(100, Math.round(metres / 1000)), tenths: false };
}

/**
 * An amount in minor units with integer arithmetic only (no float near a balance): "1:30" or "-0:45" for minutes in
 * every language (a time is read so everywhere), whole and hundredths joined by the language's decimal separator
 * otherwise. No grouping, as the ledger has always shown them, so a figure reads the same in a form and on a page.
 */
function formatAmountWith(minor: number, scale: 60 | 100, decimalSeparator: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / scale);
  const rest = String(abs % scale).padStart(2, '0');
  return `${sign}${whole}${scale === 60 ? ':' : decimalSeparator}${rest}`;
}
