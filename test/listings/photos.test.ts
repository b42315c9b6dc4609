import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { postListingMultipart } from './helpers.js';

let box: TestBox;
let author: HttpClient;

/** One photo decoded at a time and one more waiting: a test fills the queue by holding the decoding place. */
const PHOTO_QUEUE = { running: 1, waiting: 1 };

beforeAll(async () => {
  box = await startSetUpBox({ photoQueue: PHOTO_QUEUE });
  const member = await addActiveMember(box);
  author = box.client();
  await author.signIn(member.email, member.password);
});
afterAll(() => box.close());

const FIELDS = {
  kind: 'offer',
  title: 'Garden bench',
  description: '',
  category: 'goods',
  terms: 'swap',
  lat: String(DISS.lat),
  lon: String(DISS.lon),
  visibility: 'public',
};

const postWithPhoto = (photo: Buffer | null, type?: string) =>
  postListingMultipart(author, '/listings/new', FIELDS, photo, type);

/**
 * A PNG with text chunks (`tEXt`, or uncompressed `iTXt`) after its header, as photo tools write them and sharp cannot.
 */
function withTextChunks(png: Buffer, chunks: [type: 'tEXt' | 'iTXt', keyword: string, text: string][]): Buffer {
  const encoded = chunks.map(([type, keyword, text]) => {
    // iTXt: keyword, then no compression (flag and method), an empty language tag and an empty translated keyword.
    const data =
      type === 'tEXt'
        ? Buffer.from(`${keyword}\0${text}`, 'latin1')
        : Buffer.from(`${keyword}\0\0\0\0\0${text}`, 'utf8');
    const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const chunk = Buffer.alloc(data.length + 12);
    chunk.writeUInt32BE(data.length, 0);
    typed.copy(chunk, 4);
    chunk.writeUInt32BE(crc32(typed), data.length + 8);
    return chunk;
  });
  const afterHeader = 8 + 25; // the signature, then IHDR: length, type, 13 bytes, CRC
  return Buffer.concat([png.subarray(0, afterHeader), ...encoded, png.subarray(afterHeader)]);
}

/** The CRC-32 every PNG chunk ends with (Node 20 has no zlib.crc32). */
function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

const countListings = async () =>
  Number(
    (
      await box.database.db
        .selectFrom('listings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('photos', () => {
  it('re-encodes to at most 1280 px and strips every bit of metadata, GPS included', async () => {
    const original = await sharp({
      create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 120, b: 40 } },
    })
      .jpeg()
      .withExif({
        IFD0: { Make: 'PhoneCo', Model: 'Snapper 9' },
        IFD3: {
          GPSLatitudeRef: 'N',
          GPSLatitude: '52/1 22/1 3512/100',
          GPSLongitudeRef: 'E',
          GPSLongitude: '1/1 6/1 2772/100',
        },
      })
      .toBuffer();
    expect((await sharp(original).metadata()).exif).toBeDefined();
    const posted = await postWithPhoto(original);
    expect(posted.status, posted.text.slice(0, 500)).toBe(303);
    const photo = await box.client().request('GET', `${posted.location}/photo`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/webp');
    const stored = Buffer.from(await photo.arrayBuffer());
    const meta = await sharp(stored).metadata();
    expect([meta.width, meta.height]).toEqual([1280, 853]);
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(stored.includes(Buffer.from('PhoneCo'))).toBe(false);
    expect(stored.includes(Buffer.from('GPS'))).toBe(false);
  });

  it('strips a PNG’s text chunks and a WebP’s EXIF and XMP too', async () => {
    const xmp =
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
      '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" dc:creator="XmpSecretAuthor"/>' +
      '</rdf:RDF></x:xmpmeta>';
    const image = () => sharp({ create: { width: 60, height: 40, channels: 3, background: { r: 30, g: 140, b: 60 } } });
    const png = withTextChunks(
      await image()
        .png()
        .withExif({ IFD0: { Make: 'PngCamCo' } })
        .toBuffer(),
      [
        ['tEXt', 'Comment', 'TextSecretComment'],
        ['iTXt', 'Location', 'ItxtSecretPlace'],
      ],
    );
    const webp = await image()
      .webp()
      .withExif({ IFD0: { Make: 'WebpCamCo' } })
      .withXmp(xmp)
      .toBuffer();
    // The uploads do carry it all, readably.
    expect((await sharp(png).metadata()).comments).toEqual([
      { keyword: 'Comment', text: 'TextSecretComment' },
      { keyword: 'Location', text: 'ItxtSecretPlace' },
    ]);
    expect(await sharp(webp).metadata()).toMatchObject({ exif: expect.any(Buffer), xmp: expect.any(Buffer) });

    for (const [upload, type, secrets] of [
      [png, 'image/png', ['TextSecretComment', 'ItxtSecretPlace', 'PngCamCo']],
      [webp, 'image/webp', ['XmpSecretAuthor', 'WebpCamCo']],
    ] as const) {
      const posted = await postWithPhoto(upload, type);
      expect(posted.status, posted.text.slice(0, 500)).toBe(303);
      const stored = Buffer.from(await (await box.client().request('GET', `${posted.location}/photo`)).arrayBuffer());
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe('webp');
      expect([meta.exif, meta.xmp, meta.comments]).toEqual([undefined, undefined, undefined]);
      for (const secret of secrets) expect(stored.includes(Buffer.from(secret)), secret).toBe(false);
    }
  });

  it('refuses what is not a photo, or too large, with the input kept and nothing stored', async () => {
    const before = await countListings();
    const notImage = await postWithPhoto(Buffer.from('%PDF-1.4 not an image'), 'application/pdf');
    expect(notImage.status).toBe(422);
    expect(notImage.text).toContain('must be a JPEG, PNG or WebP');
    expect(notImage.text).toContain('value="Garden bench"');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } })
      .gif()
      .toBuffer();
    expect((await postWithPhoto(gif, 'image/gif')).status).toBe(422);
    const huge = await postWithPhoto(Buffer.alloc(5 * 1024 * 1024 + 10, 1));
    expect(huge.status).toBe(422);
    expect(huge.text).toContain('at most 5 MB');
    expect(huge.text).toContain('value="Garden bench"');
    expect(await countListings()).toBe(before);
  });

  it('refuses a photo with more pixels than the box can decode, small as its file is, saying so', async () => {
    const before = await countListings();
    // 49 megapixels of one colour: a 0.7 MB file that would take some 200 MB to decode.
    const wide = await sharp({ create: { width: 7000, height: 7000, channels: 3, background: 'white' } })
      .png()
      .toBuffer();
    expect(wide.length).toBeLessThan(5 * 1024 * 1024);
    const posted = await postWithPhoto(wide, 'image/png');
    expect(posted.status).toBe(422);
    expect(posted.text).toContain('The photo has 7,000 × 7,000 pixels, over the 24 megapixels allowed');
    expect(posted.text).toContain('value="Garden bench"');
    expect(await countListings()).toBe(before);
  });

  it('decodes one photo at a time: with the queue full, one more is refused politely, the queued succeed', async () => {
    // The box's test clock stands still at its own date, far from the machine's: `Retry-After` is counted by the
    // app's clock, as the queue's wait is, not the machine's.
    expect(Math.abs(box.clock.now().getTime() - Date.now())).toBeGreaterThan(60_000);
    const queue = box.app.deps.photoQueue;
    let release = () => {};
    const decoding = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: 'teal' } })
      .jpeg()
      .toBuffer();
    const queued = postWithPhoto(photo);
    await expect.poll(() => queue.waiting, { timeout: 30_000 }).toBe(1);

    const before = await countListings();
    const refused = await postWithPhoto(photo);
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('10'); // the queue's own wait
    expect(refused.text).toContain('The box is busy with other photos just now');
    expect(refused.text).toContain('value="Garden bench"');
    expect(await countListings()).toBe(before);

    release();
    await decoding;
    const posted = await queued;
    expect(posted.status, posted.text.slice(0, 500)).toBe(303);
    const stored = await box.client().request('GET', `${posted.location}/photo`);
    expect(stored.status).toBe(200);
    expect((await sharp(Buffer.from(await stored.arrayBuffer())).metadata()).width).toBe(800);
    expect(queue.waiting).toBe(0);
  });
});

describe('a photo in caches', () => {
  // As a browser revalidates its copy. (Sent alone, fetch would add `Cache-Control: no-cache`, asking for no 304.)
  const revalidating = (etag: string) => ({ headers: { 'if-none-match': etag, 'cache-control': 'max-age=0' } });

  it('is revalidated at every use, a 304 when unchanged, and gone at once when turned members-only', async () => {
    const jpeg = (background: string) =>
      sharp({ create: { width: 80, height: 60, channels: 3, background } })
        .jpeg()
        .toBuffer();
    const posted = await postWithPhoto(await jpeg('orange'));
    expect(posted.status, posted.text.slice(0, 500)).toBe(303);
    const path = `${posted.location}/photo`;
    const visitor = box.client();
    const first = await visitor.request('GET', path);
    expect(first.status).toBe(200);
    expect(first.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);

    const unchanged = await visitor.request('GET', path, revalidating(etag));
    expect(unchanged.status).toBe(304);
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect((await unchanged.arrayBuffer()).byteLength).toBe(0);

    // A new photo is another ETag, so the old copy is not reused.
    const edit = `${posted.location}/edit`;
    const replaced = await postListingMultipart(author, edit, FIELDS, await jpeg('navy'));
    expect(replaced.status, replaced.text.slice(0, 500)).toBe(303);
    const changed = await visitor.request('GET', path, revalidating(etag));
    expect(changed.status).toBe(200);
    const newEtag = changed.headers.get('etag')!;
    expect(newEtag).not.toBe(etag);

    const hidden = await postListingMultipart(author, edit, { ...FIELDS, visibility: 'members' }, null);
    expect(hidden.status, hidden.text.slice(0, 500)).toBe(303);
    const revalidated = await visitor.request('GET', path, revalidating(newEtag));
    expect(revalidated.status).toBe(404); // as to any visitor: the listing is not theirs to know of
    // The author still sees it, and a member's copy stays private.
    const own = await author.request('GET', path, revalidating(newEtag));
    expect(own.status).toBe(304);
    expect(own.headers.get('cache-control')).toBe('private, no-cache');
  });
});
