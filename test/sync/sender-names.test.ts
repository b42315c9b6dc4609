import { lpStream } from '@libp2p/utils';
import { multiaddr } from '@multiformats/multiaddr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPLIES_PROTOCOL } from '../../sync/replies/protocol.js';
import { conversationsAbout } from './held.queries.js';
import {
  eventually,
  memberClient,
  postRegional,
  replyFromDiss,
  startDissWithRogueSibling,
  useEyeAndDiss,
} from './helpers.js';

const FR = { 'accept-language': 'fr' };

describe('the name sent with a reply across towns, when the sender keeps it to their own box', () => {
  const boxes = useEyeAndDiss();

  it('is none: the author’s box says “a member” in its reader’s language, beside the town', async () => {
    const { eye } = boxes;
    // Diss Member shows their name to members of Diss only.
    const id = await replyFromDiss(boxes, 'Quinces from Eye', 'Are they ripe?');
    const [conversation] = await eventually('the conversation at Eye', async () => {
      const rows = await conversationsAbout(eye.database.db, id);
      return rows.length > 0 && rows;
    });
    expect(conversation!.other_name).toBe('');

    const asEye = await memberClient(eye);
    const french = await asEye.get(`/listings/${id}?remote=${conversation!.uuid}`, FR);
    expect(french.text).toContain('<html lang="fr">');
    expect(french.text).toContain('Conversation avec un membre, de Diss');
    expect(french.text).toMatch(/#remote-conversation">Un membre<\/a>/);
    expect(french.text).not.toContain('A member');
    const english = await asEye.get(`/listings/${id}?remote=${conversation!.uuid}`);
    expect(english.text).toContain('Conversation with a member, from Diss');
    expect(english.text).not.toContain('Diss Member');
  });
});

describe('the English stand-in an older sibling sends', () => {
  let scene: Awaited<ReturnType<typeof startDissWithRogueSibling>>;
  beforeAll(async () => {
    scene = await startDissWithRogueSibling();
  }, 60_000);
  afterAll(() => scene?.close());

  it('is still taken, and shown in the reader’s words like no name', async () => {
    const { diss, rogue } = scene;
    const id = await postRegional(diss, { title: 'Plums from Diss' });
    const stream = await rogue.dialProtocol(multiaddr(diss.sync!.addresses()[0]!), REPLIES_PROTOCOL);
    const lp = lpStream(stream);
    const reply = {
      v: 1,
      message: crypto.randomUUID(),
      conversation: crypto.randomUUID(),
      listing: id,
      to: 'author',
      sender_name: 'A member of Rogue',
      body: 'Still got plums?',
    };
    await lp.write(new TextEncoder().encode(JSON.stringify(reply)));
    expect(JSON.parse(new TextDecoder().decode((await lp.read()).subarray()))).toEqual({ ok: true });
    await stream.close();

    const [conversation] = await conversationsAbout(diss.database.db, id);
    expect(conversation!.other_name).toBe('');
    const page = await (await memberClient(diss)).get(`/listings/${id}?remote=${conversation!.uuid}`, FR);
    expect(page.text).toContain('Still got plums?');
    expect(page.text).toContain('Conversation avec un membre, de Rogue');
    expect(page.text).not.toContain('A member of');
  });
});
