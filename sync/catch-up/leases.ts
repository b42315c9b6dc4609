/**
 * Held by the catch-up that is fetching an origin's records; the others wait for it and then ask only for what it did
 * not bring.
 */
interface Lease {
  released: Promise<void>;
  release: () => void;
}

/**
 * Origin → the catch-up fetching its records now: one sibling at a time is
 * asked for an origin's records, so a box back from a restart, whose siblings
 * all connect at once, takes what it missed once, not once from each.
 */
export class Leases {
  private readonly held = new Map<string, Lease>();

  /** Takes the lease on an origin's records, if no other catch-up holds it. */
  claim(origin: string): boolean {
    if (this.held.has(origin)) return false;
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.held.set(origin, { released, release });
    return true;
  }

  letGo(origin: string): void {
    const lease = this.held.get(origin);
    this.held.delete(origin);
    lease?.release();
  }

  /** Resolves when the lease on any of `origins` is let go (at once if one is not held). */
  anyReleased(origins: Iterable<string>): Promise<void> {
    return Promise.race([...origins].map((origin) => this.held.get(origin)?.released ?? Promise.resolve()));
  }
}
