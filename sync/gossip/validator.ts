import { TopicValidatorResult } from '@libp2p/gossipsub';
import type { PeerId } from '@libp2p/interface';
import type { SyncLogger } from '../logger.js';
import type { SiblingsPort } from '../port.js';
import { checkRecordTimes, decodeSignedRecord, RecordRejected, type SignedRecord } from '../records.js';
import type { Rejections } from '../rejections.js';
import type { Gaps } from './gaps.js';
import type { GossipIntake } from './intake.js';

export interface ValidatorComponents {
  box: Pick<SiblingsPort, 'countUnknownOrigin'>;
  intake: Pick<GossipIntake, 'takeIn'>;
  gaps: Pick<Gaps, 'seen'>;
  rejections: Pick<Rejections, 'count'>;
  now: () => Date;
  log: SyncLogger;
}

/**
 * Gossip's gate: only records that verify, from a sibling origin, newer than
 * what is held, are stored and passed on. A record whose origin is not on the
 * list is no fault of the sibling that relayed it (its stewards may have
 * agreed to a box ours have not): it is ignored (neither stored nor passed
 * on) and counted for the box as a whole. Everything else turned away counts
 * against the sibling that sent it.
 */
export class GossipValidator {
  constructor(private readonly components: ValidatorComponents) {}

  async validate(source: PeerId, data: Uint8Array): Promise<TopicValidatorResult> {
    const { box, intake, gaps, rejections, now, log } = this.components;
    const via = source.toString();
    let signed: SignedRecord | null = null;
    try {
      signed = await decodeSignedRecord(data);
      checkRecordTimes(signed.record, now());
      const taken = await intake.takeIn({ signed, from: via });
      if (taken instanceof Error) throw taken;
      if (taken.outcome !== 'accepted') return TopicValidatorResult.Ignore;
      // A record beyond what this box holds completely: one before it is missing, for now.
      if (signed.record.seq > taken.horizon) gaps.seen(signed.record.origin, signed.record.seq, via);
      return TopicValidatorResult.Accept;
    } catch (error) {
      if (!(error instanceof RecordRejected)) {
        // This box's own trouble (its database, say), not the sibling's: the record is let go, and comes back by
        // catch-up.
        log.warn(`taking a record from ${via}`, error);
        return TopicValidatorResult.Ignore;
      }
      if (error.problem === 'not-a-sibling' && signed) {
        await box
          .countUnknownOrigin(signed.record.origin, via, now())
          .catch((failure) => log.warn('counting a record from an unknown origin', failure));
        return TopicValidatorResult.Ignore;
      }
      await rejections.count(via, error);
      return TopicValidatorResult.Reject;
    }
  }
}
