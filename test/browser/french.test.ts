import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setMemberLocale } from '../../src/i18n/language.queries.js';
import { findMembersWithStatus } from '../../src/members/members.queries.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { fitsTheScreen, type JoiningScene, launchChromium, PHONE, startJoiningScene } from '../helpers/browser.js';

const NEWCOMER = { name: 'Nadine Lefèvre', email: 'nadine@example.org', password: 'nadine-mot-de-passe-1' };

/**
 * Words that a page in French would not hold, in English's most common ones: a page where one is left reads partly in
 * English. The seed's own texts are French, so they hold none.
 */
const ENGLISH = /(?<!\p{L})(the|your|you|and|with|this|that|for|of|to|is|are|here|please|sign in|join)(?!\p{L})/iu;

describe('the page’s language after a boosted sign-in', () => {
  let box: TestBox;
  let browser: Browser;

  beforeAll(async () => {
    box = await startSetUpBox();
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await box?.close();
  });

  it('follows the member’s own setting, though htmx swaps only the body', async () => {
    const member = await addActiveMember(box, { displayName: 'Mathilde Petit' });
    await setMemberLocale(box.database.db, member.id, 'fr');
    const context = await browser.newContext({ baseURL: box.url, viewport: PHONE, locale: 'en-GB' });
    try {
      const page = await context.newPage();
      await page.goto('/signin');
      expect(await page.getAttribute('html', 'lang')).toBe('en-GB');
      await page.locator('[name="account"]').fill(member.email);
      await page.locator('[name="password"]').fill(member.password);
      await page.locator('form[action="/signin"] button[type="submit"]').click();
      await page.getByRole('link', { name: 'Offres et demandes' }).first().waitFor();
      expect(await page.getAttribute('html', 'lang')).toBe('fr');
    } finally {
      await context.close();
    }
  }, 60_000);
});

/**
 * The join and pay flows in French, in Chromium at a phone's width, by a browser that asks for Belgian French: a
 * newcomer asks to join, two members vouch, the newcomer signs in and pays one of them. The form's fields are found
 * by their names, not their words; each page must be in French (`<html lang="fr">`, no English left in what is
 * shown) and fit the screen.
 */
describe('joining and paying in French, on a phone', () => {
  let box: TestBox;
  let scene: JoiningScene;
  let vouchers: JoiningScene['vouchers'];
  const person = () => scene.person();

  beforeAll(async () => {
    scene = await startJoiningScene(['Véronique Dubois', 'Victor Lambert'], 'fr-BE');
    box = scene.box;
    vouchers = scene.vouchers;
  });

  afterAll(() => scene?.close());

  it('lets a newcomer ask to join, be vouched for, sign in and pay, every page in French', async () => {
    const newcomer = await person();
    await askToJoin(newcomer);
    for (const voucher of vouchers) await vouchFor(await person(), voucher);
    const active = await findMembersWithStatus(box.database.db, ['active']);
    expect(active.map((m) => m.displayName)).toContain(NEWCOMER.name);
    await signInByForm(newcomer, NEWCOMER.email, NEWCOMER.password);
    await inFrench(newcomer);
    await pay(newcomer, vouchers[0]!.handle);
  }, 90_000);
});

/** The page is in French (`<html lang>`, no English left in what it shows) and fits a phone. */
async function inFrench(page: Page): Promise<void> {
  await page.waitForLoadState('load');
  expect(await page.getAttribute('html', 'lang'), page.url()).toBe('fr');
  // A string, evaluated in the page: the tests are compiled without the DOM's types.
  const shown = String(await page.evaluate('document.body.innerText'));
  expect(ENGLISH.exec(shown)?.[0], `${page.url()}: ${shown.slice(0, 2000)}`).toBeUndefined();
  await fitsTheScreen(page);
}

async function signInByForm(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/signin');
  await inFrench(page);
  await page.locator('[name="account"]').fill(account);
  await page.locator('[name="password"]').fill(password);
  await page.locator('form[action="/signin"] button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname !== '/signin');
}

async function askToJoin(newcomer: Page): Promise<void> {
  await newcomer.goto('/');
  await inFrench(newcomer);
  await newcomer.locator('main a[href="/join"]').first().click();
  await newcomer.waitForURL(/\/join$/);
  await inFrench(newcomer);
  await newcomer.locator('[name="display_name"]').fill(NEWCOMER.name);
  await newcomer.locator('[name="kind"][value="person"]').check();
  await newcomer.locator('[name="contact"]').fill(NEWCOMER.email);
  await newcomer.locator('[name="password"]').fill(NEWCOMER.password);
  await newcomer.locator('[name="why_join"]').fill('J’ai trop de tomates et j’aimerais les échanger.');
  await newcomer.locator('[name="place_id"]').selectOption({ label: 'Roydon' });
  await newcomer.locator('form[action="/join"] button[type="submit"]').click();
  await newcomer.waitForURL(/\/join\/sent$/);
  await inFrench(newcomer);
}

async function vouchFor(page: Page, voucher: { email: string; password: string }): Promise<void> {
  await signInByForm(page, voucher.email, voucher.password);
  await page.goto('/members/requests');
  await inFrench(page);
  const request = page.locator('form[action$="/vouch"]').first();
  await request.locator('[name="relation"][value="met_in_person"]').check();
  await request.locator('button[type="submit"]').click();
  await page.getByRole('status').filter({ hasText: NEWCOMER.name }).waitFor();
  await inFrench(page);
}

async function pay(payer: Page, toHandle: string): Promise<void> {
  await payer.goto(`/ledger/pay?to=${toHandle}`);
  await inFrench(payer);
  await payer.locator('[name="amount"]').fill('1:30');
  await payer.locator('[name="description"]').fill('Cours de pain au levain');
  await payer.locator('form[action="/ledger/pay"] button[type="submit"]:not([formmethod])').click();
  await payer.waitForURL(/\/ledger\/transfers\//);
  await payer.getByRole('heading', { name: /1:30 DHR/ }).waitFor();
  await inFrench(payer);
  await payer.goto('/ledger');
  await payer.getByText('-1:30').first().waitFor();
  await inFrench(payer);
}
