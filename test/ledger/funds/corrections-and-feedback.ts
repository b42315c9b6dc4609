import { describe, expect, it } from 'vitest';
import { box, keyOf, nextKey, payForm, steward, transferIdOf, who } from './fixture.js';
import { putMembership } from '../../../src/groups/groups.queries.js';
import { ledgerInvariants } from '../ledger-db.js';

/** Corrections of corrections, and feedback written for a fund and about one. */
export function correctionsAndFeedback(): void {
  describe('corrections of corrections', () => {
    it(
      'reverses a reversal on the pages: a steward corrects, ' + 'the other side undoes the correction, never twice',
      async () => {
        const paid = await payForm('bob', { to: 'group:repair-cafe', amount: '0:10', description: 'Raffle ticket' });
        const paymentId = transferIdOf(paid.location);
        const corrected = await steward.postForm(
          `/ledger/transfers/${paymentId}/steward-reverse`,
          { reason: 'Paid twice by mistake' },
          { from: `/ledger/transfers/${paymentId}` },
        );
        expect(corrected.status).toBe(303);
        const reversalId = transferIdOf(corrected.location);
        const original = await who.bob.client.get(`/ledger/transfers/${paymentId}`);
        expect(original.text).toContain(`href="/ledger/transfers/${reversalId}"`);
        expect(original.text).not.toContain('Propose a reversal');
        expect((await steward.get(`/ledger/transfers/${paymentId}`)).text).not.toContain('Reverse as a steward');

        // It was not paid twice: Bob proposes to reverse the correction; the fund (Alice, its admin) accepts.
        const reversalPage = await who.bob.client.get(`/ledger/transfers/${reversalId}`);
        expect(reversalPage.text).toContain('Propose a reversal');
        const proposed = await who.bob.client.postForm(`/ledger/transfers/${reversalId}/reverse`, {
          idempotency_key: keyOf(reversalPage.text),
        });
        expect(proposed.status).toBe(303);
        const proposalId = transferIdOf(proposed.location);
        expect(
          (
            await who.bob.client.postForm(
              `/ledger/transfers/${reversalId}/reverse`,
              { idempotency_key: `again-${nextKey()}` },
              { from: `/ledger/transfers/${reversalId}` },
            )
          ).status,
        ).toBe(409);
        expect((await who.alice.client.get('/ledger')).text).toContain(`/ledger/transfers/${proposalId}/accept`);
        expect(
          (await who.alice.client.postForm(`/ledger/transfers/${proposalId}/accept`, {}, { from: '/ledger' })).status,
        ).toBe(303);
        const statement = await who.alice.client.get('/ledger/funds/repair-cafe/statement/DHR');
        expect(statement.text.match(/Raffle ticket/g)).toHaveLength(3);
        expect(
          (
            await steward.postForm(
              `/ledger/transfers/${paymentId}/steward-reverse`,
              { reason: 'Again' },
              { from: `/ledger/transfers/${proposalId}` },
            )
          ).status,
        ).toBe(409);
        const inv = await ledgerInvariants(box.database.db);
        expect(inv.sums.every((s) => s.balances === 0 && s.entries === 0)).toBe(true);
        expect(inv.outsideLimits + inv.balancesNotEntries + inv.transfersWithoutTheirEntries).toBe(0);
      },
    );
  });

  describe('feedback with a fund', () => {
    let paymentId = '';

    it('lets a fund’s admins write feedback for it, once per side, and the member write about the fund', async () => {
      paymentId = transferIdOf(
        (await payForm('bob', { to: 'group:repair-cafe', amount: '0:40', description: 'Fixed my toaster' })).location,
      );
      const page = await who.alice.client.get(`/ledger/transfers/${paymentId}`);
      expect(page.text).toContain('You write for the fund of Repair Café');
      expect(
        (
          await who.alice.client.postForm(`/ledger/transfers/${paymentId}/feedback`, {
            rating: 'positive',
            comment: 'Paid promptly',
          })
        ).status,
      ).toBe(303);
      expect(
        (
          await who.bob.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'positive', comment: 'Toaster works again' },
            { from: `/ledger/transfers/${paymentId}` },
          )
        ).status,
      ).toBe(303);
      // A second admin changes the fund's feedback rather than adding another.
      await putMembership(
        box.database.db,
        (
          await box.database.db
            .selectFrom('groups')
            .select('id')
            .where('slug', '=', 'repair-cafe')
            .executeTakeFirstOrThrow()
        ).id,
        who.carol.id,
        { role: 'admin', status: 'active' },
        box.clock.now(),
      );
      expect(
        (
          await who.carol.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'neutral', comment: 'Paid, a day late' },
            { from: `/ledger/transfers/${paymentId}` },
          )
        ).status,
      ).toBe(303);
      const feedback = await box.database.db
        .selectFrom('transfer_feedback')
        .select(['author_id', 'author_group_id', 'subject_id', 'subject_group_id', 'comment'])
        .where('transfer_id', '=', paymentId)
        .orderBy('id')
        .execute();
      expect(feedback).toEqual([
        {
          author_id: who.carol.id,
          author_group_id: expect.any(Number),
          subject_id: who.bob.id,
          subject_group_id: null,
          comment: 'Paid, a day late',
        },
        {
          author_id: who.bob.id,
          author_group_id: null,
          subject_id: null,
          subject_group_id: expect.any(Number),
          comment: 'Toaster works again',
        },
      ]);
      // Dave runs no side of it.
      expect(
        (
          await who.dave.client.postForm(
            `/ledger/transfers/${paymentId}/feedback`,
            { rating: 'negative', comment: 'x' },
            { from: '/ledger' },
          )
        ).status,
      ).toBe(403);
    });

    it('shows feedback about a fund on its group’s page, and the fund’s own on the member’s profile', async () => {
      const group = await who.dave.client.get('/groups/repair-cafe');
      expect(group.text).toContain('Feedback from trades');
      expect(group.text).toContain('Toaster works again');
      const profile = await who.dave.client.get(`/members/${who.bob.handle}`);
      expect(profile.text).toContain('Paid, a day late');
      expect(profile.text).toContain('href="/groups/repair-cafe">Repair Café</a> (Carol Tester)');
    });

    it('never names a private group to someone who cannot see it', async () => {
      const paid = await who.dave.client.postForm(
        '/ledger/pay',
        {
          as_group: 'secret-circle',
          to: who.bob.handle,
          currency: 'DHR',
          amount: '0:10',
          description: 'Secret errand',
          idempotency_key: `secret-${nextKey()}`,
        },
        { from: '/ledger/pay' },
      );
      expect(paid.status).toBe(303);
      const id = transferIdOf(paid.location);
      expect(
        (
          await who.dave.client.postForm(
            `/ledger/transfers/${id}/feedback`,
            { rating: 'positive', comment: 'Discreet and quick' },
            { from: `/ledger/transfers/${id}` },
          )
        ).status,
      ).toBe(303);
      const seenByCarol = await who.carol.client.get(`/members/${who.bob.handle}`);
      expect(seenByCarol.text).toContain('Discreet and quick');
      expect(seenByCarol.text).toContain('— a group');
      expect(seenByCarol.text).not.toContain('Secret Circle');
      expect(seenByCarol.text).not.toContain('Dave Tester');
      expect((await who.dave.client.get(`/members/${who.bob.handle}`)).text).toContain('Secret Circle');
    });

    it('gives no form to someone on both sides (an admin paying their own fund), and refuses the post', async () => {
      const paid = await payForm('alice', { to: 'group:repair-cafe', amount: '0:05', description: 'My own café' });
      const id = transferIdOf(paid.location);
      expect((await who.alice.client.get(`/ledger/transfers/${id}`)).text).not.toContain('Save feedback');
      const refused = await who.alice.client.postForm(`/ledger/transfers/${id}/feedback`, {
        rating: 'positive',
        comment: 'Me',
      });
      expect(refused.status).toBe(409);
      expect(refused.text).toMatch(/both sides/);
    });
  });
}
