import crypto from 'node:crypto';
import { afterAll, beforeAll, bench, describe } from 'vitest';
import { createApiToken } from '../../src/auth/api-tokens.js';
import { immediateTransaction } from '../../src/db/immediate.js';
import { pay, paymentSchema } from '../../src/ledger/transfers.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { openLedgerDb, type LedgerDb } from '../ledger/ledger-db.js';

/**
 * Payments per second with `synchronous=FULL` (every commit reaches the
 * disk): through the domain function (`pay` in a `BEGIN IMMEDIATE`
 * transaction, with every check), over HTTP with an API token, and a raw
 * better-sqlite3 loop writing the same rows (one transfer, two entries) per
 * transaction on the same database, for the ratio. Target: the domain
 * function at least half the raw rate. Run with `npm run bench`.
 */

let ledger: LedgerDb;
let box: TestBox;
let token = '';
let toHandle = '';
const handles: string[] = [];
let accountIds: number[] = [];
let turn = 0;

beforeAll(async () => {
  ledger = await openLedgerDb(2);
  for (const id of ledger.memberIds)
    handles.push(
      (await ledger.db.selectFrom('members').select('handle').where('id', '=', id).executeTakeFirstOrThrow()).handle,
    );
  // Open both accounts and find their ids for the raw loop.
  await immediateTransaction(ledger.db, (trx) =>
    pay(
      trx,
      { id: ledger.memberIds[0]!, role: 'member' },
      paymentSchema.parse({ to: handles[1], amount: 1, currency: 'DHR', description: 'open', idempotency_key: 'open' }),
      new Date(),
    ),
  );
  accountIds = (await ledger.db.selectFrom('accounts').select('id').orderBy('id').execute()).map((a) => a.id);

  box = await startSetUpBox();
  const [a, b] = [await addActiveMember(box), await addActiveMember(box)];
  token = await createApiToken(box.database.db, a.id, 'bench', box.clock.now());
  // One member pays the other thousands of times: wide limits, so none is reached.
  await box.database.db
    .updateTable('currencies')
    .set({ default_lower_limit: -1_000_000_000, default_upper_limit: 1_000_000_000 })
    .execute();
  toHandle = b.handle;
}, 60_000);

afterAll(async () => {
  await ledger?.close();
  await box?.close();
});

describe('payments per second, synchronous=FULL', () => {
  bench(
    'domain function: pay() in BEGIN IMMEDIATE',
    async () => {
      // Back and forth between two members, so no limit is ever reached.
      const from = turn++ % 2;
      const input = paymentSchema.parse({
        to: handles[1 - from],
        amount: 1,
        currency: 'DHR',
        description: 'Bench',
        idempotency_key: crypto.randomUUID(),
      });
      await immediateTransaction(ledger.db, (trx) =>
        pay(trx, { id: ledger.memberIds[from]!, role: 'member' }, input, new Date()),
      );
    },
    { time: 3000 },
  );

  bench(
    'raw better-sqlite3: one transfer row and two entries per transaction',
    () => {
      const sqlite = ledger.database.sqlite;
      const from = turn++ % 2;
      const [payer, payee] = [accountIds[from]!, accountIds[1 - from]!];
      const id = crypto.randomUUID();
      const at = new Date().toISOString();
      sqlite
        .transaction(() => {
          sqlite
            .prepare(`INSERT INTO transfers (id, currency_id, payer_account_id, payee_account_id, amount, kind, state,
            description, created_by, idempotency_key, created_at, decided_at, decided_by)
          VALUES (?, 1, ?, ?, 1, 'payment', 'completed', 'Bench', ?, ?, ?, ?, ?)`)
            .run(id, payer, payee, ledger.memberIds[from], id, at, at, ledger.memberIds[from]);
          const entry = sqlite.prepare(
            'INSERT INTO entries (transfer_id, account_id, amount, created_at) VALUES (?, ?, ?, ?)',
          );
          entry.run(id, payer, -1, at);
          entry.run(id, payee, 1, at);
        })
        .immediate();
    },
    { time: 3000 },
  );

  bench(
    'over HTTP: POST /api/v1/payments with a token',
    async () => {
      const response = await fetch(`${box.url}/api/v1/payments`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({
          to: toHandle,
          amount: 1,
          currency: 'DHR',
          description: 'Bench',
          idempotency_key: crypto.randomUUID(),
        }),
      });
      if (response.status !== 201) throw new Error(`payment refused: ${response.status} ${await response.text()}`);
    },
    { time: 3000 },
  );
});
