import type SharpModule from 'sharp';
import type { Metadata } from 'sharp';
import { Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { createWorkQueue, type WorkQueue, type WorkQueueSize } from '../lib/work-queue.js';

/** Uploads larger than this are refused before they are read into memory (multer's limit). */
export const PHOTO_MAX_BYTES = 5 * 1024 * 1024;
const PHOTO_MAX_PX = 1280;
const ACCEPTED_FORMATS = new Set(['jpeg', 'png', 'webp']);
/**
 * The most pixels a photo may have, so that decoding it fits the box's memory (issue 12): libvips holds up to 4 bytes a
 * pixel while it decodes (RGBA, 8 bits a channel), so 24 megapixels cost at most ~96 MB on top of the ~145 MB the box
 * holds under the unit's flags, inside its `MemoryMax=300M`, one decode at a time (PHOTO_DECODES). The photo-uploads
 * benchmark measured 174 MB at the peak for four parallel 24-megapixel uploads. 24 megapixels is a 6000 × 4000 camera
 * photo; phones write 12 (their 48 and 50 megapixel modes rarely fit the 5 MB limit anyway). A decompression bomb (a
 * tiny file that decodes to gigapixels) is refused the same way, from its header, never decoded.
 */
const MAX_INPUT_MEGAPIXELS = 24;
const MAX_INPUT_PIXELS = MAX_INPUT_MEGAPIXELS * 1_000_000;

/**
 * One photo decoded at a time, three more uploads waiting (5 MB each at most, as received): four parallel uploads of a
 * large PNG took the box to 364 MB when each was decoded at once. A fifth is refused until a place is free.
 */
const PHOTO_DECODES: WorkQueueSize = { running: 1, waiting: 3 };
/** Decoding a photo takes a second or two on a Pi: by then the line has moved. */
const BUSY_RETRY_SECONDS = 10;

/** The queue the box's uploads are decoded through; tests give their own size. */
export function createPhotoQueue(now: () => Date, size: WorkQueueSize = PHOTO_DECODES): WorkQueue {
  return createWorkQueue(size, { reason: msg('listings.upload.busy'), retryAfterSeconds: BUSY_RETRY_SECONDS }, now);
}

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
  let header: Metadata;
  try {
    // The header alone (nothing decoded yet), without the pixel limit, so that too many pixels is said as such.
    header = await sharp(upload, { limitInputPixels: false }).metadata();
  } catch {
    throw new Invalid({ photo: NOT_A_PHOTO });
  }
  if (!header.format || !ACCEPTED_FORMATS.has(header.format)) throw new Invalid({ photo: NOT_A_PHOTO });
  const { width = 0, height = 0 } = header;
  if (width * height > MAX_INPUT_PIXELS)
    throw new Invalid({
      photo: msg('listings.error.photoTooManyPixels', { width, height, megapixels: MAX_INPUT_MEGAPIXELS }),
    });
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
