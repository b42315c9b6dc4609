import { peerIdFromString } from '@libp2p/peer-id';
import { z } from 'zod';
import { requiredText } from '../lib/fields.js';

/**
 * What a steward types to add a sibling box, on the page or the command line:
 * its peer id, an address to reach it, and a name (usually its town).
 */

/** A TCP multiaddr, optionally ending in the peer's own /p2p/ id (as `marketcross peers self` prints it). */
const ADDRESS = /^\/(ip4|ip6|dns4|dns6)\/[^/\s]{1,253}\/tcp\/(\d{1,5})(\/p2p\/([A-Za-z0-9]{1,128}))?$/;

export const siblingSchema = z
  .object({
    peer_id: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string({ error: 'Peer id is required.' })
        .min(1, 'Peer id is required.')
        .max(128, 'A peer id is at most 128 characters.'),
    ),
    address: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string({ error: 'Address is required.' })
        .min(1, 'Address is required.')
        .max(300, 'An address is at most 300 characters.'),
    ),
    name: requiredText('Name', 60),
  })
  .transform((fields, ctx) => {
    let peerId: string | null = null;
    try {
      const parsed = peerIdFromString(fields.peer_id);
      if (parsed.type === 'Ed25519') peerId = parsed.toString();
    } catch {
      peerId = null;
    }
    if (peerId === null)
      ctx.addIssue({
        code: 'custom',
        path: ['peer_id'],
        message:
          'That is not a box\'s peer id: it starts "12D3KooW" and is 52 characters long. Copy it from the sibling\'s "marketcross peers self" or its stewards\' page.',
      });
    const match = ADDRESS.exec(fields.address);
    if (!match || Number(match[2]) > 65535) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'The address must look like /ip4/192.168.1.20/tcp/4001 (or /dns4/eye-box.example.org/tcp/4001).',
      });
    } else if (match[4] !== undefined && peerId !== null && match[4] !== peerId) {
      ctx.addIssue({
        code: 'custom',
        path: ['address'],
        message: 'The address ends in a different peer id from the one given.',
      });
    }
    if (peerId === null || !match) return z.NEVER;
    return { peerId, address: fields.address.replace(/\/p2p\/[^/]+$/, ''), name: fields.name };
  });
