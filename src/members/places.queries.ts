import type { DB } from '../db/database.js';

/** A named spot near the community (a village, an estate) that members can pick instead of typing coordinates. */
export interface Place {
  id: number;
  name: string;
  lat: number;
  lon: number;
}

export async function findPlaces(db: DB): Promise<Place[]> {
  return db.selectFrom('places').select(['id', 'name', 'lat', 'lon']).orderBy('name').execute();
}

export async function findPlace(db: DB, id: number): Promise<Place | null> {
  return (
    (await db.selectFrom('places').select(['id', 'name', 'lat', 'lon']).where('id', '=', id).executeTakeFirst()) ?? null
  );
}

export async function placeNameTaken(db: DB, name: string): Promise<boolean> {
  return (await db.selectFrom('places').select('id').where('name', '=', name).executeTakeFirst()) !== undefined;
}

export async function insertPlace(db: DB, place: Omit<Place, 'id'>): Promise<void> {
  await db.insertInto('places').values(place).execute();
}

/** Members who had picked the place keep their stored coordinates; only the name goes. */
export async function deletePlace(db: DB, id: number): Promise<boolean> {
  const result = await db.deleteFrom('places').where('id', '=', id).executeTakeFirst();
  return result.numDeletedRows > 0n;
}
