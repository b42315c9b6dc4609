import { once } from 'node:events';
import type { Writable } from 'node:stream';

const BLOCK = 512;

/**
 * A writer of tar archives (POSIX ustar, regular files only) onto a stream: enough for an archive a member downloads,
 * which every system opens (and, gzipped, as `.tar.gz`). Names are ASCII paths of at most 100 bytes.
 */
export interface TarWriter {
  add(name: string, data: Buffer, modified: Date): Promise<void>;
  /** Writes the two empty blocks that end an archive; the stream is left open for its owner to end. */
  finish(): Promise<void>;
}

export function createTarWriter(out: Writable): TarWriter {
  const write = async (chunk: Buffer) => {
    if (!out.write(chunk)) await once(out, 'drain');
  };
  return {
    async add(name, data, modified) {
      await write(header(name, data.length, modified));
      await write(data);
      const padding = (BLOCK - (data.length % BLOCK)) % BLOCK;
      if (padding > 0) await write(Buffer.alloc(padding));
    },
    async finish() {
      await write(Buffer.alloc(BLOCK * 2));
    },
  };
}

function header(name: string, size: number, modified: Date): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  if (nameBytes.length > 100 || !/^[\x20-\x7e]+$/.test(name)) throw new Error(`Not a tar name: ${name}`);
  const block = Buffer.alloc(BLOCK);
  nameBytes.copy(block, 0);
  const octal = (value: number, width: number, at: number) =>
    block.write(`${value.toString(8).padStart(width - 1, '0')}\0`, at, 'ascii');
  octal(0o644, 8, 100); // mode
  octal(0, 8, 108); // uid
  octal(0, 8, 116); // gid
  octal(size, 12, 124);
  octal(Math.floor(modified.getTime() / 1000), 12, 136);
  block.write('        ', 148, 'ascii'); // the checksum counts its own field as spaces
  block.write('0', 156, 'ascii'); // a regular file
  block.write('ustar\u000000', 257, 'ascii');
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return block;
}
