import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { msg } from '../../src/lib/messages.js';
import { finishJobRun, insertJobRun, replaceScheduledJobs } from '../../src/jobs/job-runs.queries.js';
import { addActiveMember, STEWARD, startSetUpBox, type TestBox } from '../helpers/box.js';
import { fitsTheScreen, launchChromium, PhoneSessions, PHONE } from '../helpers/browser.js';

/**
 * The stewards' pages and the forms' refusals on a phone's width in Chromium:
 * members as cards whose decisions are whole, full-size buttons; the scheduled
 * jobs as cards with nothing out of sight sideways; a refused boosted form
 * leaves an address that reloads (never a 405); the live search announces its
 * summary line, not the whole list; a successful one ends on a GET page.
 */
describe('stewards and refused forms in a browser, on a phone', () => {
  let box: TestBox & { stewardHandle: string };
  let browser: Browser;
  const sessions = new PhoneSessions(
    () => browser,
    () => box.url,
  );
  const problems = sessions.problems;
  let member: Awaited<ReturnType<typeof addActiveMember>>;

  const person = (account: string, password: string) => sessions.person(account, password);

  beforeAll(async () => {
    box = await startSetUpBox();
    member = await addActiveMember(box, { displayName: 'Tom Fairweather' });
    for (const displayName of ['Sue Lambert', 'Diss Community Garden', 'Waveney Bakehouse'])
      await addActiveMember(box, { displayName });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await sessions.close();
    await browser?.close();
    await box?.close();
  });

  it('shows each member as a card whose decisions are whole buttons at least 44 px high', async () => {
    const steward = await person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards');
    await fitsTheScreen(steward);
    const cards = steward.locator('.members-admin > li');
    expect(await cards.count()).toBe(5);
    // Every button and "Suspend" disclosure: on screen, tall enough to tap, its label not cut short.
    const controls =
      (await steward.evaluate(`[...document.querySelectorAll('.members-admin button, .members-admin summary')]
      .filter((e) => e.getClientRects().length > 0)
      .map((e) => {
        const r = e.getBoundingClientRect();
        return { label: e.textContent.trim(), right: r.right, height: r.height, cut: e.scrollWidth > e.clientWidth };
      })`)) as {
        label: string;
        right: number;
        height: number;
        cut: boolean;
      }[];
    expect(controls.map((c) => c.label)).toEqual(
      expect.arrayContaining(['Stop being a steward', 'Make a steward', 'Suspend Tom Fairweather']),
    );
    for (const control of controls) {
      expect(control.height, control.label).toBeGreaterThanOrEqual(44);
      expect(control.right, control.label).toBeLessThanOrEqual(PHONE.width);
      expect(control.cut, control.label).toBe(false);
    }
    const tom = cards.filter({ hasText: 'Tom Fairweather' });
    expect(await tom.textContent()).toMatch(/Person · active · member/);
  });

  it('keeps the address bar on a page that reloads when a boosted form is refused', async () => {
    const steward = await person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards');
    const tom = steward.locator('.members-admin > li', { hasText: 'Tom Fairweather' });
    await tom.locator('summary', { hasText: 'Suspend' }).click();
    const answer = steward.waitForResponse((r) => r.request().method() === 'POST');
    await tom.getByRole('button', { name: 'Suspend Tom Fairweather' }).click();
    expect((await answer).status()).toBe(422);
    const error = steward.getByText('Give a reason: it is kept in the decisions log.');
    await error.waitFor();
    // The refused form is open and scrolled to (its summary is focused), not left below the fold.
    expect(await error.isVisible()).toBe(true);
    expect((await error.boundingBox())!.y).toBeLessThan(PHONE.height);
    // The POST's action (/stewards/members/…/suspend) answers POST only: the address stays on the page.
    expect(new URL(steward.url()).pathname).toBe('/stewards');
    const reloaded = await steward.reload();
    expect(reloaded!.status()).toBe(200);
    await steward.getByRole('heading', { name: 'Stewards', level: 1 }).waitFor();

    // Posting a listing: the form is at /listings/new, its action /listings (the search), with the CSRF token in its
    // query.
    const author = await person(member.email, member.password);
    await author.goto('/listings/new');
    await author.getByLabel('offer something').check();
    await author.getByLabel('Latitude').fill('200');
    const refused = author.waitForResponse((r) => r.request().method() === 'POST');
    await author.getByRole('button', { name: 'Post' }).click();
    expect((await refused).status()).toBe(422);
    await author.locator('.field-error').first().waitFor();
    expect(new URL(author.url()).pathname).toBe('/listings/new');
    expect(author.url()).not.toContain('_csrf');
    const again = await author.reload();
    expect(again!.status()).toBe(200);
    await author.getByLabel('Title').waitFor();
    expect(problems).toEqual([]);
  });

  it('leaves the browser on a GET page after a successful boosted form, so a reload makes nothing twice', async () => {
    const inviter = await person(member.email, member.password);
    await inviter.goto('/invites');
    const invites = () =>
      box.database.db.selectFrom('invites').select('id').where('inviter_id', '=', member.id).execute();
    const before = (await invites()).length;
    await inviter.getByRole('button', { name: 'Make an invite link' }).click();
    await inviter.getByRole('heading', { name: 'Your invite link', exact: true }).waitFor();
    const made = await invites();
    expect(made).toHaveLength(before + 1);
    // htmx follows the 303 and puts the page's address in the bar, not the form's action.
    expect(await inviter.evaluate('location.pathname')).toBe(`/invites/${made[0]!.id}`);
    const link = (await inviter.locator('code.secret').textContent())!;
    expect(link).toContain('/join/invite/');
    expect(await inviter.evaluate('location.href')).not.toContain(link.split('/').pop()!);
    await fitsTheScreen(inviter);

    const reloaded = await inviter.reload();
    expect(reloaded!.request().method()).toBe('GET');
    expect(reloaded!.status()).toBe(200);
    await inviter.getByText('shown once').waitFor();
    expect(await inviter.locator('code.secret').count()).toBe(0);
    expect(await invites()).toHaveLength(before + 1);
    expect(problems).toEqual([]);
  });

  it("shows the scheduled jobs as cards, the next run in view, with the checks' colours", async () => {
    const now = box.clock.now();
    const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
    await replaceScheduledJobs(box.database.db, [
      { name: 'nightly-backup', cron: '17 3 * * *', nextRunAt: at(600) },
      { name: 'listings-remind-expiring', cron: '7 * * * *', nextRunAt: at(30) },
    ]);
    const run = await insertJobRun(box.database.db, 'nightly-backup', at(-400));
    await finishJobRun(box.database.db, run, {
      finishedAt: at(-399),
      outcome: 'failed',
      message: msg('jobs.error', { error: 'disk I/O error' }),
    });

    const steward = await person(STEWARD.email, STEWARD.password);
    await steward.goto('/stewards/health');
    await fitsTheScreen(steward);
    const jobs = steward.locator('ul.jobs > li');
    expect(await jobs.count()).toBe(2);
    for (const job of await jobs.all()) {
      const next = (await job.locator('dd').last().boundingBox())!;
      expect(next.x + next.width).toBeLessThanOrEqual(PHONE.width);
    }
    // The colour bar of each check and job shows, over the list card's own border.
    const bars = (await steward.evaluate(
      `[...document.querySelectorAll('.list > li[class*="check-"]')]
        .map((e) => [e.className, getComputedStyle(e).borderLeftColor, getComputedStyle(e).borderLeftWidth])`,
    )) as [string, string, string][];
    expect(bars.length).toBeGreaterThan(2);
    const colours: Record<string, string> = {
      ok: 'rgb(31, 107, 69)',
      warn: 'rgb(194, 91, 0)',
      fail: 'rgb(138, 47, 18)',
    };
    for (const [className, colour, width] of bars) {
      const level = /check-(ok|warn|fail)/.exec(className)![1]!;
      expect([className, colour, width]).toEqual([className, colours[level], '4px']);
    }
    expect(await jobs.filter({ hasText: 'nightly-backup' }).getAttribute('class')).toBe('check-warn');
    expect(problems).toEqual([]);
  });

  it("announces the search's summary line, not every result", async () => {
    const searcher = await person(member.email, member.password);
    await searcher.goto('/listings');
    expect(await searcher.locator('#listing-results').getAttribute('aria-live')).toBeNull();
    // No live region holds the results (a screen reader would read them all at each keystroke).
    expect(await searcher.locator('[aria-live]:has(li), [role=status]:has(li)').count()).toBe(0);
    const summary = searcher.locator('#listing-summary');
    expect(await summary.getAttribute('role')).toBe('status');
    // Live search: the summary changes in place (the same element, so screen readers announce it).
    await searcher.evaluate(`document.querySelector('#listing-summary').dataset.original = 'yes'`);
    await searcher.getByLabel('Keywords').fill('quinces');
    await searcher.waitForURL(/q=quinces/);
    await expect.poll(() => summary.textContent()).toContain('“quinces”');
    expect(await summary.getAttribute('data-original')).toBe('yes');
    expect(await searcher.locator('#listing-summary').count()).toBe(1);
    expect((await summary.textContent())!.trim()).toMatch(
      /^Nothing found for “quinces” within \d+ km, nearest first\.$/,
    );
    expect(problems).toEqual([]);
  });
});
