import { afterAll, beforeAll } from 'vitest';
import type { HttpClient } from '../../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../../helpers/box.js';
import { signedIn, signedInSteward } from '../../members/helpers.js';

/**
 * The box the ledger-page tests share (test/ledger/ledger.pages.test.ts runs them in order, on one box): Alice
 * Allotment and Bob Baker, signed in, and a steward. Exported as live bindings, set by `useLedgerPagesBox`'s hooks.
 */

export let box: TestBox & { stewardHandle: string };
export let alice: HttpClient;
export let bob: HttpClient;
export let steward: HttpClient;
export let aliceHandle: string;
export let bobHandle: string;

export const keyOf = (text: string) => /name="idempotency_key" value="([^"]+)"/.exec(text)![1]!;

/** Registers the shared box's setup and teardown. */
export function useLedgerPagesBox(): void {
  beforeAll(async () => {
    box = await startSetUpBox();
    const a = await addActiveMember(box, { displayName: 'Alice Allotment' });
    const b = await addActiveMember(box, { displayName: 'Bob Baker' });
    aliceHandle = a.handle;
    bobHandle = b.handle;
    alice = await signedIn(box, a.email, a.password);
    bob = await signedIn(box, b.email, b.password);
    steward = await signedInSteward(box);
  });
  afterAll(() => box.close());
}
