/**
 * A token bucket per key (a client's address): each holds up to `capacity` tokens and gets one back every
 * `refillMs`, so a burst of `capacity` goes through at once and then one per `refillMs`.
 *
 * Kept in memory: a restart forgives everyone, and taking a token writes nothing. That suits a limit that protects the
 * box's time (a request that costs a password hash), where a failed sign-in's limit protects a secret and is stored.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly capacity: number,
    private readonly refillMs: number,
    /** Keys remembered at most; a flood from more addresses than this forgets the oldest ones first. */
    private readonly maxKeys = 10_000,
  ) {}

  /** Takes a token for `key`: null when there was one, else when the next one comes (nothing taken). */
  take(key: string, now: Date): Date | null {
    const at = now.getTime();
    const bucket = this.buckets.get(key) ?? { tokens: this.capacity, at };
    bucket.tokens = Math.min(this.capacity, bucket.tokens + (at - bucket.at) / this.refillMs);
    bucket.at = at;
    if (bucket.tokens < 1) return new Date(at + (1 - bucket.tokens) * this.refillMs);
    bucket.tokens -= 1;
    this.buckets.delete(key); // set again below: the Map's order is then the order of last use
    this.buckets.set(key, bucket);
    if (this.buckets.size > this.maxKeys) this.forgetFull(at);
    return null;
  }

  /** Forgets buckets that have filled up again (they hold nothing a new one would not), then the least recent. */
  private forgetFull(at: number): void {
    for (const [key, bucket] of this.buckets) {
      if (bucket.tokens + (at - bucket.at) / this.refillMs >= this.capacity) this.buckets.delete(key);
    }
    for (const key of this.buckets.keys()) {
      if (this.buckets.size <= this.maxKeys) break;
      this.buckets.delete(key);
    }
  }
}
