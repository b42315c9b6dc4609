import { multiaddr } from '@multiformats/multiaddr';
import type { Network } from '../network.js';
import { givesWayTo, RedialSchedule, type BackoffInit } from './backoff.js';

export interface DiallerComponents {
  /** This box's peer id. */
  self: string;
  network: Pick<Network, 'started' | 'dial'>;
  /** Aborted when the service stops: dials under way are cut short. */
  stopping: AbortSignal;
}

export interface DiallerInit extends BackoffInit {
  /** A dial that takes longer than this has failed: the sibling is redialled later. */
  dialTimeoutMs?: number;
}

const DEFAULTS = {
  // Well past a dial and its handshake to a busy box over a slow link: an address that does not answer is given up on.
  dialTimeoutMs: 10_000,
} as const;

/** Keeps dialling the siblings that are not connected, each on its own backoff (`backoff.ts`). */
export class Dialler {
  private readonly schedules = new Map<string, RedialSchedule>();
  private readonly init: DiallerInit & { dialTimeoutMs: number };

  constructor(
    private readonly components: DiallerComponents,
    init: DiallerInit = {},
  ) {
    this.init = { ...DEFAULTS, ...init };
  }

  /** Dials a sibling that is not connected, if its schedule says the time has come. */
  dial(peer: string, address: string, now: number): void {
    const { self, network, stopping } = this.components;
    let schedule = this.schedules.get(peer);
    if (!schedule) {
      schedule = new RedialSchedule(this.init, givesWayTo(self, peer), now);
      this.schedules.set(peer, schedule);
    }
    if (!schedule.due(now) || !network.started) return;
    schedule.dialling = true;
    const target = multiaddr(`${address}/p2p/${peer}`);
    const current = schedule;
    // Success is judged when the connection ends (`disconnected`): one the other box hangs up on at once is no success.
    network
      .dial(target, AbortSignal.any([stopping, AbortSignal.timeout(this.init.dialTimeoutMs)]))
      .catch(() => current.failed())
      .finally(() => {
        current.dialling = false;
      });
  }

  connected(peer: string): void {
    this.schedules.get(peer)?.connected();
  }

  /** A connection ended: one that lasted starts the backoff over, one hung up on at once counts as a failed try. */
  disconnected(peer: string): void {
    this.schedules.get(peer)?.disconnected();
  }

  forget(peer: string): void {
    this.schedules.delete(peer);
  }
}
