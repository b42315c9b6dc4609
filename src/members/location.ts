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
