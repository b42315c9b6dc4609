import { describe, expect, it } from 'vitest';
import { slugify } from '../../src/lib/slug.js';
import { listingsTopic } from '../../sync/gossip/topic.js';

// sync/ keeps its own copy of the app's slug rule, because the topic is part of the wire protocol (PROTOCOL.md §2.2)
// and sync/ imports no code from src/: the two must never drift apart.
describe('the region topic', () => {
  it('is named by the app’s slug of the region, or "default"', () => {
    for (const region of ['South Norfolk', 'Café Crème', '  Île-de-France  ', '!!!', '', `${'x'.repeat(59)}-y`, 'Ø']) {
      expect(listingsTopic(region), region).toBe(`marketcross/1/listings/${slugify(region, 60) || 'default'}`);
    }
    expect(listingsTopic('South Norfolk')).toBe('marketcross/1/listings/south-norfolk');
  });
});
