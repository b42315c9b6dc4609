import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PLACES } from '../../src/demo/diss.data.js';
import { insertPlace } from '../../src/members/places.queries.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { headerHeight, launchChromium, openMenu, PHONE, signIn } from '../helpers/browser.js';

describe('an offer found by proximity, through the browser', () => {
  let box: TestBox;
  let browser: Browser;
  const contexts: BrowserContext[] = [];
  let alice: Awaited<ReturnType<typeof addActiveMember>>;
  let bob: Awaited<ReturnType<typeof addActiveMember>>;

  async function person(): Promise<Page> {
    const context = await browser.newContext({ baseURL: box.url, viewport: PHONE });
    contexts.push(context);
    return context.newPage();
  }

  beforeAll(async () => {
    box = await startSetUpBox();
    for (const place of DEMO_PLACES) await insertPlace(box.database.db, place);
    alice = await addActiveMember(box, { displayName: 'Alice Allotment' });
    bob = await addActiveMember(box, { displayName: 'Bob Baker' });
    browser = await launchChromium();
  });

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await box?.close();
  });

  /** Alice posts her tomato plants from a point in Scole; the page she lands on is the listing's. */
  async function postTomatoPlants(author: Page): Promise<string> {
    await author.getByRole('link', { name: 'Post an offer or a want' }).first().click();
    await author.getByLabel('offer something').check();
    await author.getByLabel('Title').fill('Heritage tomato plants');
    await author.getByLabel('Description').fill('Six varieties, grown from saved seed.');
    await author.getByLabel('Category').selectOption('food');
    await author.getByLabel('Free').check();
    // A point in Scole, typed: the exact spot stays private.
    await author.getByLabel('Latitude').fill('52.36412');
    await author.getByLabel('Longitude').fill('1.15733');
    await author.getByRole('button', { name: 'Post' }).click();
    await author.getByRole('heading', { name: /Heritage tomato plants/ }).waitFor();
    expect(await author.content()).not.toContain('52.36412');
    return author.url();
  }

  /** Bob finds the plants by a radius search on a phone, then says he is interested. */
  async function findTomatoPlantsNearbyAndReply(replier: Page): Promise<void> {
    await replier.goto('/listings');
    // On a phone the first screen shows results, not only the search form: the header
    // takes at most two rows, and kind, category and centre wait in a closed disclosure.
    expect(await headerHeight(replier)).toBeLessThanOrEqual(120);
    const filters = replier.locator('details.filters');
    expect(await filters.getAttribute('open')).toBeNull();
    const firstResult = (await replier.locator('#listing-results li').first().boundingBox())!;
    expect(firstResult.y + firstResult.height).toBeLessThanOrEqual(PHONE.height);
    expect(await replier.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
    await replier.getByText('More filters').click();
    await replier.getByLabel('This point:').check();
    await replier.locator('#search-lat').fill('52.3765');
    await replier.locator('#search-lon').fill('1.1077');
    await replier.getByLabel('How far').selectOption('5');
    // Live search: typing updates the results without a page load, and the URL holds the search.
    await replier.getByLabel('Keywords').fill('tomat');
    const result = replier.locator('#listing-results').getByRole('link', { name: 'Heritage tomato plants' });
    await replier.waitForURL(/q=tomat/);
    await result.waitFor();
    expect(replier.url()).toContain('radius=5');
    expect(replier.url()).toContain('centre=here');
    await expect.poll(() => replier.locator('#listing-results').textContent()).toMatch(/\d\.\d km away/);
    // The URL is the search: opened afresh (a shared link), the filters show what it searched around.
    await replier.reload();
    expect(await filters.getAttribute('open')).not.toBeNull();
    expect(await replier.getByLabel('This point:').isChecked()).toBe(true);
    expect(await replier.locator('#search-lat').inputValue()).toBe('52.3765');
    await result.waitFor();
    // 2 km is too little: Scole is about 3.5 km from the box.
    await replier.getByLabel('How far').selectOption('2');
    await result.waitFor({ state: 'detached' });
    await replier.getByLabel('How far').selectOption('5');
    // Typed, then a result tapped at once: the keyword box's change event (it loses focus) makes no second search,
    // which would land after the listing's page and put the search back in the address bar.
    await replier.getByLabel('Keywords').fill('tomato');
    await replier.waitForURL(/q=tomato(&|$)/);
    await result.waitFor();
    const searchesAfterTap: string[] = [];
    replier.on('request', (request) => {
      if (new URL(request.url()).pathname === '/listings') searchesAfterTap.push(request.url());
    });
    await result.click();
    await replier.getByLabel(/Tell .* you are interested/).waitFor();
    expect(searchesAfterTap).toEqual([]);
    expect(new URL(replier.url()).pathname).toMatch(/^\/listings\/[0-9a-f-]{36}$/);
    await replier.getByLabel(/Tell .* you are interested/).fill('I would love two of them for my greenhouse.');
    await replier.getByRole('button', { name: 'I’m interested' }).click();
    await replier.getByText('I would love two of them for my greenhouse.').waitFor();
  }

  /** Alice sees the reply counted in her header and promises the plants to Bob. */
  async function promiseToBob(author: Page, listingUrl: string): Promise<void> {
    await author.goto('/');
    // The count of new replies stays in the phone's compact header, outside the menu.
    await author
      .getByRole('banner')
      .getByRole('link', { name: /My listings 1/ })
      .waitFor();
    expect(await headerHeight(author)).toBeLessThanOrEqual(120);
    await author.goto(listingUrl);
    await author.getByRole('link', { name: 'Bob Baker' }).click();
    await author.getByText('I would love two of them for my greenhouse.').waitFor();
    await author.getByLabel('Promise it to').selectOption({ label: 'Bob Baker' });
    await author.getByRole('button', { name: 'Mark promised' }).click();
    await author.getByText(/Status: promised to Bob Baker/).waitFor();
  }

  it(
    'a member posts an offer with a location; ' +
      'another finds it by a radius search and replies; the author marks it promised',
    async () => {
      const author = await person();
      await signIn(author, alice.email, alice.password);
      const listingUrl = await postTomatoPlants(author);

      const replier = await person();
      await signIn(replier, bob.email, bob.password);
      await findTomatoPlantsNearbyAndReply(replier);

      await promiseToBob(author, listingUrl);

      await replier.reload();
      await replier.getByText(/Status: promised to Bob Baker/).waitFor();

      // The rest of the header sits in the "Menu": it opens with a tap, leads on, and is closed on the next page.
      let menu = await openMenu(replier);
      await menu.getByRole('link', { name: 'Bob Baker' }).click();
      await replier.getByRole('heading', { level: 1, name: 'Bob Baker' }).waitFor();
      expect(await replier.locator('details.menu').getAttribute('open')).toBeNull();
      menu = await openMenu(replier);
      await menu.getByRole('button', { name: 'Sign out' }).click();
      await replier.getByRole('banner').getByRole('link', { name: 'Sign in' }).waitFor();
    },
  );

  it('opens the search filters when a shared link sets one', async () => {
    const visitor = await person();
    await visitor.goto('/listings?kind=offer&category=food');
    expect(await visitor.locator('details.filters').getAttribute('open')).not.toBeNull();
    expect(await visitor.getByLabel(/Offers or wants/).inputValue()).toBe('offer');
    expect(await visitor.getByLabel(/Category/).inputValue()).toBe('food');
    await visitor.goto('/listings?q=tomato&radius=25');
    expect(await visitor.locator('details.filters').getAttribute('open')).toBeNull();
    expect(await headerHeight(visitor)).toBeLessThanOrEqual(120);
  });
});
