/**
 * What the web app needs from the box's peer layer (sync/). The app runs
 * without one (`--no-p2p`, and most tests); then it is null.
 */
export interface Federation {
  /** This box's libp2p peer id, for stewards to give to their siblings. */
  readonly peerId: string;
  /** The addresses the box listens on for siblings. */
  addresses(): string[];
  isConnected(peerId: string): boolean;
  /** The sibling list changed: take it up now. */
  siblingsChanged(): Promise<void>;
  /** Listings may have changed: share what changed now. */
  listingsChanged(): Promise<void>;
}
