import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { postListingForm } from '../listings/helpers.js';
import { requestToJoin, signedInMember, signedInSteward } from '../members/helpers.js';
import { daySection, fact } from './helpers.js';
import { handleOf } from './home.queries.js';

/**
 * The signed-in home page as the member's day, over HTTP with a real box: balances and what can still be spent, and
 * what waits (payments to accept, replies, join requests to vouch for, the stewards' decisions), each with its count
 * and its link, and a calm line when nothing does.
 */

let box: TestBox & { stewardHandle: string };
let alice: { handle: string }, bob: { handle: string };
let asAlice: HttpClient, asBob: HttpClient, asSteward: HttpClient;
let key = 0;

beforeAll(async () => {
  box = await startSetUpBox();
  ({ member: alice, client: asAlice } = await signedInMember(box, { displayName: 'Alice Grower' }));
  ({ member: bob, client: asBob } = await signedInMember(box, { displayName: 'Bob Neighbour' }));
  asSteward = await signedInSteward(box);
});
afterAll(() => box.close());

const waiting = (client: HttpClient) => daySection(client, 'day-waiting');
const accounts = (client: HttpClient) => daySection(client, 'day-accounts');
const transfer = (client: HttpClient, path: '/ledger/pay' | '/ledger/request', fields: Record<string, string>) =>
  client.postForm(path, { currency: 'DHR', idempotency_key: `home-${++key}`, ...fields }, { from: path });

describe('the member’s money on the home page', () => {
  it('says calmly that nothing waits, and shows no account before the first payment', async () => {
    expect(await waiting(asAlice)).toContain('Nothing waits for you.');
    expect(await accounts(asAlice)).toContain('You have no accounts yet');
  });

  it('shows each balance and what can still be spent down to the lower limit, as the ledger writes it', async () => {
    const paid = await transfer(asAlice, '/ledger/pay', { to: bob.handle, amount: '1:30', description: 'Seedlings' });
    expect(paid.status, paid.text.slice(0, 500)).toBe(303);
    const bobs = await accounts(asBob);
    expect(bobs).toContain('Diss Hours');
    expect(fact(bobs, 'Balance')).toBe('1:30 DHR');
    // The default lower limit is −20 hours: Bob can spend his 1:30 and 20 hours more.
    expect(fact(bobs, 'You can still spend')).toMatch(/^21:30 DHR down to your limit of .20:00 DHR$/);
    expect(bobs).toContain('href="/ledger/statement/DHR"');
    expect(fact(await accounts(asAlice), 'You can still spend')).toMatch(/^18:30 DHR /);
    // The same figures as "My accounts" shows: the ledger's formatting, not another.
    expect((await asBob.get('/ledger')).text).toContain('<strong>1:30</strong>');
  });

  it('shows a payment request to accept, leading to where it is decided, and not once it is accepted', async () => {
    const asked = await transfer(asBob, '/ledger/request', {
      from: alice.handle,
      amount: '0:45',
      description: 'Gardening help',
    });
    expect(asked.status, asked.text.slice(0, 500)).toBe(303);
    const id = asked.location!.split('/').pop()!;
    const shown = await waiting(asAlice);
    expect(shown).toContain('<a href="/ledger">1 payment to accept or decline</a>');
    expect(shown).toContain('Bob Neighbour asks for 0:45 DHR, for “Gardening help”');
    expect(shown).toContain(`<a href="/ledger/transfers/${id}">Accept or decline</a>`);
    // Bob waits on Alice: nothing waits for him.
    expect(await waiting(asBob)).toContain('Nothing waits for you.');

    const accepted = await asAlice.postForm(`/ledger/transfers/${id}/accept`, {}, { from: `/ledger/transfers/${id}` });
    expect(accepted.status).toBe(303);
    const after = await waiting(asAlice);
    expect(after).not.toContain('Gardening help');
    expect(after).toContain('Nothing waits for you.');
    expect(fact(await accounts(asBob), 'Balance')).toBe('2:15 DHR');
  });
});

describe('what waits for the member on the home page', () => {
  it('counts a reply waiting on the member’s listing, links to it, and not once it is read', async () => {
    const id = await postListingForm(asAlice, { title: 'Pear tree cuttings' });
    const replied = await asBob.postForm(
      `/listings/${id}/replies`,
      { body: 'May I have one?' },
      { from: `/listings/${id}` },
    );
    expect(replied.status).toBe(303);
    expect(await waiting(asAlice)).toContain('<a href="/listings/mine">1 new reply on your listings</a>');
    await asAlice.get(`/listings/${id}?with=${bob.handle}`);
    expect(await waiting(asAlice)).toContain('Nothing waits for you.');
  });

  it('shows the admins of a group the requests to join it, leading to the group', async () => {
    const made = await asBob.postForm(
      '/groups/new?parent=community',
      { name: 'Seed Savers', slug: 'seed-savers', purpose: '', join_policy: 'request', visibility: 'everyone' },
      { from: '/groups/new?parent=community' },
    );
    expect(made.status, made.text.slice(0, 400)).toBe(303);
    expect((await asAlice.postForm('/groups/seed-savers/request', {}, { from: '/groups/seed-savers' })).status).toBe(
      303,
    );
    expect(await waiting(asBob)).toContain('<a href="/groups/seed-savers">1 request to join Seed Savers</a>');
    expect(await waiting(asAlice)).not.toContain('Seed Savers');
    expect(await waiting(asSteward)).not.toContain('Seed Savers');
  });

  it('shows a join request to the members who could vouch, and to the stewards as a decision', async () => {
    const asked = await requestToJoin(box, { display_name: 'Nell Newcomer', contact: 'nell@example.org' });
    expect(asked.status).toBe(303);
    const vouch = '<a href="/members/requests">1 join request you could vouch for</a>';
    expect(await waiting(asAlice)).toContain(vouch);
    const decide = '<a href="/stewards?status=pending">1 join request for the stewards to decide</a>';
    expect(await waiting(asSteward)).toContain(decide);
    // Members are not asked for the stewards' decisions.
    expect(await waiting(asAlice)).not.toContain('for the stewards to decide');

    const nell = await handleOf(box.database.db, 'nell@example.org');
    const vouched = await asAlice.postForm(
      `/members/${nell}/vouch`,
      { relation: 'neighbour', note: '' },
      { from: '/members/requests' },
    );
    expect(vouched.status, vouched.text.slice(0, 500)).toBe(303);
    expect(await waiting(asAlice)).not.toContain(vouch);
    expect(await waiting(asBob)).toContain(vouch);
    // One vouch of the two needed: the request still waits for the stewards.
    expect(await waiting(asSteward)).toContain(decide);
  });
});

describe('the member’s day in French', () => {
  it('says it all in French, as a French speaker would', async () => {
    const switched = await asBob.postForm('/language', { locale: 'fr', back: '/' }, { from: '/' });
    expect(switched.status).toBe(303);
    const page = (await asBob.get('/')).text;
    for (const words of [
      'Ce qui vous attend',
      '1 demande pour rejoindre Seed Savers',
      'Vos comptes',
      '<dt>Solde</dt>',
      '<dt>Vous pouvez encore dépenser</dt>',
      'Synergie — échanger',
      'Qui sommes-nous — les membres',
      'Toutes les offres et demandes près de chez vous',
    ]) {
      expect(page, words).toContain(words);
    }
  });
});
