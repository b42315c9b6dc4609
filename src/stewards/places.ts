import type { DB } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { insertPlace, placeNameTaken } from '../members/places.queries.js';

/** A place people can pick instead of typing coordinates; names are unique, so a list of them reads clearly. */
export async function addPlace(trx: DB, place: { name: string; lat: number; lon: number }): Promise<void> {
  if (await placeNameTaken(trx, place.name)) throw new Invalid({ name: msg('stewards.places.taken') });
  await insertPlace(trx, place);
}
