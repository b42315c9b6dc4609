import { z } from 'zod';
import { type Message, msg } from '../lib/messages.js';

/**
 * Amounts as people type and read them, and as the ledger stores them: whole
 * minor units (minutes, hundredths). Parsing works on the digits as text and
 * integer arithmetic, never on a float, so "0.1" is exactly what was meant.
 */

/** Minor units per unit: 60 for hours counted in minutes ("1:30"), 100 for hundredths ("2.50"). */
export type Scale = 60 | 100;

/**
 * The largest amount one transfer may carry: a billion minor units is far beyond any community's needs, and exact in a
 * double.
 */
const MAX_AMOUNT = 1_000_000_000;

/**
 * The field a refusal names (`{field}` in the ledger's `amount.*` sentences): a transfer's amount, a listing's price,
 * an account's lowest or highest balance.
 */
export type AmountField = 'amount' | 'price' | 'lower' | 'upper';

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: Message };

/** An amount field's schema messages, as catalogue keys; `tooLong` and `tooLarge` may use `{max}`. */
export interface AmountMessages {
  /** Neither text nor a number. */
  readonly form: string;
  readonly tooLong: string;
  /** A number of minor units that is not whole. */
  readonly whole: string;
  readonly positive: string;
  /** A number of minor units over the most the field takes. */
  readonly tooLarge: string;
}

const TRANSFER_AMOUNT: AmountMessages = {
  form: 'ledger.field.amount.form',
  tooLong: 'ledger.field.amount.tooLong',
  whole: 'ledger.field.amount.whole',
  positive: 'ledger.field.amount.positive',
  tooLarge: 'ledger.field.amount.tooLarge',
};

/**
 * An amount in a form or an API body, before its currency is known: text as
 * people type it ("1:30"), or a whole number of minor units (from the API).
 * `toMinorUnits` reads it once the currency, and so its scale, is.
 */
export function amountField(messages = TRANSFER_AMOUNT, max = MAX_AMOUNT) {
  return z.union(
    [
      z.string({ error: messages.form }).max(40, messages.tooLong),
      z.number().int(messages.whole).min(1, messages.positive).max(max, messages.tooLarge),
    ],
    { error: messages.form },
  );
}

/** What `amountField` gave, in minor units of a currency of `scale`, at most `max`; messages name `field`. */
export function toMinorUnits(
  amount: string | number,
  scale: Scale,
  field: AmountField = 'amount',
  max = MAX_AMOUNT,
): ParsedAmount {
  if (typeof amount === 'number') return { ok: true, minor: amount };
  const parsed = parseAmount(amount, scale, field);
  if (parsed.ok && parsed.minor > max)
    return { ok: false, message: msg('ledger.amount.tooLarge', { field, max: formatAmount(max, scale) }) };
  return parsed;
}

const TIME = /^(\d{1,9}):([0-5]\d)$/;
// A decimal point, or the decimal comma French and Belgian members write ("2,50"). After a comma, one or two digits
// only: "1,000" is a thousand to an English reader and one to a French one, so it is refused rather than guessed.
const DECIMAL = /^(\d{0,9})(?:\.(\d{1,6})|,(\d{1,2}))?$/;
const MINUTES = /^(\d{1,10})\s*m(?:in(?:utes?)?)?$/;

/**
 * A positive amount typed by a person, for a currency of `scale`. Accepted:
 * "H:MM" and "90m" (time currencies), and a decimal with no more precision
 * than the currency has ("1.25" hours is 75 minutes; "1.01" hours is refused),
 * with a decimal point or a decimal comma ("2,50", as French pages show it).
 */
export function parseAmount(typed: string, scale: Scale, field: AmountField = 'amount'): ParsedAmount {
  const text = typed
    .trim()
    .replace(/^\+/, '')
    .replace(/\s*(h|hours?)$/i, '');
  const refuse = (key: string, values: Record<string, string> = {}): ParsedAmount => ({
    ok: false,
    message: msg(`ledger.amount.${key}`, { field, ...values }),
  });
  // The examples the sentence gives are the currency's own forms.
  const notANumber = () => refuse('number', { scale: scale === 60 ? 'minutes' : 'hundredths' });
  if (text === '') return refuse('required');
  if (text.length > 20) return notANumber();
  let minor: bigint;
  const time = TIME.exec(text);
  const minutes = MINUTES.exec(text);
  const decimal = DECIMAL.exec(text);
  if (scale === 60 && time) {
    minor = BigInt(time[1]!) * 60n + BigInt(time[2]!);
  } else if (scale === 60 && minutes) {
    minor = BigInt(minutes[1]!);
  } else if (decimal && (decimal[1] !== '' || decimal[2] !== undefined || decimal[3] !== undefined)) {
    const whole = BigInt(decimal[1] || '0');
    const fraction = decimal[2] ?? decimal[3] ?? '';
    const denominator = 10n ** BigInt(fraction.length);
    const scaled = BigInt(fraction || '0') * BigInt(scale);
    if (scaled % denominator !== 0n) {
      return refuse(scale === 60 ? 'wholeMinutes' : 'twoDecimals');
    }
    minor = whole * BigInt(scale) + scaled / denominator;
  } else if (scale === 60 && /^\d{1,9}:\d{2}$/.test(text)) {
    // "1:75": minutes past 59. Say what was probably meant, rather than only what is accepted.
    const [hours, mins] = text.split(':').map(Number) as [number, number];
    return refuse('minutesPast59', { typed: text, meant: formatAmount(hours * 60 + mins, 60) });
  } else {
    return notANumber();
  }
  if (minor <= 0n) return refuse('positive');
  if (minor > BigInt(MAX_AMOUNT)) return refuse('tooLarge', { max: formatAmount(MAX_AMOUNT, scale) });
  return { ok: true, minor: Number(minor) };
}

/** An amount in minor units as people read it: "1:30" or "-0:45" for time, "2.50" for hundredths. */
export function formatAmount(minor: number, scale: Scale): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  const whole = Math.floor(abs / scale);
  const rest = abs % scale;
  return `${sign}${whole}${scale === 60 ? ':' : '.'}${String(rest).padStart(2, '0')}`;
}

/**
 * A limit typed by a steward or an admin: an amount that may also be zero or
 * (for a lower limit) negative. Returns minor units, or a message.
 */
export function parseSignedAmount(typed: string, scale: Scale, field: AmountField): ParsedAmount {
  const text = typed.trim();
  if (/^0+(?:[.,:]0*)?$/.test(text)) return { ok: true, minor: 0 };
  const negative = text.startsWith('-');
  const parsed = parseAmount(negative ? text.slice(1) : text, scale, field);
  return parsed.ok ? { ok: true, minor: negative ? -parsed.minor : parsed.minor } : parsed;
}
