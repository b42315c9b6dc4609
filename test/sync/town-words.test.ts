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

describe('words about a sibling town’s member and name, in the reader’s language', () => {
  const boxes = useEyeAndDiss();

  it('sends a name kept to its box as none: the author’s box says “a member”, beside the town', async () => {
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

  it('puts “d’” before a town starting with a vowel in French: “d’Eye” (not “de Eye”), “de Diss”', async () => {
    const id = await replyFromDiss(boxes, 'Medlars from Eye', 'Are they bletted yet?');
    const asDiss = await memberClient(boxes.diss);
    const remote = await asDiss.get(`/listings/${id}`, FR);
    expect(remote.text).toContain('<span class="tag town">d’Eye</span>');
    expect(remote.text).toContain('la communauté d’Eye');
    expect(remote.text).not.toMatch(/de Eye/);
    const search = await asDiss.get('/listings?q=Medlars', FR);
    expect(search.text).toContain('<span class="tag town">d’Eye</span>');
    const author = await memberClient(boxes.eye);
    expect((await author.get(`/listings/${id}`, FR)).text).toContain('<span class="tag town">de Diss</span>');
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
