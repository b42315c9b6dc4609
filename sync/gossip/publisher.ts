import type { PrivateKey } from '@libp2p/interface';
import type { SyncLogger } from '../logger.js';
import type { Network } from '../network.js';
import type { RecordsPort } from '../port.js';
import { canonicalJson, encodeSignedRecord, RECORD_VERSION, signRecord, type SignedRecord } from '../records.js';
import type { RegionTopic } from './topic.js';

export interface PublisherComponents {
  box: Pick<RecordsPort, 'publishing'>;
  /** This box's peer id and key: its records' origin and signature. */
  self: string;
  privateKey: PrivateKey;
  now: () => Date;
  network: Pick<Network, 'pubsub'>;
  topic: Pick<RegionTopic, 'current'>;
  log: SyncLogger;
}

/** Signs this box's changed listings as records and gossips them, and gossips on what a sibling may lack. */
export class Publisher {
  /**
   * Records published to nobody, newest kept (a record superseded by its listing's next one is dropped with it).
   * Bounded: past the bound, the oldest are left to catch-up, which serves everything a sibling lacks.
   */
  private readonly unheard = new Map<string, SignedRecord>();

  constructor(private readonly components: PublisherComponents) {}

  /**
   * Turns the queue of changed listings into signed records with this box's
   * next sequence numbers, in one write transaction, then gossips them.
   */
  async publishPending(): Promise<void> {
    const { box, self, privateKey } = this.components;
    const now = this.components.now();
    const issued = await box.publishing(async (own) => {
      const changed = await own.takeChanges();
      const records: SignedRecord[] = [];
      for (const listingSeq of changed) {
        const view = await own.viewOf(listingSeq, async (id) => (await own.heldRecord(self, id)) !== null, now);
        if (!view) continue;
        const body = {
          v: RECORD_VERSION,
          origin: self,
          listing: view.listingId,
          op: view.op,
          town: view.town,
          expires_at: view.expiresAt,
          fields: view.fields,
        } as const;
        const held = await own.heldRecord(self, view.listingId);
        // Nothing a sibling would see has changed (a reminder was noted, say): no new record.
        if (held && canonicalJson({ ...held.signed.record, seq: 0 }) === canonicalJson({ ...body, seq: 0 })) continue;
        const signed = await signRecord({ ...body, seq: await own.issueSeq(self) }, privateKey);
        await own.storeOwnRecord(signed);
        records.push(signed);
      }
      return records;
    });
    await this.gossip(issued);
  }

  /** Sends records to the region's topic: this box's own, and those it learnt by catch-up that a sibling may lack. */
  async gossip(records: SignedRecord[]): Promise<void> {
    const { network, topic, log } = this.components;
    const pubsub = network.pubsub();
    if (!pubsub || !topic.current) return;
    for (const signed of records) {
      const sent = await pubsub
        .publish(topic.current, encodeSignedRecord(signed))
        .catch((error) => log.warn('gossiping a record', error));
      if (sent?.recipients.length === 0) this.rememberUnheard(signed);
    }
  }

  /**
   * Gossips again what reached no sibling, now that `sibling` has joined the region's topic. Each box catches up
   * from a sibling the moment it sees it join, but the two learn of each other's joining at different moments: a
   * record made in between was published to nobody and would otherwise wait for the next periodic catch-up.
   */
  async siblingJoined(): Promise<void> {
    const waiting = [...this.unheard.values()];
    this.unheard.clear();
    await this.gossip(waiting);
  }

  private rememberUnheard(signed: SignedRecord): void {
    const key = `${signed.record.origin} ${signed.record.listing}`;
    this.unheard.delete(key);
    this.unheard.set(key, signed);
    if (this.unheard.size > UNHEARD_LIMIT) this.unheard.delete(this.unheard.keys().next().value!);
  }
}

/** About a day of a busy box's listing changes; beyond it, catch-up delivers. */
const UNHEARD_LIMIT = 500;
