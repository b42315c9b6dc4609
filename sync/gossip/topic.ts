import type { TopicValidatorResult } from '@libp2p/gossipsub';
import type { PeerId } from '@libp2p/interface';
import type { Network } from '../network.js';
import type { SiblingsPort } from '../port.js';

/** The gossip topic of a region's listings (see PROTOCOL.md). */
export function listingsTopic(region: string): string {
  return `marketcross/1/listings/${slugify(region, 60) || 'default'}`;
}

/**
 * The URL-safe form of a region's name, as `src/lib/slug.ts` makes it: kept here
 * because the topic is part of the wire protocol, and sync/ imports no code from the app.
 */
function slugify(name: string, maxLength: number): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}

export interface RegionTopicComponents {
  box: Pick<SiblingsPort, 'region'>;
  network: Pick<Network, 'pubsub'>;
  /** Gossip's gate, set as the topic's validator (`validator.ts`). */
  validate: (source: PeerId, data: Uint8Array) => Promise<TopicValidatorResult>;
}

/** The region's topic this box follows: subscribed, with its validator. */
export class RegionTopic {
  /** The topic followed now; null before the community has a region. */
  current: string | null = null;

  constructor(private readonly components: RegionTopicComponents) {}

  /** Subscribes to the community's region topic (the region can be set after start, at setup). */
  async follow(): Promise<void> {
    const { box, network, validate } = this.components;
    if (!network.pubsub()) return;
    const region = await box.region();
    const topic = region !== null ? listingsTopic(region) : null;
    if (topic === this.current) return;
    const pubsub = network.pubsub();
    if (!pubsub) return;
    if (this.current) {
      pubsub.unsubscribe(this.current);
      pubsub.topicValidators.delete(this.current);
    }
    this.current = topic;
    if (!topic) return;
    pubsub.topicValidators.set(topic, (peer, message) => validate(peer, message.data));
    pubsub.subscribe(topic);
  }

  /**
   * Whether a sibling has joined this box's region topic as far as this box
   * knows: until then, gossip of this box's new records does not reach it
   * (it learns them at its next catch-up).
   */
  hears(peer: string): boolean {
    const pubsub = this.components.network.pubsub();
    return (
      pubsub !== null && this.current !== null && pubsub.getSubscribers(this.current).some((p) => p.toString() === peer)
    );
  }
}
