import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, STEWARD, startSetUpBox, type TestBox } from '../helpers/box.js';
import { fitsTheScreen, launchChromium, PhoneSessions } from '../helpers/browser.js';
import { postListingForm } from '../listings/helpers.js';
import { requestToJoin, signedIn } from '../members/helpers.js';

/**
 * The member's day on a phone's width in Chromium: what waits, the balances and what is new near them, above the
 * four areas, with nothing out of sight sideways (long names and descriptions wrap), and the way to decide a payment
 * one tap away.
 */
describe('the home page on a phone', () => {
  let box: TestBox & { stewardHandle: string };
  let browser: Browser;
  const sessions = new PhoneSessions(
    () => browser,
    () => box.url,
  );
  let sue: Awaited<ReturnType<typeof addActiveMember>>;

  beforeAll(async () => {
    box = await startSetUpBox();
    sue = await addActiveMember(box, { displayName: 'Sue Lambert' });
    const tom = await addActiveMember(box, { displayName: 'Tom Fairweather of the Waveney Valley Bakehouse' });
    const asTom = await signedIn(box, tom.email, tom.password);
    const asked = await asTom.postForm(
      '/ledger/request',
      {
        from: sue.handle,
        currency: 'DHR',
        amount: '1:15',
        description: 'Mending the garden gate, the long fence along Mere Street and the shed’s door hinges',
        idempotency_key: 'phone-request',
      },
      { from: '/ledger/request' },
    );
    expect(asked.status).toBe(303);
    await postListingForm(asTom, { title: 'Sourdough starter, rye and spelt, with instructions for beginners' });
    expect((await requestToJoin(box)).status).toBe(303);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await sessions.close();
    await browser?.close();
    await box?.close();
  });

  it('shows a member their day above the four areas, with no sideways scroll', async () => {
    const page = await sessions.person(sue.email, sue.password);
    await page.goto('/');
    for (const heading of ['Waiting for you', 'Your accounts', 'Newest near you']) {
      expect(await page.getByRole('heading', { name: heading, level: 2 }).isVisible(), heading).toBe(true);
    }
    for (const area of ['Synergy — exchange', 'Who We Are — people', 'Commons — deciding together', 'Direction']) {
      expect(await page.getByRole('heading', { name: area, level: 2 }).isVisible(), area).toBe(true);
    }
    expect(await page.getByText('Sourdough starter, rye and spelt').isVisible()).toBe(true);
    expect(await page.getByText('1 join request you could vouch for').isVisible()).toBe(true);
    await fitsTheScreen(page);

    const decide = page.getByRole('link', { name: 'Accept or decline', exact: true });
    expect((await decide.boundingBox())!.height).toBeGreaterThanOrEqual(44);
    await decide.click();
    await page.waitForURL(/\/ledger\/transfers\/[0-9a-f-]{36}$/);
    await page.getByRole('button', { name: 'Accept and pay' }).waitFor();
    expect(sessions.problems).toEqual([]);
  });

  it('shows a steward the join request to decide, with no sideways scroll', async () => {
    const page = await sessions.person(STEWARD.email, STEWARD.password);
    await page.goto('/');
    const decide = page.getByRole('link', { name: '1 join request for the stewards to decide' });
    expect(await decide.isVisible()).toBe(true);
    await fitsTheScreen(page);
    await decide.click();
    await page.waitForURL(/\/stewards\?status=pending$/);
    expect(sessions.problems).toEqual([]);
  });
});
