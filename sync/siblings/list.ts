import type { SiblingsPort } from '../port.js';

export interface SiblingListComponents {
  box: Pick<SiblingsPort, 'listSiblings'>;
}

/**
 * The boxes this box federates with, as last read from the box (the stewards'
 * page and `marketcross peers` change it from outside): peer id → the address
 * it is dialled at. Everything else in the service asks here who is a sibling.
 */
export class SiblingList {
  private siblings = new Map<string, string>();

  constructor(private readonly components: SiblingListComponents) {}

  has(peer: string): boolean {
    return this.siblings.has(peer);
  }

  peers(): string[] {
    return [...this.siblings.keys()];
  }

  /** Each sibling with the address it is dialled at. */
  addresses(): ReadonlyMap<string, string> {
    return this.siblings;
  }

  /**
   * Re-reads the list. Each sibling taken off it is handed to `forget` (which
   * drops what the service knew of it and hangs up) while it still counts as a
   * sibling, so the hang-up is taken for one, and only then is the list replaced.
   */
  async reload(forget: (peer: string) => Promise<void>): Promise<void> {
    const listed = await this.components.box.listSiblings();
    const next = new Map(listed.map((s) => [s.peerId, s.address]));
    for (const peer of this.siblings.keys()) {
      if (!next.has(peer)) await forget(peer);
    }
    this.siblings = next;
  }
}
