import { z } from 'zod';
import type { ListingKind, ListingTerms } from './listings.table.js';
import { type Message, msg } from '../lib/messages.js';
import { checkbox, choice, optionalText, requiredText } from '../lib/fields.js';
import { amountField, formatAmount } from '../ledger/amounts.js';
import type { Currency } from '../ledger/ledger.js';
import type { LatLon } from '../members/location.js';

/**
 * Offers and wants: the rules. SQL is in `listings.queries.ts`; what a viewer
 * may see is decided there too, in one WHERE clause used by every page, the
 * feed and the API.
 */

export const LISTING_KINDS = ['offer', 'want'] as const satisfies readonly ListingKind[];

export const CATEGORIES = ['food', 'goods', 'services', 'skills', 'tools', 'housing', 'transport', 'other'] as const;
export type Category = (typeof CATEGORIES)[number];
export const TERMS = ['price', 'free', 'swap', 'negotiable'] as const satisfies readonly ListingTerms[];
/** Derived when read, never stored: a missed job can never leave an expired listing looking active. */
export const STATUSES = ['active', 'promised', 'done', 'withdrawn', 'expired'] as const;
export type ListingStatus = (typeof STATUSES)[number];

export const EXPIRY_DAYS = 30;
export const REMINDER_DAYS_BEFORE = 3;
/** Listings expired (or closed) this long ago leave "My listings" unless asked for. */
export const ARCHIVE_AFTER_DAYS = 30;

export const RADII_KM = [1, 2, 5, 10, 25, 50] as const;
export const PAGE_SIZE = 20;

export type ListingVisibilityChoice = { type: 'members' } | { type: 'public' } | { type: 'group'; groupId: number };

/**
 * How a listing is paid for. A price is in one of the box's currencies (the
 * ledger's), its amount in that currency's minor units (minutes, hundredths),
 * as the ledger keeps amounts.
 */
export type Terms = Price | Unpriced;
export type Price = { type: 'price'; amount: number; currency: string };
type Unpriced = { type: Exclude<ListingTerms, 'price'> };

/**
 * Terms as a form or the API gives them: a price's amount as typed ("1:30") or
 * a whole number of minor units, its currency a code. Posting checks the code
 * against the author's currencies and reads the amount by that currency's rules.
 */
export type TypedTerms = { type: 'price'; amount: string | number; currency: string } | Unpriced;

/**
 * The most a price may be, in minor units: what the regional protocol carries
 * (sync/PROTOCOL.md), so every price can be shared with neighbouring towns.
 */
export const MAX_PRICE = 1_000_000;

/** Someone as a member sees them: their name if their profile shows it to this member, otherwise their handle. */
export interface PersonShown {
  id: number;
  handle: string;
  name: string;
}

/**
 * Someone a listing names (its author, who it is promised to), as one viewer may see them: as a member sees them,
 * or, for a visitor their name is hidden from, neither name nor handle (a handle is made from the name, so it would
 * tell who they are).
 */
export type ListingPerson = PersonShown | { id: number; handle: null; name: null };

/** A listing as one viewer may see it. */
export interface Listing {
  seq: number;
  id: string;
  kind: ListingKind;
  title: string;
  description: string;
  category: Category;
  terms: Terms;
  /** Rounded to about 200 m; every distance is measured from here. */
  location: LatLon;
  town: string | null;
  author: ListingPerson;
  visibility: ListingVisibilityChoice;
  /** Shared with neighbouring towns' boxes. */
  regional: boolean;
  groupName: string | null;
  status: ListingStatus;
  promisedTo: ListingPerson | null;
  createdAt: string;
  expiresAt: string;
  hasPhoto: boolean;
  /** Metres from the viewer's chosen centre, when there is one. */
  distanceM: number | null;
  /** The exact point: present only for the author. */
  exact?: LatLon;
}

/** `members`, `public` or `group:<id>`: how forms and the API spell a visibility. */
export function visibilityValue(visibility: ListingVisibilityChoice): string {
  return visibility.type === 'group' ? `group:${visibility.groupId}` : visibility.type;
}

/**
 * A listing's fields as its form (and the API's PATCH) takes them, to edit
 * what is stored: the price as the ledger writes it in its currency. A price
 * in a code none of `currencies` has leaves the amount blank: its figure means
 * nothing in any currency here, so it is typed again rather than reread in another unit.
 */
export function listingFormValues(listing: Listing, currencies: readonly Currency[]): Record<string, string> {
  const t = listing.terms;
  const price = t.type === 'price' ? showPrice(t, currencies) : null;
  return {
    kind: listing.kind,
    title: listing.title,
    description: listing.description,
    category: listing.category,
    terms: t.type,
    price_amount: price?.known ? price.amount : '',
    price_currency: price?.currency ?? '',
    visibility: visibilityValue(listing.visibility),
    regional: listing.regional ? '1' : '',
  };
}

/**
 * Why a listing's stored price cannot be edited as it is: its code is none of
 * `currencies` (typed as free text before prices were in the box's
 * currencies), so its figure means nothing here and must be given again.
 * Null for any other listing.
 */
export function unknownPriceMessage(listing: Listing, currencies: readonly Currency[]): Message | null {
  const t = listing.terms;
  if (t.type !== 'price' || currencies.some((c) => c.code === t.currency)) return null;
  return msg('listings.error.unknownPrice', { amount: String(t.amount), currency: t.currency });
}

/** A price as people read it. */
export interface PriceShown {
  /** In its currency's own format ("1:30", "2.50") when `known`; otherwise the stored figure as it is. */
  amount: string;
  currency: string;
  /** Whether one of the currencies it was shown with has its code. */
  known: boolean;
}

/**
 * What showing a price needs of its currency: the code, and the minor units per
 * unit. The box's own currencies, or a neighbouring town's as its record gives it.
 */
export type CurrencyUnit = Pick<Currency, 'code' | 'scale'>;

/**
 * A price shown as the ledger shows amounts, when one of `currencies` has its
 * code. Another code (typed as free text before prices were in the box's
 * currencies, or a neighbouring town's whose record gave no scale) is shown as
 * it is, with the stored figure.
 */
export function showPrice(price: Price, currencies: readonly CurrencyUnit[]): PriceShown {
  const currency = currencies.find((c) => c.code === price.currency);
  return currency
    ? { amount: formatAmount(price.amount, currency.scale), currency: currency.code, known: true }
    : { amount: String(price.amount), currency: price.currency, known: false };
}

/**
 * A bounding box a little larger than the circle of `radiusM` around `centre`,
 * for the spatial index prefilter; the exact geodesic test follows it. A degree
 * of latitude is at least 110.5 km anywhere on the ellipsoid, and a degree of
 * longitude shrinks with the cosine of the latitude nearest a pole inside the
 * box. Near a pole or across the antimeridian it takes every longitude.
 */
export function boundingBox(
  centre: LatLon,
  radiusM: number,
): { minLon: number; minLat: number; maxLon: number; maxLat: number } {
  const margin = 1.02;
  const dLat = (radiusM * margin) / 110_500;
  const minLat = Math.max(-90, centre.lat - dLat);
  const maxLat = Math.min(90, centre.lat + dLat);
  const farthest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos((farthest * Math.PI) / 180);
  const dLon = cos < 1e-6 ? 360 : (radiusM * margin) / (111_320 * cos);
  if (dLon >= 180 || centre.lon - dLon < -180 || centre.lon + dLon > 180)
    return { minLon: -180, minLat, maxLon: 180, maxLat };
  return { minLon: centre.lon - dLon, minLat, maxLon: centre.lon + dLon, maxLat };
}

/** Caps that keep any keyword input cheap to search. */
const MAX_QUERY_CHARS = 200;
const MAX_TERMS = 8;

/**
 * An FTS5 MATCH expression from whatever someone typed: words only, each a
 * quoted string (so `NEAR`, `AND`, `*`, quotes and brackets are just text)
 * with a prefix `*`, all required. Null when nothing searchable is left.
 */
export function matchExpression(input: string): string | null {
  const words = input
    .slice(0, MAX_QUERY_CHARS)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '')
    .slice(0, MAX_TERMS);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' ');
}

const CURRENCY = /^[A-Z][A-Z0-9]{1,7}$/;

function blankToUndefined(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}

/** `members`, `public`, or `group:<id>` as a form's select sends it. */
const visibilityField = z
  .string({ error: 'listings.field.visibilityRequired' })
  .transform((value, ctx): ListingVisibilityChoice => {
    if (value === 'members' || value === 'public') return { type: value };
    const match = /^group:(\d{1,12})$/.exec(value);
    if (match) return { type: 'group', groupId: Number(match[1]) };
    ctx.addIssue({ code: 'custom', message: 'listings.error.visibility' });
    return z.NEVER;
  });

/**
 * A price's amount before its currency is known, by the ledger's rules for an amount (text as people type it, "1:30",
 * or a whole number of minor units from the API), with this catalogue's words: `toMinorUnits` reads it once the
 * currency, and so its scale, is.
 */
const priceField = amountField(
  {
    form: 'listings.field.priceForm',
    tooLong: 'listings.field.priceTooLong',
    whole: 'listings.field.priceWhole',
    positive: 'listings.field.pricePositive',
    tooLarge: 'listings.field.priceTooLarge',
  },
  MAX_PRICE,
);

/**
 * The fields of a listing, from the form or the API (its location fields are
 * `locationSchema`'s). The price is required exactly when the terms are a price;
 * whether its currency exists, and what its amount is, posting decides (`posting.ts`).
 */
export const listingSchema = z
  .object({
    kind: choice({ choose: 'listings.field.kind' }, LISTING_KINDS),
    title: requiredText(
      {
        notText: 'listings.field.titleNotText',
        tooLong: 'listings.field.titleTooLong',
        required: 'listings.field.titleRequired',
      },
      100,
    ),
    description: optionalText(
      { notText: 'listings.field.descriptionNotText', tooLong: 'listings.field.descriptionTooLong' },
      4000,
    ),
    category: choice({ choose: 'listings.field.category' }, CATEGORIES),
    terms: choice({ choose: 'listings.field.terms' }, TERMS),
    price_amount: z.preprocess(blankToUndefined, priceField.optional()),
    price_currency: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toUpperCase() || undefined : (v ?? undefined)),
      z.string({ error: 'listings.field.currencyNotText' }).regex(CURRENCY, 'listings.field.currencyForm').optional(),
    ),
    visibility: z.preprocess((v) => v ?? 'members', visibilityField),
    regional: checkbox({ boolean: 'listings.field.regional' }),
  })
  .transform((fields, ctx) => {
    let terms: TypedTerms;
    if (fields.terms === 'price') {
      if (fields.price_amount === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['price_amount'],
          message: 'listings.field.priceRequired',
        });
      if (fields.price_currency === undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['price_currency'],
          message: 'listings.field.currencyRequired',
        });
      if (fields.price_amount === undefined || fields.price_currency === undefined) return z.NEVER;
      terms = { type: 'price', amount: fields.price_amount, currency: fields.price_currency };
    } else {
      terms = { type: fields.terms };
    }
    // Neighbouring towns' boxes cannot keep a group's secret: only a members or public listing can be shared.
    if (fields.regional && fields.visibility.type === 'group') {
      ctx.addIssue({
        code: 'custom',
        path: ['regional'],
        message: 'listings.field.regionalGroup',
      });
      return z.NEVER;
    }
    return {
      kind: fields.kind,
      title: fields.title,
      description: fields.description,
      category: fields.category,
      terms,
      visibility: fields.visibility,
      regional: fields.regional,
    };
  });

/** A listing as the form or the API gave it, its price not yet checked. */
export type ListingFields = z.output<typeof listingSchema>;

/** A listing as it is written: its price in a currency of the box, in minor units. */
export type ListingInput = Omit<ListingFields, 'terms'> & { terms: Terms };
