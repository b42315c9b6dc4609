import type { Network } from '../network.js';
import type { SignedRecord } from '../records.js';
import type { SiblingList } from '../siblings/list.js';

export interface HeardHorizonsComponents {
  siblings: Pick<SiblingList, 'has' | 'peers'>;
  network: Pick<Network, 'isConnected'>;
}

/**
 * What each connected sibling holds, by the horizons it gave in its latest
 * catch-up request: so that records this box learns by catch-up are gossiped
 * on only when a sibling is known to lack them.
 */
export class HeardHorizons {
  /** Sibling → origin → the horizon it gave in its last catch-up request. */
  private readonly heard = new Map<string, Map<string, number>>();

  constructor(private readonly components: HeardHorizonsComponents) {}

  /** Sibling `from` asked for what follows these horizons (only origins this box answers for count). */
  note(from: string, asked: readonly { origin: string; after: number }[], answerable: (origin: string) => boolean) {
    const heard = this.heard.get(from) ?? new Map<string, number>();
    for (const { origin, after } of asked) if (answerable(origin)) heard.set(origin, after);
    if (this.components.siblings.has(from)) this.heard.set(from, heard);
  }

  /**
   * What a sibling held is told again on its next connection (it may come back restored from a backup, holding
   * less).
   */
  forget(peer: string): void {
    this.heard.delete(peer);
  }

  /**
   * Whether a record this box learnt by catch-up from `from` is worth gossiping
   * on: only when a connected sibling is known to lack it, by the horizon it
   * gave in its latest catch-up request. A sibling that has not asked about the
   * record's origin since it connected is about to (a box catches up on every
   * connection), and this box's answer will hold the record. So a box back from
   * a restart, whose siblings hold what it is catching up on, does not send it
   * all round the region again; while one whose sibling asked before the box
   * had the records passes them on at once.
   */
  lackedByASibling(signed: SignedRecord, from: string): boolean {
    const { origin, seq } = signed.record;
    for (const peer of this.components.siblings.peers()) {
      if (peer === from || !this.components.network.isConnected(peer)) continue;
      const horizon = this.heard.get(peer)?.get(origin);
      if (horizon !== undefined && horizon < seq) return true;
    }
    return false;
  }
}
