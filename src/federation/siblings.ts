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
        .string({ error: 'federation.field.peerId.required' })
        .min(1, 'federation.field.peerId.required')
        .max(128, 'federation.field.peerId.tooLong'),
    ),
    address: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string({ error: 'federation.field.address.required' })
        .min(1, 'federation.field.address.required')
        .max(300, 'federation.field.address.tooLong'),
    ),
    name: requiredText(
      {
        notText: 'federation.field.name.notText',
        tooLong: 'federation.field.name.tooLong',
        required: 'federation.field.name.required',
      },
      60,
    ),
  })
  .transform((fields, ctx) => {
    let peerId: string | null = null;
    try {
      const parsed = peerIdFromString(fields.peer_id);
      if (parsed.type === 'Ed25519') peerId = parsed.toString();
    } catch {
      peerId = null;
    }
    if (peerId === null) ctx.addIssue({ code: 'custom', path: ['peer_id'], message: 'federation.field.peerId.form' });
    const match = ADDRESS.exec(fields.address);
    if (!match || Number(match[2]) > 65535) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'federation.field.address.form' });
    } else if (match[4] !== undefined && peerId !== null && match[4] !== peerId) {
      ctx.addIssue({ code: 'custom', path: ['address'], message: 'federation.field.address.otherPeer' });
    }
    if (peerId === null || !match) return z.NEVER;
    return { peerId, address: fields.address.replace(/\/p2p\/[^/]+$/, ''), name: fields.name };
  });
