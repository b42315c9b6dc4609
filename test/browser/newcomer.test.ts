import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBox } from '../helpers/box.js';
import { type JoiningScene, PHONE, signIn, startJoiningScene } from '../helpers/browser.js';

const NEWCOMER = { name: 'Nell Newcomer', email: 'nell@example.org', password: 'nell-password-2026', place: 'Roydon' };

describe('a newcomer joins through the browser', () => {
  let box: TestBox;
  let scene: JoiningScene;
  let vouchers: JoiningScene['vouchers'];
  const person = () => scene.person();

  beforeAll(async () => {
    scene = await startJoiningScene(['Vera Voucher', 'Victor Voucher']);
    box = scene.box;
    vouchers = scene.vouchers;
  });

  afterAll(() => scene?.close());

  it('shows a visitor the four areas on a phone-sized home page', async () => {
    const page = await person();
    await page.goto('/');
    for (const area of ['Synergy', 'Who We Are', 'Commons', 'Direction']) {
      expect(await page.getByRole('heading', { name: area, level: 2 }).isVisible()).toBe(true);
    }
    // Nothing overflows sideways on a phone.
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: path.join(os.tmpdir(), 'home-phone.png'), fullPage: true });
    expect(fs.statSync(path.join(os.tmpdir(), 'home-phone.png')).size).toBeGreaterThan(0);
  });

  it('lets a newcomer ask to join, two members vouch, and the newcomer sign in as a member', async () => {
    const newcomer = await person();
    await newcomer.goto('/');
    await newcomer.getByRole('link', { name: 'Ask to join' }).first().click();
    await newcomer.getByRole('heading', { name: /^Ask to join/ }).waitFor();

    await newcomer.getByLabel('Your name', { exact: true }).fill(NEWCOMER.name);
    await newcomer.getByLabel('Person', { exact: true }).check();
    await newcomer.getByLabel('Email or phone').fill(NEWCOMER.email);
    await newcomer.getByLabel('Password', { exact: true }).fill(NEWCOMER.password);
    await newcomer.getByLabel('Why you’d like to join').fill('I grow too many tomatoes and would like to swap them.');
    await newcomer.getByLabel(/Nearest place/).selectOption({ label: NEWCOMER.place });
    await newcomer.getByRole('button', { name: 'Send my request' }).click();
    await newcomer.getByRole('heading', { name: 'Request sent' }).waitFor();
    expect(await newcomer.getByText('2 more vouches').isVisible()).toBe(true);
    // The answer is a GET page: a reload shows it again and sends no second request.
    expect(await newcomer.evaluate('location.pathname')).toBe('/join/sent');
    expect((await newcomer.reload())!.status()).toBe(200);
    await newcomer.getByText('2 more vouches').waitFor();
    expect(
      await box.database.db.selectFrom('members').select('id').where('email', '=', NEWCOMER.email).execute(),
    ).toHaveLength(1);

    for (const voucher of vouchers) {
      const page = await person();
      await signIn(page, voucher.email, voucher.password);
      await page.goto('/members/requests');
      const request = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: NEWCOMER.name }) });
      await request.getByLabel('Met in person').check();
      await request.getByRole('button', { name: 'Vouch' }).click();
      await page.getByRole('status').filter({ hasText: NEWCOMER.name }).waitFor();
    }

    const stored = await box.database.db
      .selectFrom('members')
      .select(['id', 'status', 'place_id'])
      .where('email', '=', NEWCOMER.email)
      .executeTakeFirstOrThrow();
    expect(stored.status).toBe('active');
    expect(stored.place_id).not.toBeNull();
    expect(
      await box.database.db.selectFrom('vouches').select('relation').where('member_id', '=', stored.id).execute(),
    ).toEqual([{ relation: 'met_in_person' }, { relation: 'met_in_person' }]);

    await signIn(newcomer, NEWCOMER.email, NEWCOMER.password);
    await newcomer.goto('/');
    await newcomer.getByText(`Welcome, ${NEWCOMER.name}`).waitFor();
    expect(await newcomer.getByRole('link', { name: 'Ask to join' }).count()).toBe(0);
  });
});
