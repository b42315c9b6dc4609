import { exchange } from '../exchange.js';
import type { SyncLogger } from '../logger.js';
import type { Network } from '../network.js';
import type { CaughtUp, RecordsPort } from '../port.js';
import { checkRecordTimes, RecordRejected, verifySignedRecord, type SignedRecord } from '../records.js';
import type { Rejections } from '../rejections.js';
import type { SiblingList } from '../siblings/list.js';
import type { HeardHorizons } from './horizons.js';
import type { Leases } from './leases.js';
import {
  CATCH_UP_PROTOCOL,
  catchUpResponseSchema,
  MAX_ORIGINS_PER_REQUEST,
  MAX_RESPONSE_BYTES,
  type CatchUpResponse,
} from './protocol.js';

export interface CatchUpClientComponents {
  box: Pick<RecordsPort, 'completeSeq' | 'acceptCaughtUp'>;
  /** This box's peer id. */
  self: string;
  now: () => Date;
  siblings: Pick<SiblingList, 'peers'>;
  network: Pick<Network, 'started' | 'isConnected' | 'openStream'>;
  leases: Leases;
  horizons: Pick<HeardHorizons, 'lackedByASibling'>;
  rejections: Pick<Rejections, 'count'>;
  /** Gossips on records learnt by catch-up that a sibling lacks (`gossip/publisher.ts`). */
  gossip: (records: SignedRecord[]) => Promise<void>;
  stopping: AbortSignal;
  log: SyncLogger;
}

export interface CatchUpClientInit {
  /** How often siblings are asked for what the box missed, besides on every (re)connection. */
  intervalMs?: number;
  /** An exchange (one page) that takes longer than this is cut. */
  timeoutMs?: number;
  /** A catch-up from one sibling stops after this many pages (500 records each), so it always ends. */
  maxPages?: number;
}

export const CATCH_UP_DEFAULTS = {
  // Gossip is lossy; this bounds how long a lost record stays missing while both boxes are up.
  intervalMs: 3 * 60_000,
  // A page is at most about 2 MB: this allows a slow link, and a sibling that goes silent is given up on.
  timeoutMs: 30_000,
  // Five million records from one sibling: far beyond any region, and still an end.
  maxPages: 10_000,
};

/** Asks siblings for what this box missed (`/marketcross/listings/1.0.0`), page after page. */
export class CatchUpClient {
  private readonly lastCatchUp = new Map<string, number>();
  private readonly running = new Map<string, { again: boolean; done: Promise<void> }>();
  private readonly init: Required<CatchUpClientInit>;

  constructor(
    private readonly components: CatchUpClientComponents,
    init: CatchUpClientInit = {},
  ) {
    this.init = { ...CATCH_UP_DEFAULTS, ...init };
  }

  isRunning(peer: string): boolean {
    return this.running.has(peer);
  }

  /** Whether a connected sibling is due for its periodic catch-up. */
  due(peer: string, now: number): boolean {
    return now - (this.lastCatchUp.get(peer) ?? 0) >= this.init.intervalMs;
  }

  forget(peer: string): void {
    this.lastCatchUp.delete(peer);
  }

  /**
   * Asks one sibling for everything after what this box holds. A call while a
   * catch-up from the same sibling runs is not lost: one more round follows it.
   */
  catchUpFrom(peer: string): Promise<void> {
    const running = this.running.get(peer);
    if (running) {
      running.again = true;
      return running.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      do {
        state.again = false;
        await this.rounds(peer);
      } while (state.again && !this.components.stopping.aborted);
    })().finally(() => this.running.delete(peer));
    this.running.set(peer, state);
    return state.done;
  }

  /**
   * Page after page from one sibling, until its answers move no horizon. An
   * origin whose records another catch-up is fetching at the moment (from
   * another sibling) is left out of the request until that one is done, and
   * then asked for from here only past what it brought (`leases.ts`).
   */
  private async rounds(peer: string): Promise<void> {
    const { self, siblings, network, leases, rejections, stopping, log } = this.components;
    if (!network.started || stopping.aborted) return;
    this.lastCatchUp.set(peer, Date.now());
    // Itself too: after a restore, the box learns back the last sequence number it issued.
    const wanted = new Set([self, ...siblings.peers()].slice(0, MAX_ORIGINS_PER_REQUEST));
    const mine = new Set<string>();
    try {
      for (let page = 0; wanted.size > 0 && page < this.init.maxPages && !stopping.aborted; ) {
        for (const origin of wanted) if (leases.claim(origin)) mine.add(origin);
        if (mine.size === 0) {
          await leases.anyReleased(wanted);
          continue;
        }
        if (!network.isConnected(peer)) return;
        const advanced = await this.page(peer, [...mine]);
        page++;
        for (const origin of mine) {
          if (advanced.has(origin)) continue;
          mine.delete(origin);
          wanted.delete(origin);
          leases.letGo(origin);
        }
      }
    } catch (error) {
      // A malformed answer counts against the sibling; a dropped stream or a timeout is the network's doing.
      if (stopping.aborted) return;
      if (error instanceof RecordRejected || error instanceof SyntaxError) await rejections.count(peer, error);
      else if (network.isConnected(peer)) log.warn(`catching up from ${peer}`, error);
    } finally {
      for (const origin of mine) leases.letGo(origin);
    }
  }

  /**
   * One request and its answer: the records are checked first (signatures
   * take the time, and no transaction is held meanwhile), then taken in a few
   * write transactions (`acceptCaughtUp`). Returns the origins whose horizon
   * the answer moved.
   */
  private async page(peer: string, origins: string[]): Promise<Set<string>> {
    const { box, self, now, network, horizons, rejections, gossip } = this.components;
    const request = {
      origins: await Promise.all(origins.map(async (origin) => ({ origin, after: await box.completeSeq(origin) }))),
    };
    const stream = await network.openStream(peer, CATCH_UP_PROTOCOL, this.timeoutSignal());
    const parsed = catchUpResponseSchema.safeParse(
      await exchange(stream, JSON.stringify(request), MAX_RESPONSE_BYTES, this.timeoutSignal()),
    );
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid';
      throw new RecordRejected('malformed', `The catch-up answer does not match the schema (${where}).`);
    }
    const page = await this.checked(peer, request.origins, parsed.data);
    const { accepted, refused, advanced } = await box.acceptCaughtUp(page, self, peer, now());
    for (const refusal of refused) await rejections.count(peer, refusal);
    await gossip(accepted.filter((signed) => horizons.lackedByASibling(signed, peer)));
    return advanced;
  }

  /**
   * The answer's records that verify and lie in the range asked for, by origin; each that does not counts against the
   * sibling. An origin not asked for, or answered twice, is left out. An answer whose `up_to` for an origin goes past
   * the last record it gave for it is refused whole: a sibling's number moves
   * this box's horizons, and its own sequence counter, only as far as records signed by their origin bear it out.
   */
  private async checked(
    peer: string,
    asked: readonly { origin: string; after: number }[],
    response: CatchUpResponse,
  ): Promise<CaughtUp[]> {
    const page: CaughtUp[] = [];
    for (const answer of response.origins) {
      const request = asked.find((o) => o.origin === answer.origin);
      if (!request || page.some((p) => p.origin === answer.origin)) continue;
      const records: SignedRecord[] = [];
      let borneOut = request.after;
      for (const raw of answer.records) {
        try {
          const signed = await verifySignedRecord(raw.record, raw.sig);
          const { origin, seq } = signed.record;
          if (origin !== answer.origin || seq <= request.after || seq > answer.up_to)
            throw new RecordRejected('malformed', 'A catch-up record lies outside the range it was sent for.');
          // Signed by its origin: it bears its number out, even if its times keep it out of this box.
          borneOut = Math.max(borneOut, seq);
          checkRecordTimes(signed.record, this.components.now());
          records.push(signed);
        } catch (error) {
          await this.components.rejections.count(peer, error);
        }
      }
      if (answer.up_to > borneOut)
        throw new RecordRejected(
          'malformed',
          `The catch-up answer's up_to ${answer.up_to} for ${answer.origin} goes past its records (${borneOut}).`,
        );
      page.push({ origin: answer.origin, after: request.after, upTo: answer.up_to, records });
    }
    return page;
  }

  private timeoutSignal(): AbortSignal {
    return AbortSignal.any([this.components.stopping, AbortSignal.timeout(this.init.timeoutMs)]);
  }
}
