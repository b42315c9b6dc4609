import type { DB } from '../db/database.js';
import type { Photo } from './photos.js';

/** A listing's one photo, re-encoded already: stored, or put in place of the one it had. */
export async function putPhoto(db: DB, listingSeq: number, photo: Photo): Promise<void> {
  await db
    .insertInto('listing_photos')
    .values({
      listing_seq: listingSeq,
      content_type: photo.contentType,
      data: photo.data,
      width: photo.width,
      height: photo.height,
    })
    .onConflict((oc) =>
      oc
        .column('listing_seq')
        .doUpdateSet({ content_type: photo.contentType, data: photo.data, width: photo.width, height: photo.height }),
    )
    .execute();
}

export async function findPhoto(db: DB, listingSeq: number): Promise<{ contentType: string; data: Buffer } | null> {
  const row = await db
    .selectFrom('listing_photos')
    .select(['content_type', 'data'])
    .where('listing_seq', '=', listingSeq)
    .executeTakeFirst();
  return row ? { contentType: row.content_type, data: row.data } : null;
}
