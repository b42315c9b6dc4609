import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { startTestBox, type TestBox } from '../helpers/box.js';
import { ledgerInvariants } from './ledger-db.js';

describe('the demo ledger', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox();
    await seedDemo(box.database.db, box.clock.now());
  }, 120_000);
  afterAll(() => box.close());

  it(
    'has Diss Hours and a group currency, about 200 transfers (some pending, ' +
      'reversals, some into funds), feedback, and sums to zero',
    async () => {
      const db = box.database.db;
      expect((await db.selectFrom('currencies').select('code').execute()).map((c) => c.code)).toEqual(['DHR', 'FOOD']);
      const transfers = await db.selectFrom('transfers').select(['state', 'kind', 'expires_at']).execute();
      expect(transfers.length).toBeGreaterThanOrEqual(180);
      expect(
        transfers.filter((t) => t.state === 'pending' && t.expires_at! > box.clock.now().toISOString()).length,
      ).toBeGreaterThanOrEqual(5);
      expect(transfers.filter((t) => t.kind === 'reversal' && t.state === 'completed')).toHaveLength(1);
      expect(transfers.filter((t) => t.kind === 'reversal' && t.state === 'pending')).toHaveLength(1);
      expect((await db.selectFrom('transfer_feedback').select('id').execute()).length).toBeGreaterThan(30);
      // Payments into group funds (the community's, and the Food group's for a veg box), with feedback about the fund
      // and from it.
      const intoFunds = await db
        .selectFrom('transfers')
        .innerJoin('accounts', 'accounts.id', 'transfers.payee_account_id')
        .innerJoin('groups', 'groups.id', 'accounts.group_id')
        .select(['groups.slug', 'transfers.description'])
        .where('transfers.kind', '=', 'payment')
        .where('transfers.state', '=', 'completed')
        .execute();
      expect(intoFunds).toContainEqual({ slug: 'food', description: 'Veg box from the co-op' });
      expect(intoFunds.filter((t) => t.slug === 'community').length).toBeGreaterThan(0);
      const fundFeedback = await db
        .selectFrom('transfer_feedback')
        .select(['author_group_id', 'subject_group_id'])
        .where((eb) => eb.or([eb('author_group_id', 'is not', null), eb('subject_group_id', 'is not', null)]))
        .execute();
      expect(fundFeedback).toHaveLength(2);
      const inv = await ledgerInvariants(db);
      expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
      expect(inv.outsideLimits + inv.balancesNotEntries + inv.transfersWithoutTheirEntries).toBe(0);
    },
  );
});
