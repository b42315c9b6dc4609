import { chromium, type Browser, type Locator, type Page } from 'playwright-core';

/**
 * Debian's Chromium, with the flags DESIGN.md lists: no sandbox (containers),
 * no GPU, and nothing that phones home. Playwright gives each launch a fresh
 * temporary profile of its own.
 */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
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
