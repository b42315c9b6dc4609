import { describe, expect, it } from 'vitest';
import { TokenBuckets } from '../../src/lib/token-bucket.js';

const at = (seconds: number) => new Date(Date.UTC(2026, 0, 1) + seconds * 1000);

describe('token buckets per key', () => {
  it('lets a burst through, then one per refill, and says when the next comes', () => {
    const buckets = new TokenBuckets(3, 60_000);
    for (let i = 0; i < 3; i++) expect(buckets.take('a', at(0))).toBeNull();
    expect(buckets.take('a', at(0))).toEqual(at(60));
    expect(buckets.take('a', at(45))).toEqual(at(60));
    expect(buckets.take('b', at(45))).toBeNull();
    expect(buckets.take('a', at(60))).toBeNull();
    expect(buckets.take('a', at(61))).toEqual(at(120));
    // Refilled, never beyond the burst.
    for (let i = 0; i < 3; i++) expect(buckets.take('a', at(10_000))).toBeNull();
    expect(buckets.take('a', at(10_000))).not.toBeNull();
  });

  it('remembers at most its number of keys, forgetting full buckets first, then the least recently used', () => {
    const buckets = new TokenBuckets(1, 60_000, 2);
    expect(buckets.take('old', at(0))).toBeNull();
    expect(buckets.take('busy', at(100))).toBeNull();
    // 'old' has refilled: forgetting it loses nothing, and 'busy' is still held.
    expect(buckets.take('new', at(100))).toBeNull();
    expect(buckets.take('busy', at(100))).not.toBeNull();
    // Nothing full: the least recently used ('busy') goes to make room.
    expect(buckets.take('newer', at(110))).toBeNull();
    expect(buckets.take('new', at(110))).not.toBeNull();
    expect(buckets.take('busy', at(110))).toBeNull();
  });
});
