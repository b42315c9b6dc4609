import { describe } from 'vitest';
import { expiryAndOverview } from './pages/expiry-and-overview.js';
import { useLedgerPagesBox } from './pages/fixture.js';
import { payingAndStatements } from './pages/paying.js';
import { stewardsAndCurrencies } from './pages/stewards-and-currencies.js';

describe('ledger pages', () => {
  // One box for all, in this order: each part reads the balances and transfers the ones before it left.
  useLedgerPagesBox();
  payingAndStatements();
  stewardsAndCurrencies();
  expiryAndOverview();
});
