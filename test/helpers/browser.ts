import { chromium, type Browser, type Page } from 'playwright-core';

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

/** Signs in through the real form; done when the page offers "Sign out". */
export async function signIn(page: Page, account: string, password: string): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('Email or phone').fill(account);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.getByRole('button', { name: 'Sign out' }).waitFor();
}
