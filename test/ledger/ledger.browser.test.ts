import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, STEWARD, startSetUpBox, type TestBox } from '../helpers/box.js';
import { fitsTheScreen, launchChromium, PhoneSessions, PHONE } from '../helpers/browser.js';

/**
 * The ledger as people use it, on a phone's width in Chromium: pay someone
 * picked by name (the live htmx search), be told plainly what is wrong with an
 * amount, ask for a payment that the other member accepts, and read the
 * statement with its running balance in view; a steward reads the zero-sum
 * check. Every page fits the screen (nothing wider than it but the tables'
 * own scrolling), and the browser logs no error beyond the refusals' status
 * codes, which the forms answer on purpose.
 */
describe('the ledger in a browser, on a phone', () => {
  let box: TestBox;
  let browser: Browser;
  const sessions = new PhoneSessions(
    () => browser,
    () => box.url,
  );
  const problems = sessions.problems;
  let alice: Awaited<ReturnType<typeof addActiveMember>>;
  let bob: Awaited<ReturnType<typeof addActiveMember>>;

  const person = (account: string, password: string) => sessions.person(account, password);

  /** The element is on screen horizontally, not hidden in a table's sideways scroll. */
  async function inView(page: Page, selector: string): Promise<void> {
    const box = (await page.locator(selector).last().boundingBox())!;
    expect(box.x + box.width, selector).toBeLessThanOrEqual(PHONE.width);
  }

  beforeAll(async () => {
    box = await startSetUpBox();
    alice = await addActiveMember(box, { displayName: 'Alice Allotment' });
    bob = await addActiveMember(box, { displayName: 'Bob Baker' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await sessions.close();
    await browser?.close();
    await box?.close();
  });

  it('pays, requests and accepts, and shows statements and the stewards’ check, all fitting a phone', async () => {
    const payer = await person(alice.email, alice.password);
    await payer.goto('/ledger');
    await payer.getByRole('link', { name: 'Pay someone' }).click();
    // Loaded, not just shown: typing before htmx (a deferred script) has started would fire no live search.
    await payer.waitForURL(/\/ledger\/pay/, { waitUntil: 'load' });
    await payer.getByLabel('Find a member or a group by name').fill('Bob');
    await payer.locator('#people').getByRole('link', { name: 'Bob Baker' }).click();
    await expect.poll(() => payer.getByLabel(/^To/).inputValue()).toBe(bob.handle);
    await payer.getByLabel('Amount').fill('1:75');
    await payer.getByLabel('What for').fill('Sourdough lessons');
    await payer.getByRole('button', { name: 'Pay', exact: true }).click();
    await payer.getByText('so “1:75” would be “2:15”').first().waitFor();
    expect(await payer.getByLabel('What for').inputValue()).toBe('Sourdough lessons');
    await fitsTheScreen(payer);
    await payer.getByLabel('Amount').fill('1:30');
    await payer.getByRole('button', { name: 'Pay', exact: true }).click();
    await payer.getByRole('heading', { name: 'Payment: 1:30 DHR' }).waitFor();
    await fitsTheScreen(payer);

    const payee = await person(bob.email, bob.password);
    await payee.goto(`/ledger/request?from=${alice.handle}`);
    await payee.getByLabel('Amount').fill('0.75');
    await payee.getByLabel('What for').fill('Two loaves');
    await payee.getByRole('button', { name: 'Send the request' }).click();
    await payee.getByRole('heading', { name: 'Payment request: 0:45 DHR' }).waitFor();
    await payee.getByText('waiting for Alice Allotment').waitFor();

    await payer.goto('/ledger');
    const waiting = payer.getByRole('listitem').filter({ hasText: 'Two loaves' });
    await waiting.getByRole('button', { name: 'Accept and pay' }).click();
    await payer
      .getByText(/completed/)
      .first()
      .waitFor();
    await payer.goto('/ledger');
    await payer.getByText('-2:15').first().waitFor();
    await fitsTheScreen(payer);

    await payer.getByRole('link', { name: 'Statement' }).click();
    await payer.getByRole('heading', { name: /Statement: .* Hours/ }).waitFor();
    await fitsTheScreen(payer);
    // The running balance, the statement's point, is on screen at a phone's width.
    expect(await payer.locator('tbody tr td:last-child').last().textContent()).toBe('-2:15');
    await inView(payer, 'tbody tr td:last-child');

    const steward = await person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards/ledger');
    await steward.getByText(/^DHR: OK$/).waitFor();
    await inView(steward, 'li.check-ok');
    await fitsTheScreen(steward);

    expect(problems).toEqual([]);
  }, 60_000);
});
