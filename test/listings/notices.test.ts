import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { remindExpiringListings } from '../../src/listings/listings.jobs.js';
import { addDays } from '../../src/lib/time.js';
import { addActiveMember, DISS, startSetUpBox, type TestBox } from '../helpers/box.js';
import { testScheduler } from '../helpers/scheduler.js';
import { signedIn } from '../members/helpers.js';
import { storeListing } from './helpers.js';
import { insertNoticeInWords, markNoticesUnread } from './notices.queries.js';

let box: TestBox;
beforeAll(async () => {
  box = await startSetUpBox();
});
afterAll(() => box.close());

describe('the reminders on My listings', () => {
  it('are in the reader’s language, and one stored in words before keys is shown as it was written', async () => {
    const author = await addActiveMember(box);
    const soon = await storeListing(
      box,
      author.id,
      DISS,
      { title: 'Plum jam' },
      { createdAt: addDays(box.clock.now(), -28) },
    );
    await testScheduler({ db: box.database.db, now: box.clock.now }, [remindExpiringListings]).runAll();
    await insertNoticeInWords(box.database.db, {
      memberId: author.id,
      listingSeq: soon.seq,
      words: 'An old reminder, in the words of its day.',
      at: box.clock.now(),
    });
    const asAuthor = await signedIn(box, author.email, author.password);

    const english = await asAuthor.get('/listings/mine', { 'accept-language': 'en' });
    expect(english.text).toMatch(/“Plum jam” expires on \d{1,2} [A-Z][a-z]{2} \d{4}: renew it if it still stands\./);
    expect(english.text).toContain('An old reminder, in the words of its day.');

    await markNoticesUnread(box.database.db, author.id);
    const french = await asAuthor.get('/listings/mine', { 'accept-language': 'fr' });
    expect(french.text).toMatch(/«\u00a0Plum jam\u00a0» expire le \d{1,2} [^ ]+ \d{4}\u00a0: prolongez-la/);
    expect(french.text).toContain('An old reminder, in the words of its day.');
  });
});
