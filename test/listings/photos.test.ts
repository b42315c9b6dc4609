import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';

let box: TestBox;
let author: HttpClient;

beforeAll(async () => {
  box = await startSetUpBox();
  const member = await addActiveMember(box);
  author = box.client();
  await author.signIn(member.email, member.password);
});
afterAll(() => box.close());

const FIELDS = { kind: 'offer', title: 'Garden bench', description: '', category: 'goods', terms: 'swap', lat: String(DISS.lat), lon: String(DISS.lon), visibility: 'public' };

/** Posts the listing form as a browser without JavaScript would: multipart, the CSRF token in the action. */
async function postWithPhoto(photo: Buffer | null, type = 'image/jpeg') {
  const page = await author.get('/listings/new');
  const action = /<form method="post" action="([^"]+)" enctype="multipart\/form-data"/.exec(page.text)![1]!.replaceAll('&amp;', '&');
  const form = new FormData();
  for (const [k, v] of Object.entries(FIELDS)) form.append(k, v);
  if (photo) form.append('photo', new Blob([photo], { type }), 'photo.jpg');
  const encoded = new Response(form);
  const response = await author.request('POST', action, { body: Buffer.from(await encoded.arrayBuffer()), headers: { 'content-type': encoded.headers.get('content-type')! } });
  return { status: response.status, location: response.headers.get('location'), text: await response.text() };
}

describe('photos', () => {
  it('re-encodes to at most 1280 px and strips every bit of metadata, GPS included', async () => {
    const original = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 200, g: 120, b: 40 } } })
      .jpeg()
      .withExif({ IFD0: { Make: 'PhoneCo', Model: 'Snapper 9' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 22/1 3512/100', GPSLongitudeRef: 'E', GPSLongitude: '1/1 6/1 2772/100' } })
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

  it('refuses what is not a photo, or too large, with the input kept and nothing stored', async () => {
    const count = async () => Number((await box.database.db.selectFrom('listings').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    const notImage = await postWithPhoto(Buffer.from('%PDF-1.4 not an image'), 'application/pdf');
    expect(notImage.status).toBe(422);
    expect(notImage.text).toContain('must be a JPEG, PNG or WebP');
    expect(notImage.text).toContain('value="Garden bench"');
    const gif = await sharp({ create: { width: 10, height: 10, channels: 3, background: 'red' } }).gif().toBuffer();
    expect((await postWithPhoto(gif, 'image/gif')).status).toBe(422);
    const huge = await postWithPhoto(Buffer.alloc(5 * 1024 * 1024 + 10, 1));
    expect(huge.status).toBe(422);
    expect(huge.text).toContain('at most 5 MB');
    expect(huge.text).toContain('value="Garden bench"');
    expect(await count()).toBe(before);
  });
});
