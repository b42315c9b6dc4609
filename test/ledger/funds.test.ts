import { describe } from 'vitest';
import { correctionsAndFeedback } from './funds/corrections-and-feedback.js';
import { useFundsBox } from './funds/fixture.js';
import { payingFromPages } from './funds/pages.js';
import { statementsAndApi } from './funds/statements-and-api.js';

/**
 * Group funds over HTTP, on the real app and database file: paying into a
 * fund and billing it (pages and API), its statement for the group's members,
 * who may not read or use it, limits and freezing, corrections of
 * corrections, and feedback written for a fund and about one.
 *
 * The Repair Café (seen by members, Alice its admin, Carol a member) and the
 * Secret Circle (seen only by its own members, Dave its admin); Bob is in
 * neither.
 */
describe('group funds', () => {
  // One box for all, in this order: each part reads the balances the ones before it left.
  useFundsBox();
  payingFromPages();
  statementsAndApi();
  correctionsAndFeedback();
});
