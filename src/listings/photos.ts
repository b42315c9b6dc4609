import type SharpModule from 'sharp';
import type { DB } from '../db/database.js';
import { Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';

/** Uploads larger than this are refused before they are read into memory (multer's limit). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_MAX_PX = 1280;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
/** A decompression bomb (a tiny file that decodes to gigapixels) is refused, not decoded. */
const MAX_INPUT_PIXELS = 40_000_000;

export interface Photo {
  contentType: 'image/webp';
  data: Buffer;
  width: number;
  height: number;
}

const NOT_A_PHOTO = msg('listings.error.notAPhoto');

type Sharp = typeof SharpModule;
let loaded: Promise<Sharp> | undefined;

/**
 * sharp (libvips) loaded on the first photo, not at start-up: it costs the box
 * about 15 MB of memory that browsing never needs (issue 6). Once loaded it
 * keeps no cache of operations or images (each photo is re-encoded once) and
 * works on one thread: a Pi has little memory and photos are rare.
 */
function loadSharp(): Promise<Sharp> {
  loaded ??= import('sharp').then((module): Sharp => {
    const sharp = module.default as Sharp;
    sharp.cache(false);
    sharp.concurrency(1);
    return sharp;
  });
  return loaded;
}

/**
 * Re-encodes an uploaded photo on the box: turned upright by its EXIF
 * orientation, fitted inside 1280 px, and written afresh as WebP. sharp writes
 * no metadata unless asked, so EXIF (phones put GPS coordinates there), XMP,
 * IPTC and ICC data are all gone.
 */
export async function reencodePhoto(upload: Buffer): Promise<Photo> {
  const sharp = await loadSharp();
  let format: string | undefined;
  try {
    format = (await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS }).metadata()).format;
  } catch {
    throw new Invalid({ photo: NOT_A_PHOTO });
  }
  if (!format || !ACCEPTED_FORMATS.has(format)) throw new Invalid({ photo: NOT_A_PHOTO });
  try {
    const { data, info } = await sharp(upload, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error' })
      .rotate()
      .resize({ width: PHOTO_MAX_PX, height: PHOTO_MAX_PX, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 80 })
      .toBuffer({ resolveWithObject: true });
    return { contentType: 'image/webp', data, width: info.width, height: info.height };
  } catch {
    throw new Invalid({ photo: msg('listings.error.photoUnreadable') });
  }
}

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
