import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { findListingNews } from '../../src/listings/news.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedInMember, signedInSteward } from '../members/helpers.js';
import {
  eventually,
  memberClient,
  postRegional,
  remoteListing,
  type FederatedBox,
  startEyeAndDiss,
} from '../sync/helpers.js';
import { postListingForm } from './helpers.js';

/**
 * "My listings" and the header's count, for the member who replied: the
 * answers to their replies on others' listings are counted only while the
 * conversation can be opened, and "My listings" leads to each of them.
 */

/** The header's "My listings" link on any page: where it leads, and the count on it (0 when there is none). */
async function headerNews(client: HttpClient): Promise<{ href: string; count: number }> {
  const page = await client.get('/');
  const link = /<a href="([^"]*)">My listings(?: <span class="count">(\d+)<)?/.exec(page.text);
  expect(link, 'the header link to My listings').not.toBeNull();
  return { href: link![1]!, count: Number(link![2] ?? 0) };
}

/** The section of "My listings" with the conversations the member started. */
async function startedSection(
  client: HttpClient,
  path = '/listings/mine',
  headers: Record<string, string> = {},
): Promise<string> {
  const page = await client.get(path, headers);
  expect(page.status).toBe(200);
  const section = /<section id="conversations"[\s\S]*?<\/section>/.exec(page.text);
  expect(section, 'the conversations section').not.toBeNull();
  return section![0];
}

/** The conversation links in a section, in order. */
function conversationLinks(section: string): string[] {
  return [...section.matchAll(/<h3><a href="([^"]+)">/g)].map((m) => m[1]!);
}

describe('conversations on this box', () => {
  let box: TestBox & { stewardHandle: string };
  let _alice: { handle: string }, bob: { handle: string };
  let asAlice: HttpClient, asBob: HttpClient, asCarol: HttpClient;

  beforeAll(async () => {
    box = await startSetUpBox();
    ({ member: _alice, client: asAlice } = await signedInMember(box, { displayName: 'Alice Grower' }));
    ({ member: bob, client: asBob } = await signedInMember(box, { displayName: 'Bob Neighbour' }));
    ({ client: asCarol } = await signedInMember(box, { displayName: 'Carol Outsider' }));
  });
  afterAll(() => box.close());

  /** Bob tells the author he is interested, and the author answers him. */
  async function bobRepliesAndIsAnswered(author: HttpClient, id: string, answer: string): Promise<void> {
    expect(
      (await asBob.postForm(`/listings/${id}/replies`, { body: 'I am interested.' }, { from: `/listings/${id}` }))
        .status,
    ).toBe(303);
    box.clock.advanceMinutes(5);
    const answered = await author.postForm(
      `/listings/${id}/replies`,
      { body: answer, with: bob.handle },
      { from: `/listings/${id}?with=${bob.handle}` },
    );
    expect(answered.status).toBe(303);
  }

  it('counts the author’s answer for the replier, leads to it from My listings, and clears it when read', async () => {
    const id = await postListingForm(asAlice, { title: 'Pear tree cuttings' });
    expect(
      (await asBob.postForm(`/listings/${id}/replies`, { body: 'Could I have two?' }, { from: `/listings/${id}` }))
        .status,
    ).toBe(303);
    // The author's new reply is on the listing's card, at the top of My listings.
    expect(await headerNews(asAlice)).toEqual({ href: '/listings/mine', count: 1 });
    expect((await asAlice.get('/listings/mine')).text).toContain(`<a href="/listings/${id}">Replies (1 new)</a>`);

    box.clock.advanceMinutes(5);
    await asAlice.postForm(
      `/listings/${id}/replies`,
      { body: 'Yes, come on Sunday.', with: bob.handle },
      { from: `/listings/${id}?with=${bob.handle}` },
    );
    expect(await headerNews(asAlice)).toEqual({ href: '/listings/mine', count: 0 });
    // Bob's answer is in the section of the conversations he started, which the header's link leads to.
    expect(await headerNews(asBob)).toEqual({ href: '/listings/mine#conversations', count: 1 });
    const section = await startedSection(asBob);
    expect(conversationLinks(section)).toEqual([`/listings/${id}#conversation`]);
    expect(section).toContain('Pear tree cuttings');
    expect(section).toContain('With Alice Grower');
    expect(section).toContain('<li class="unread">');
    expect(section).toContain('<strong>1 new</strong>');

    const conversation = await asBob.get(`/listings/${id}`);
    expect(conversation.status).toBe(200);
    expect(conversation.text).toContain('Yes, come on Sunday.');
    expect(await headerNews(asBob)).toEqual({ href: '/listings/mine', count: 0 });
    const read = await startedSection(asBob);
    expect(read).toContain('Pear tree cuttings');
    expect(read).not.toContain('new</strong>');
    // Only the replier's own conversations: Carol, who never replied, has none.
    expect(await startedSection(asCarol)).not.toContain('Pear tree cuttings');
  });

  it(
    'drops a group-only listing’s conversation when the replier leaves the group, ' +
      'and shows it again when they rejoin',
    async () => {
      const made = await asAlice.postForm(
        '/groups/new?parent=community',
        { name: 'Seed Savers', slug: 'seed-savers', purpose: '', join_policy: 'open', visibility: 'everyone' },
        { from: '/groups/new?parent=community' },
      );
      expect(made.status, made.text.slice(0, 400)).toBe(303);
      const groupId = (
        await box.database.db
          .selectFrom('groups')
          .select('id')
          .where('slug', '=', 'seed-savers')
          .executeTakeFirstOrThrow()
      ).id;
      expect((await asBob.postForm('/groups/seed-savers/join', {}, { from: '/groups/seed-savers' })).status).toBe(303);
      const id = await postListingForm(asAlice, { title: 'Heritage bean seeds', visibility: `group:${groupId}` });
      await bobRepliesAndIsAnswered(asAlice, id, 'The Cherokee beans are yours.');
      expect(await headerNews(asBob)).toEqual({ href: '/listings/mine#conversations', count: 1 });
      expect(await startedSection(asBob)).toContain('Heritage bean seeds');

      expect((await asBob.postForm('/groups/seed-savers/leave', {}, { from: '/groups/seed-savers' })).status).toBe(303);
      expect((await asBob.get(`/listings/${id}`)).status).toBe(404);
      // Nothing that cannot be opened: no count, no link, not even the title, which is the group's.
      expect(await headerNews(asBob)).toEqual({ href: '/listings/mine', count: 0 });
      const mine = await asBob.get('/listings/mine');
      expect(mine.text).not.toContain('Heritage bean seeds');
      expect(mine.text).not.toContain(id);
      expect((await asCarol.get('/listings/mine')).text).not.toContain('Heritage bean seeds');

      // The conversation is kept: back in the group, Bob finds it as he left it, unread.
      expect((await asBob.postForm('/groups/seed-savers/join', {}, { from: '/groups/seed-savers' })).status).toBe(303);
      expect(await headerNews(asBob)).toEqual({ href: '/listings/mine#conversations', count: 1 });
      expect((await asBob.get(`/listings/${id}`)).text).toContain('The Cherokee beans are yours.');
      expect((await headerNews(asBob)).count).toBe(0);
    },
  );

  it('drops the conversation while the author is suspended', async () => {
    const { member: dora, client: asDora } = await signedInMember(box, { displayName: 'Dora Lender' });
    const id = await postListingForm(asDora, { title: 'Wallpaper steamer' });
    await bobRepliesAndIsAnswered(asDora, id, 'Pick it up any evening.');
    expect((await headerNews(asBob)).count).toBe(1);

    const steward = await signedInSteward(box);
    expect(
      (
        await steward.postForm(
          `/stewards/members/${dora.handle}/suspend`,
          { reason: 'Spam in the marketplace.' },
          { from: '/stewards' },
        )
      ).status,
    ).toBe(303);
    expect((await asBob.get(`/listings/${id}`)).status).toBe(404);
    expect(await headerNews(asBob)).toEqual({ href: '/listings/mine', count: 0 });
    expect((await asBob.get('/listings/mine')).text).not.toContain('Wallpaper steamer');

    expect(
      (await steward.postForm(`/stewards/members/${dora.handle}/reinstate`, {}, { from: '/stewards' })).status,
    ).toBe(303);
    expect((await headerNews(asBob)).count).toBe(1);
    expect((await asBob.get(`/listings/${id}`)).text).toContain('Pick it up any evening.');
  });

  it('keeps a withdrawn listing’s conversation, marked withdrawn, where its answer can still be read', async () => {
    const id = await postListingForm(asAlice, { title: 'Rain barrel' });
    await bobRepliesAndIsAnswered(asAlice, id, 'Sorry, it has gone to my sister.');
    expect((await asAlice.postForm(`/listings/${id}/withdraw`, {}, { from: `/listings/${id}` })).status).toBe(303);
    expect((await headerNews(asBob)).count).toBe(1);
    const section = await startedSection(asBob);
    expect(section).toMatch(/Rain barrel<\/a><\/h3>\s*<p class="meta">With Alice Grower · <strong>withdrawn<\/strong>/);
    const link = conversationLinks(section).find((href) => href.includes(id))!;
    const page = await asBob.get(link.replace(/#.*/, ''));
    expect(page.status).toBe(200);
    expect(page.text).toContain('Sorry, it has gone to my sister.');
    expect((await headerNews(asBob)).count).toBe(0);
  });

  it('lists them latest first, ten a page, with and without htmx', async () => {
    const { client: asErin } = await signedInMember(box, { displayName: 'Erin Often' });
    const ids: string[] = [];
    for (let i = 1; i <= 11; i++) {
      const id = await postListingForm(asAlice, { title: `Jam jar batch ${i}` });
      await asErin.postForm(`/listings/${id}/replies`, { body: 'Interested.' }, { from: `/listings/${id}` });
      box.clock.advanceMinutes(1);
      ids.push(id);
    }
    // Erin writes again about the first: it has the latest message now.
    await asErin.postForm(
      `/listings/${ids[0]}/replies`,
      { body: 'Still interested.' },
      { from: `/listings/${ids[0]}` },
    );
    const latestFirst = [ids[0], ...ids.slice(1).reverse()].map((id) => `/listings/${id}#conversation`);

    const first = await startedSection(asErin);
    expect(conversationLinks(first)).toEqual(latestFirst.slice(0, 10));
    expect(first).toContain('href="/listings/mine?conversations=2#conversations" rel="next"');
    expect(first).not.toContain('rel="prev"');
    // A boosted link (hx-boost) gets the whole page, as a browser without script does.
    const second = await startedSection(asErin, '/listings/mine?conversations=2', {
      'HX-Request': 'true',
      'HX-Boosted': 'true',
    });
    expect(conversationLinks(second)).toEqual(latestFirst.slice(10));
    expect(second).toContain('href="/listings/mine#conversations" rel="prev"');
    expect(second).not.toContain('rel="next"');
    // A page number that makes no sense is the first page; one past the end says so.
    expect(conversationLinks(await startedSection(asErin, '/listings/mine?conversations=nonsense'))).toEqual(
      latestFirst.slice(0, 10),
    );
    expect(await startedSection(asErin, '/listings/mine?conversations=3')).toContain('No more conversations.');
  });
});

describe('conversations with sibling towns', () => {
  let eye: FederatedBox, diss: FederatedBox;

  beforeAll(async () => {
    ({ eye, diss } = await startEyeAndDiss());
  }, 60_000);
  afterAll(async () => {
    await Promise.all([eye, diss].map((b) => b?.close()));
  });

  it('counts answers from another town while their listing is shown, and leads to them', async () => {
    const id = await postRegional(eye, { title: 'Quince jelly from Eye' });
    await eventually('the listing at Diss', () => remoteListing(diss, id));
    const [asDiss, asEye] = await Promise.all([memberClient(diss), memberClient(eye)]);
    await asDiss.postForm(`/listings/${id}/replies`, { body: 'Two jars, please.' }, { from: `/listings/${id}` });

    // At Eye, the author's count leads to the listing's card, which says it has a new reply.
    const uuid = await eventually('the message at Eye', async () => {
      const row = await eye.database.db
        .selectFrom('federated_conversations')
        .select('uuid')
        .where('listing_id', '=', id)
        .executeTakeFirst();
      return row?.uuid;
    });
    expect(await headerNews(asEye)).toEqual({ href: '/listings/mine', count: 1 });
    expect((await asEye.get('/listings/mine')).text).toContain(`<a href="/listings/${id}">Replies (1 new)</a>`);
    await asEye.postForm(
      `/listings/${id}/replies`,
      { conversation: uuid, body: 'They are yours.' },
      { from: `/listings/${id}?remote=${uuid}` },
    );

    // At Diss, the answer is in the member's conversations, with the town.
    await eventually('the answer at Diss', async () => (await headerNews(asDiss)).count === 1);
    expect((await headerNews(asDiss)).href).toBe('/listings/mine#conversations');
    const section = await startedSection(asDiss);
    expect(conversationLinks(section)).toEqual([`/listings/${id}#conversation`]);
    expect(section).toContain('Quince jelly from Eye');
    expect(section).toContain('<span class="tag town">from Eye</span>');
    expect(section).toContain('<strong>1 new</strong>');
    expect((await asDiss.get(`/listings/${id}`)).text).toContain('They are yours.');
    expect((await headerNews(asDiss)).count).toBe(0);

    // Answered again, then withdrawn before the member looks: the listing's page is gone at Diss, and so is the count.
    await asEye.postForm(
      `/listings/${id}/replies`,
      { conversation: uuid, body: 'Actually, all gone now.' },
      { from: `/listings/${id}?remote=${uuid}` },
    );
    await eventually('the second answer at Diss', async () => (await headerNews(asDiss)).count === 1);
    expect((await asEye.postForm(`/listings/${id}/withdraw`, {}, { from: `/listings/${id}` })).status).toBe(303);
    await eventually('the withdrawal at Diss', async () => (await remoteListing(diss, id)) === undefined);
    expect((await asDiss.get(`/listings/${id}`)).status).toBe(404);
    expect(await headerNews(asDiss)).toEqual({ href: '/listings/mine', count: 0 });
    expect((await asDiss.get('/listings/mine')).text).not.toContain('Quince jelly from Eye');
  });
});

describe("the header's count, on every page a member opens", () => {
  let box: TestBox;
  afterAll(() => box?.close());

  it('reads the conversations and messages by index, never a whole table', async () => {
    box = await startSetUpBox();
    const { member } = await signedInMember(box);
    const recorded: CompiledQuery[] = [];
    const logged = new Kysely<Database>({
      dialect: new SqliteDialect({ database: box.database.sqlite }),
      log: (event) => void recorded.push(event.query),
    });
    await findListingNews(logged, { id: member.id, role: 'member' }, box.clock.now());
    const tables = /\b(?:SCAN|SEARCH) (\w+)(?: AS (\w+))?/;
    const scanned: string[] = [];
    for (const query of recorded) {
      const plan = box.database.sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...query.parameters) as {
        detail: string;
      }[];
      for (const { detail } of plan)
        if (detail.startsWith('SCAN ') && !detail.includes('CONSTANT ROW') && tables.test(detail)) scanned.push(detail);
    }
    expect(recorded.length).toBeGreaterThan(3);
    expect(scanned.filter((d) => /conversations|messages|\b[cm]\b/.test(d))).toEqual([]);
  });
});
