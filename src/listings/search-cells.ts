/**
 * The grid cells in the keyword index (migration 2026-12-04T09-00): each
 * listing's full-text row holds one token per level naming the cell of
 * 0.01° × 2^level its public point lies in. A keyword search near a place
 * matches the keyword AND the cells covering its box, so FTS5 intersects the
 * two lists in one pass: reading a common word's thousands of matches and
 * checking each against the spatial index costs several times more.
 *
 * The tokens must be exactly those the migration's generated column makes:
 * the same arithmetic (hundredths of a degree, one multiplication of the same
 * doubles, then integer shifts). test/listings/search-cells.test.ts checks
 * them against the database.
 */
const LEVELS = 9;
/**
 * Cells per box side, at most, on the latitude side: the finest level whose
 * cells are at least a third of the box's height. Finer cells fit the box more
 * tightly but name more tokens; at this size the cells cover about two to four
 * times the box. Longitude degrees are shorter (at 52°N, 0.62 of a latitude
 * degree), so a box spans more cells east to west.
 */
const CELLS_PER_SIDE = 3;
/** Beyond this many cells (a box near a pole, or wider than the coarsest level), the spatial index does better. */
const MAX_CELLS = 48;

const hundredthsOfLon = (lon: number) => Math.trunc((lon + 180) * 100);
const hundredthsOfLat = (lat: number) => Math.trunc((lat + 90) * 100);
/** U+E000 first, so no keyword can match a cell (see the migration). */
const token = (level: number, x: number, y: number) => `\u{E000}g${level}x${x}y${y}`;

/** The tokens a listing at this public point is indexed under, as the generated column has them. */
export function cellTokensOf(point: { lat: number; lon: number }): string[] {
  return Array.from({ length: LEVELS }, (_, level) =>
    token(level, hundredthsOfLon(point.lon) >> level, hundredthsOfLat(point.lat) >> level),
  );
}

/**
 * An FTS5 expression matching the listings whose public point lies in a cell
 * touching the box (so every listing inside the box, and some near it), or
 * null when the box needs too many cells to be worth it.
 */
export function cellsCovering(box: { minLat: number; maxLat: number; minLon: number; maxLon: number }): string | null {
  const wanted = ((box.maxLat - box.minLat) * 100) / CELLS_PER_SIDE;
  let level = 0;
  while (level < LEVELS - 1 && 2 ** level < wanted) level++;
  const [x0, x1] = [hundredthsOfLon(box.minLon) >> level, hundredthsOfLon(box.maxLon) >> level];
  const [y0, y1] = [hundredthsOfLat(box.minLat) >> level, hundredthsOfLat(box.maxLat) >> level];
  if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS) return null;
  const tokens: string[] = [];
  // Quoted: FTS5 barewords are ASCII.
  for (let x = x0; x <= x1; x++) for (let y = y0; y <= y1; y++) tokens.push(`"${token(level, x, y)}"`);
  return `(${tokens.join(' OR ')})`;
}
