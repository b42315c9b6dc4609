import type { Network } from '../network.js';
import type { SiblingsPort } from '../port.js';
import type { SiblingList } from './list.js';

/**
 * The service notes connected siblings as seen at least this often, so a
 * process without the peer layer (`marketcross doctor`) can tell from
 * `last_seen_at` which are connected.
 */
export const SEEN_REFRESH_MS = 60_000;

export interface PresenceComponents {
  box: Pick<SiblingsPort, 'markSiblingSeen'>;
  now: () => Date;
  siblings: Pick<SiblingList, 'peers'>;
  network: Pick<Network, 'isConnected'>;
}

export interface PresenceInit {
  /** How often connected siblings are noted as seen (`last_seen_at`). */
  seenRefreshMs?: number;
}

const DEFAULTS = {
  // marketcross doctor reads last_seen_at to tell which siblings are connected.
  seenRefreshMs: SEEN_REFRESH_MS,
};

/** Notes in the box when each sibling was last seen: when it connects or goes, and while it stays. */
export class Presence {
  private lastNoted = 0;
  private readonly init: Required<PresenceInit>;

  constructor(
    private readonly components: PresenceComponents,
    init: PresenceInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** A sibling connected or went: noted at once (a failure is of no consequence; the next refresh notes it). */
  seen(peer: string): void {
    void this.components.box.markSiblingSeen(peer, this.components.now()).catch(() => {});
  }

  /** Notes the connected siblings as seen, at most once every `seenRefreshMs`. */
  async refresh(now: number): Promise<void> {
    if (now - this.lastNoted < this.init.seenRefreshMs) return;
    this.lastNoted = now;
    const { box, siblings, network } = this.components;
    await box.markSiblingSeen(
      siblings.peers().filter((peer) => network.isConnected(peer)),
      this.components.now(),
    );
  }
}
