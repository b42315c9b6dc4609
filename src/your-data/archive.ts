import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { PassThrough } from 'node:stream';
import { createGzip } from 'node:zlib';
import { stringify } from 'csv-stringify/sync';
import type { DB } from '../db/database.js';
import type { Translate } from '../i18n/translate.js';
import { msg } from '../lib/messages.js';
import { createTarWriter, type TarWriter } from '../lib/tar.js';
import { type ArchiveRow, findPhoto, findSectionRows, SECTION_NAMES } from './records.queries.js';

/** Everything the archive's making needs to know of its member and moment. */
export interface ArchiveSubject {
  readonly memberId: number;
  readonly handle: string;
  readonly community: string;
  readonly madeAt: Date;
}

/** Called after each part is written: how many are done, out of how many. */
export type ArchiveProgress = (done: number, total: number) => Promise<void>;

/** The folder every file of the archive sits in, so that opening it makes one folder. */
const ARCHIVE_FOLDER = 'your-data';

const PHOTO_EXTENSIONS: Readonly<Record<string, string>> = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
};

/**
 * Writes a member's archive to `file` (gzipped tar): each section as JSON and CSV, their listings' photos, and a
 * README in their language. Written beside `file` first and renamed when whole, so a half-made archive is never served.
 */
export async function writeArchive(
  db: DB,
  subject: ArchiveSubject,
  file: string,
  words: Translate,
  progress: ArchiveProgress,
): Promise<void> {
  const partial = `${file}.part`;
  const tarStream = new PassThrough();
  const written = pipeline(tarStream, createGzip(), fs.createWriteStream(partial, { mode: 0o600 }));
  try {
    await writeParts(db, subject, createTarWriter(tarStream), words, progress);
    tarStream.end();
    await written;
    fs.renameSync(partial, file);
  } catch (error) {
    tarStream.destroy();
    await written.catch(() => {});
    fs.rmSync(partial, { force: true });
    throw error;
  }
}

async function writeParts(
  db: DB,
  subject: ArchiveSubject,
  tar: TarWriter,
  words: Translate,
  progress: ArchiveProgress,
): Promise<void> {
  const at = subject.madeAt;
  const photos = await findSectionRows(db, 'photos', subject.memberId);
  const total = SECTION_NAMES.length + photos.length + 1;
  let done = 0;
  for (const section of SECTION_NAMES) {
    const rows = await findSectionRows(db, section, subject.memberId);
    await tar.add(`${ARCHIVE_FOLDER}/json/${section}.json`, Buffer.from(`${JSON.stringify(rows, null, 2)}\n`), at);
    await tar.add(`${ARCHIVE_FOLDER}/csv/${section}.csv`, Buffer.from(asCsv(rows)), at);
    await progress(++done, total);
  }
  for (const { listing_id } of photos) {
    const photo = await findPhoto(db, subject.memberId, String(listing_id));
    if (photo) await tar.add(photoPath(String(listing_id), photo.contentType), photo.data, at);
    await progress(++done, total);
  }
  await tar.add(`${ARCHIVE_FOLDER}/README.txt`, Buffer.from(readme(subject, words)), at);
  await tar.finish();
  await progress(++done, total);
}

function photoPath(listingId: string, contentType: string): string {
  return `${ARCHIVE_FOLDER}/photos/${listingId}.${PHOTO_EXTENSIONS[contentType] ?? 'bin'}`;
}

/** A section for spreadsheets: a header line of its columns, then a line per record; empty when it has none. */
function asCsv(rows: ArchiveRow[]): string {
  const first = rows[0];
  if (!first) return '';
  const columns = Object.keys(first);
  return stringify([columns, ...rows.map((row) => columns.map((column) => asCell(row[column] ?? null)))]);
}

/** A cell a spreadsheet shows as written: text that would start a formula is kept as text. */
function asCell(value: string | number | null): string | number {
  if (typeof value !== 'string') return value ?? '';
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function readme(subject: ArchiveSubject, words: Translate): string {
  const values = { community: subject.community, handle: subject.handle, madeAt: subject.madeAt.toISOString() };
  const lines = [
    words(msg('yourData.readme.title', values)),
    '',
    words(msg('yourData.readme.intro', values)),
    '',
    words(msg('yourData.readme.files')),
    ...SECTION_NAMES.map(
      (section) => `- ${section}.json, ${section}.csv: ${words(msg(`yourData.section.${section}`))}`,
    ),
    `- ${words(msg('yourData.readme.photos'))}`,
  ];
  return `${lines.join('\n')}\n`;
}
