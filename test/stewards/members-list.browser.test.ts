import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertMember } from '../../src/members/members.queries.js';
import { addActiveMember, DISS, STEWARD, startSetUpBox, type TestBox } from '../helpers/box.js';
import { fitsTheScreen, launchChromium, PhoneSessions } from '../helpers/browser.js';
import { requestToJoin } from '../members/helpers.js';

/**
 * The stewards' members list in Chromium at a phone's width, with more members
 * than a page holds: the live search and the status filter answer in place
 * (the address following, Back returning), nothing sticks out sideways, and a
 * decision brings the steward back to the search they made it from.
 */
describe("the stewards' members list in a browser, on a phone", () => {
  let box: TestBox & { stewardHandle: string };
  let browser: Browser;
  const sessions = new PhoneSessions(
    () => browser,
    () => box.url,
  );

  beforeAll(async () => {
    box = await startSetUpBox();
    for (let n = 1; n <= 60; n++) {
      const email = `person${n}@example.org`;
      await insertMember(
        box.database.db,
        {
          displayName: `Paging Person ${String(n).padStart(2, '0')}`,
          kind: 'person',
          email,
          phone: null,
          passwordHash: 'not-a-hash',
          status: 'active',
          role: 'member',
          whyJoin: '',
          lat: DISS.lat,
          lon: DISS.lon,
          placeId: null,
        },
        box.clock.now(),
      );
    }
    await addActiveMember(box, { displayName: 'Tom Fairweather' });
    await addActiveMember(box, { displayName: 'Tamsin Fairbrother-Longname-Withoutspaces' });
    await requestToJoin(box, {
      display_name: 'Rita Request',
      contact: 'rita@example.org',
      why_join: 'I bake bread and would like to sell it at the market on Fridays.',
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await sessions.close();
    await browser?.close();
    await box?.close();
  });

  it('searches and filters live, keeps the address, and fits the screen', async () => {
    const steward = await sessions.person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards');
    await fitsTheScreen(steward);
    const cards = steward.locator('#steward-members .members-admin > li');
    expect(await cards.count()).toBe(25);
    // The request waiting for a decision comes first.
    expect(await cards.first().textContent()).toContain('Rita Request');
    const summary = steward.locator('#steward-members-summary');
    expect((await summary.textContent())!.trim()).toBe('64 people, page 1 of 3');

    // Live: the summary changes in place (the same element, so a screen reader announces it) and the page is not
    // reloaded.
    await steward.evaluate(
      `document.querySelector('#steward-members-summary').dataset.original = 'yes'; window.notReloaded = true`,
    );
    await steward.getByRole('searchbox', { name: 'Search' }).pressSequentially('fair', { delay: 40 });
    await steward.waitForURL(/q=fair/);
    await expect.poll(() => summary.textContent()).toContain('2 people matching “fair”');
    expect(await cards.count()).toBe(2);
    expect(await summary.getAttribute('data-original')).toBe('yes');
    expect(await steward.evaluate('window.notReloaded')).toBe(true);
    expect(await steward.locator('[aria-live], [role=status]:has(li)').count()).toBe(0);
    await fitsTheScreen(steward);

    await steward.getByLabel('Show').selectOption('suspended');
    await steward.waitForURL(/status=suspended/);
    await expect.poll(() => summary.textContent()).toContain('No one suspended matching “fair”');
    expect(await cards.count()).toBe(0);
    expect(new URL(steward.url()).searchParams.get('q')).toBe('fair');

    // Back returns to the search before the filter.
    await steward.goBack();
    await steward.waitForURL((url) => !url.searchParams.get('status') && url.searchParams.get('q') === 'fair');
    await expect.poll(() => cards.count()).toBe(2);

    // The pager: the next page, whole, still fitting.
    await steward.goto('/stewards?q=paging');
    await steward.getByRole('link', { name: 'Next' }).click();
    await steward.waitForURL(/page=2/);
    await expect.poll(() => summary.textContent()).toContain('page 2 of 3');
    expect(await cards.first().textContent()).toContain('Paging Person 26');
    await fitsTheScreen(steward);
    expect(sessions.problems).toEqual([]);
  });

  it('brings the steward back to the search after a decision', async () => {
    const steward = await sessions.person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards');
    await steward.getByRole('searchbox', { name: 'Search' }).fill('Tom Fair');
    await steward.waitForURL(/q=Tom/);
    const tom = steward.locator('#steward-members .members-admin > li', { hasText: 'Tom Fairweather' });
    await expect.poll(() => steward.locator('#steward-members .members-admin > li').count()).toBe(1);
    await tom.locator('summary', { hasText: 'Suspend' }).click();
    await tom.getByLabel('Reason').fill('Testing the list');
    await tom.getByRole('button', { name: 'Suspend Tom Fairweather' }).click();
    await tom.getByText('suspended', { exact: true }).waitFor();
    const url = new URL(steward.url());
    expect(url.pathname).toBe('/stewards');
    expect(url.searchParams.get('q')).toBe('Tom Fair');
    expect(await steward.getByRole('searchbox', { name: 'Search' }).inputValue()).toBe('Tom Fair');
    expect(await tom.getByRole('button', { name: 'Reinstate' }).isVisible()).toBe(true);
    await fitsTheScreen(steward);
    expect(sessions.problems).toEqual([]);
  });
});
