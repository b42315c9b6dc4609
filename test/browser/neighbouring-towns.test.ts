import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STEWARD } from '../helpers/box.js';
import { launchChromium, PHONE, signIn } from '../helpers/browser.js';
import { addressOf, eventually, remoteListing, startFederatedBox, type FederatedBox } from '../sync/helpers.js';

describe('neighbouring towns, through the browser', () => {
  let eye: FederatedBox, diss: FederatedBox;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  async function person(box: FederatedBox): Promise<Page> {
    const context = await browser.newContext({ baseURL: box.url, viewport: PHONE });
    contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => {
      throw error;
    });
    return page;
  }

  beforeAll(async () => {
    [eye, diss] = await Promise.all([startFederatedBox('Eye'), startFederatedBox('Diss')]);
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await Promise.all([eye, diss].map((b) => b?.close()));
  });

  it('two stewards agree, an Eye member shares an offer, ' +
    'a Diss member finds it and writes; the author answers', async () => {
    // Each steward adds the other box on the stewards' page, from what the other's page shows.
    for (const [box, other] of [
      [diss, eye],
      [eye, diss],
    ] as const) {
      const steward = await person(box);
      await signIn(steward, STEWARD.email, STEWARD.password);
      await steward.goto('/stewards');
      await steward.getByRole('link', { name: 'Neighbouring towns' }).click();
      await steward.getByLabel('Name').fill(other.name);
      await steward.getByLabel('Peer id').fill(other.sync!.peerId);
      await steward.getByLabel('Address').fill(addressOf(other));
      await steward.getByRole('button', { name: 'Add the sibling' }).click();
      await steward.getByRole('heading', { level: 3, name: new RegExp(`^${other.name}`) }).waitFor();
    }
    await eventually('the boxes connected', async () => diss.sync!.isConnected(eye.sync!.peerId));

    const author = await person(eye);
    await signIn(author, eye.member.email, eye.member.password);
    await author.goto('/listings/new');
    await author.getByLabel('offer something').check();
    await author.getByLabel('Title').fill('Walnuts from the old tree');
    await author.getByLabel('Category').selectOption('food');
    await author.getByLabel('Free').check();
    await author.getByLabel('Share with neighbouring towns').check();
    await author.getByRole('button', { name: 'Post' }).click();
    await author.getByRole('heading', { name: /Walnuts from the old tree/ }).waitFor();
    const id = author.url().split('/listings/')[1]!;
    await eventually('the listing at Diss', () => remoteListing(diss, id));

    const replier = await person(diss);
    await signIn(replier, diss.member.email, diss.member.password);
    await replier.goto('/listings');
    await replier.getByLabel('How far').selectOption('10');
    await replier.getByLabel('Keywords').fill('walnut');
    const result = replier.locator('#listing-results li', { hasText: 'Walnuts from the old tree' });
    await result.waitFor();
    expect(await result.textContent()).toContain('from Eye');
    await result.getByRole('link', { name: 'Walnuts from the old tree' }).click();
    await replier.getByLabel(/you are interested/).fill('May I pick some up on Sunday?');
    await replier.getByRole('button', { name: 'I’m interested' }).click();
    await replier.getByText('May I pick some up on Sunday?').waitFor();

    // The author sees the reply on their own box, labelled with the replier's town, and answers.
    await eventually(
      'the reply at Eye',
      async () => (await eye.database.db.selectFrom('federated_messages').select('id').execute()).length === 1,
    );
    await author.reload();
    // A name kept to the replier's own box comes as none: Eye says "A member" in its reader's words, and the town.
    const conversation = author.locator('li', { has: author.getByRole('link', { name: 'A member', exact: true }) });
    expect(await conversation.textContent()).toContain('from Diss');
    await conversation.getByRole('link', { name: 'A member', exact: true }).click();
    await author.getByText('May I pick some up on Sunday?').waitFor();
    await author.getByLabel('Your answer').fill('Of course, any time after church.');
    await author.getByRole('button', { name: 'Send' }).click();
    await author.getByText('Of course, any time after church.').waitFor();

    await eventually('the answer at Diss', async () => {
      await replier.reload();
      return (await replier.content()).includes('Of course, any time after church.');
    });
    expect(await replier.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(PHONE.width);
  }, 60_000);
});
