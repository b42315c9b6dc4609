import fs from 'node:fs';
import path from 'node:path';
import { generateKeyPair, privateKeyFromProtobuf, privateKeyToProtobuf } from '@libp2p/crypto/keys';
import type { PeerId, PrivateKey } from '@libp2p/interface';
import { peerIdFromPrivateKey } from '@libp2p/peer-id';

/**
 * The box's libp2p identity. Its peer id is how siblings name it, so the key
 * is made once and kept: a box that lost it would be a stranger to every
 * sibling. It sits at the top of the data directory, where backups pick it up.
 */
export const PEER_KEY_FILE = 'peer-key';

export interface BoxIdentity {
  readonly privateKey: PrivateKey;
  readonly peerId: PeerId;
}

class PeerKeyError extends Error {
  override name = 'PeerKeyError';
}

/** Reads the box's key, making it (Ed25519, mode 0600) on first use. */
export async function loadOrCreateIdentity(dataDir: string): Promise<BoxIdentity> {
  const file = path.join(dataDir, PEER_KEY_FILE);
  let privateKey: PrivateKey;
  if (fs.existsSync(file)) {
    try {
      privateKey = privateKeyFromProtobuf(fs.readFileSync(file));
    } catch (error) {
      throw new PeerKeyError(
        `The box's peer key ${file} cannot be read (${(error as Error).message}). Restore it from a backup ` +
          '("marketcross restore"); deleting it gives the box a new identity that its siblings must add again.',
      );
    }
    // A key readable by others is a key others can impersonate the box with.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } else {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 }); // the data folder: owner only (src/db/private-files.ts)
    privateKey = await generateKeyPair('Ed25519');
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, privateKeyToProtobuf(privateKey), { mode: 0o600 });
    fs.renameSync(partial, file);
  }
  if (privateKey.type !== 'Ed25519')
    throw new PeerKeyError(`The box's peer key ${file} is a ${privateKey.type} key; Marketcross boxes use Ed25519.`);
  return { privateKey, peerId: peerIdFromPrivateKey(privateKey) };
}
