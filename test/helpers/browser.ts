import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_PLACES } from '../../src/demo/diss.data.js';
import { insertPlace } from '../../src/members/places.queries.js';
import { addActiveMember, startSetUpBox, type TestBox } from './box.js';

/**
 * Debian's Chromium, with the flags DESIGN.md lists: no sandbox (containers),
 * no GPU, and nothing that phones home. Playwright gives each launch a fresh
 * temporary profile of its own.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const PHONE = { width: 390, height: 844 };

/**
 * Signs in through the real form; done when the page offers "Sign out" (on a
 * phone it sits in the header's closed "Menu", so it is there but not shown).
 */
export async function signIn(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email or phone').fill(account);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out', includeHidden: true }).waitFor({ state: 'attached' });
}

/** Opens the header's "Menu" disclosure as a person would, by tapping it; resolves with the menu's links. */
export async function openMenu(page: Page): Promise<Locator> {
  await page.locator('header summary', { hasText: 'Menu' }).click();
  const menu = page.getByRole('navigation', { name: 'More' });
  await menu.waitFor();
  return menu;
}

/** The height of the page header in CSS pixels. */
export async function headerHeight(page: Page): Promise<number> {
  return (await page.locator('header.site').boundingBox())!.height;
}

/**
 * People each in their own browser context at phone width, signed in through
 * the real form. Page errors and console errors are gathered in `problems`
 * (a test ends by expecting none), except the 409/422 a refused form answers
 * on purpose, which the browser and htmx log.
 */
export class PhoneSessions {
  readonly problems: string[] = [];
  private readonly contexts: BrowserContext[] = [];

  constructor(
    private readonly browser: () => Browser,
    private readonly baseURL: () => string,
  ) {}

  async person(account: string, password: string): Promise<Page> {
    const context = await this.browser().newContext({ baseURL: this.baseURL(), viewport: PHONE });
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => this.problems.push(`page error: ${error.message}`));
    page.on('console', (message) => {
      const text = message.text();
      if (message.type() === 'error' && !/status of 4(09|22)|Response Status Error Code 4(09|22)/.test(text))
        this.problems.push(`console: ${text}`);
    });
    await signIn(page, account, password);
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts) await context.close();
  }
}

/** Nothing sticks out sideways: the page is no wider than the phone. */
export async function fitsTheScreen(page: Page): Promise<void> {
  // A string, evaluated in the page: the tests are compiled without the DOM's types.
  expect(await page.evaluate('document.documentElement.scrollWidth'), page.url()).toBeLessThanOrEqual(PHONE.width);
}

/** A set-up box with the demo places and members to vouch for a newcomer, and a phone browser for the people. */
export interface JoiningScene {
  readonly box: TestBox;
  readonly vouchers: Awaited<ReturnType<typeof addActiveMember>>[];
  /** A separate browser profile's worth of cookies: one person on one phone (its browser asking for `locale`). */
  person(): Promise<Page>;
  close(): Promise<void>;
}

export async function startJoiningScene(voucherNames: readonly string[], locale?: string): Promise<JoiningScene> {
  const box = await startSetUpBox({ vouchesRequired: voucherNames.length });
  for (const place of DEMO_PLACES) await insertPlace(box.database.db, place);
  const vouchers = [];
  for (const displayName of voucherNames) vouchers.push(await addActiveMember(box, { displayName }));
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  return {
    box,
    vouchers,
    async person() {
      const context = await browser.newContext({ baseURL: box.url, viewport: PHONE, locale });
      contexts.push(context);
      return context.newPage();
    },
    async close() {
      for (const context of contexts) await context.close();
      await browser.close();
      await box.close();
    },
  };
}
