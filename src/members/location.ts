import { z } from 'zod';
import { msg } from '../lib/messages.js';
import type { DB } from '../db/database.js';
import { coordinate, wholeNumber } from '../lib/fields.js';
import { findPlace } from './places.queries.js';

/**
 * A member's stored location is exact and private. Anything shown to someone
 * else is snapped to a grid of about 200 m, so it says "this part of the
 * village" and never "this house". The grid is 0.002° of latitude (~222 m)
 * and a longitude step scaled by latitude so cells stay roughly square.
 */
const LAT_STEP = 0.002;

export interface LatLon {
  lat: number;
  lon: number;
}

export function roundLocation(point: LatLon): LatLon {
  const lat = snap(point.lat, LAT_STEP);
  const lonStep = LAT_STEP / Math.max(Math.cos((lat * Math.PI) / 180), 0.1);
  return { lat: round6(lat), lon: round6(snap(point.lon, lonStep)) };
}

function snap(value: number, step: number): number {
  return Math.round(value / step) * step;
}

function round6(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}

/**
 * The location fields of a form. People pick the place nearest them from the
 * community's list, or type coordinates (which the browser's geolocation fills
 * where it is allowed). Typed coordinates win when both are given, because they
 * are what the person did last.
 */
const PLACE_KEYS = { whole: 'members.field.place', min: 'members.field.place', max: 'members.field.place' };

export const locationSchema = z
  .object({
    place_id: z.preprocess(blankToUndefined, wholeNumber(PLACE_KEYS, 1, Number.MAX_SAFE_INTEGER).optional()),
    lat: z.preprocess(
      blankToUndefined,
      coordinate({ number: 'members.field.latForm', range: 'members.field.latRange' }, 90).optional(),
    ),
    lon: z.preprocess(
      blankToUndefined,
      coordinate({ number: 'members.field.lonForm', range: 'members.field.lonRange' }, 180).optional(),
    ),
  })
  .transform((fields, ctx): LocationChoice => {
    if (fields.lat !== undefined && fields.lon !== undefined) return { lat: fields.lat, lon: fields.lon };
    if (fields.lat !== undefined || fields.lon !== undefined) {
      const missing = fields.lat === undefined ? 'lat' : 'lon';
      ctx.addIssue({
        code: 'custom',
        path: [missing],
        message: 'members.field.bothCoordinates',
      });
      return z.NEVER;
    }
    if (fields.place_id !== undefined) return { placeId: fields.place_id };
    ctx.addIssue({
      code: 'custom',
      path: ['place_id'],
      message: 'members.field.pickPlace',
    });
    return z.NEVER;
  });

export type LocationChoice = { placeId: number } | LatLon;

/** Where a member is: exact (private) coordinates, and the listed place they picked, if any. */
export interface MemberLocation extends LatLon {
  placeId: number | null;
}

/** The chosen place's coordinates, or the typed ones; null when the place is no longer listed. */
export async function resolveLocation(db: DB, choice: LocationChoice): Promise<MemberLocation | null> {
  if (!('placeId' in choice)) return { lat: choice.lat, lon: choice.lon, placeId: null };
  const place = await findPlace(db, choice.placeId);
  return place ? { lat: place.lat, lon: place.lon, placeId: place.id } : null;
}

/** A chosen place that was removed from the list after the form was shown (`resolveLocation` gave null). */
export const placeGone = msg('members.field.placeGone');

function blankToUndefined(value: unknown): unknown {
  return value === null || (typeof value === 'string' && value.trim() === '') ? undefined : value;
}
