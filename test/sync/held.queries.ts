import type { DB } from '../../src/db/database.js';

/** What a box holds from its siblings, straight from its tables: the property tests check it all after each run. */

export async function heldRecords(db: DB) {
  return db.selectFrom('listing_records').select(['origin', 'listing_id', 'seq', 'signed']).execute();
}

export async function shownRemoteListings(db: DB) {
  return db
    .selectFrom('remote_listings')
    .select(['id', 'origin', 'origin_seq', 'created_at', 'expires_at', 'public_lat', 'public_lon'])
    .execute();
}

/** The sequence number of the record its box issued for one of its own listings, if issued yet. */
export async function issuedRecordOf(db: DB, listingId: string) {
  return db.selectFrom('listing_records').select('seq').where('listing_id', '=', listingId).executeTakeFirst();
}

export async function progressMarks(db: DB) {
  return db.selectFrom('listing_record_progress').select(['origin', 'complete_seq']).execute();
}

/** The conversations a box holds about one of its listings, with the name it stored for the sibling's member. */
export async function conversationsAbout(db: DB, listingId: string) {
  return db
    .selectFrom('federated_conversations')
    .select(['uuid', 'other_name'])
    .where('listing_id', '=', listingId)
    .execute();
}
