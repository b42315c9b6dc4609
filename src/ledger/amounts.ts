import { z } from 'zod';

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

export type ParsedAmount = { ok: true; minor: number } | { ok: false; message: string };

/**
 * An amount in a form or an API body, before its currency is known: text as
 * people type it ("1:30"), or a whole number of minor units (from the API).
 * `toMinorUnits` reads it once the currency, and so its scale, is.
 */
export function amountField(label = 'Amount', max = MAX_AMOUNT) {
  const error = `${label} must be text such as "1:30" or a whole number of minor units.`;
  return z.union(
    [
      z.string({ error }).max(40, `${label} can be at most 40 characters.`),
      z
        .number()
        .int(`${label} in minor units must be a whole number.`)
        .min(1, `${label} must be more than zero.`)
        .max(max, `${label} can be at most ${max} minor units.`),
    ],
    { error },
  );
}

/**
 * What `amountField` gave, in minor units of a currency of `scale`, at most `max`; messages name the field as `label`.
 */
export function toMinorUnits(amount: string | number, scale: Scale, label = 'Amount', max = MAX_AMOUNT): ParsedAmount {
  if (typeof amount === 'number') return { ok: true, minor: amount };
  const parsed = parseAmount(amount, scale);
  if (!parsed.ok) return { ok: false, message: parsed.message.replace(/^Amount/, label) };
  if (parsed.minor > max) return { ok: false, message: `${label} must be at most ${formatAmount(max, scale)}.` };
  return parsed;
}

const TIME = /^(\d{1,9}):([0-5]\d)$/;
// A decimal point, or the decimal comma French and Belgian members write ("2,50"). After a comma, one or two digits
// only: "1,000" is a thousand to an English reader and one to a French one, so it is refused rather than guessed.
const DECIMAL = /^(\d{0,9})(?:\.(\d{1,6})|,(\d{1,2}))?$/;
const MINUTES = /^(\d{1,10})\s*m(?:in(?:utes?)?)?$/;

function example(scale: Scale): string {
  return scale === 60 ? '"1:30", "1.5" or "90m"' : '"2.50" or "2"';
}

/**
 * A positive amount typed by a person, for a currency of `scale`. Accepted:
 * "H:MM" and "90m" (time currencies), and a decimal with no more precision
 * than the currency has ("1.25" hours is 75 minutes; "1.01" hours is refused),
 * with a decimal point or a decimal comma ("2,50", as French pages show it).
 */
export function parseAmount(typed: string, scale: Scale): ParsedAmount {
  const text = typed
    .trim()
    .replace(/^\+/, '')
    .replace(/\s*(h|hours?)$/i, '');
  const refuse = (message: string): ParsedAmount => ({ ok: false, message });
  if (text === '') return refuse('Amount is required.');
  if (text.length > 20) return refuse(`Amount must be a number such as ${example(scale)}.`);
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
      return refuse(
        scale === 60
          ? 'Amount must come to whole minutes: use "1:20" rather than "1.33".'
          : 'Amount can have at most two decimal places.',
      );
    }
    minor = whole * BigInt(scale) + scaled / denominator;
  } else if (scale === 60 && /^\d{1,9}:\d{2}$/.test(text)) {
    // "1:75": minutes past 59. Say what was probably meant, rather than only what is accepted.
    const [hours, mins] = text.split(':').map(Number) as [number, number];
    return refuse(
      `Amount: the minutes after the colon run from 00 to 59, so "${text}" would be "${formatAmount(hours * 60 + mins, 60)}".`,
    );
  } else {
    return refuse(`Amount must be a number such as ${example(scale)}.`);
  }
  if (minor <= 0n) return refuse('Amount must be more than zero.');
  if (minor > BigInt(MAX_AMOUNT)) return refuse(`Amount must be at most ${formatAmount(MAX_AMOUNT, scale)}.`);
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
export function parseSignedAmount(typed: string, scale: Scale): ParsedAmount {
  const text = typed.trim();
  if (/^0+(?:[.,:]0*)?$/.test(text)) return { ok: true, minor: 0 };
  const negative = text.startsWith('-');
  const parsed = parseAmount(negative ? text.slice(1) : text, scale);
  return parsed.ok ? { ok: true, minor: negative ? -parsed.minor : parsed.minor } : parsed;
}
