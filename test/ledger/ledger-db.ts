import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createCommunity } from '../../src/community/setup.js';
import type { DB } from '../../src/db/database.js';
import { immediateTransaction } from '../../src/db/immediate.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { pay, paymentSchema } from '../../src/ledger/transfers.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { insertMember } from '../../src/members/members.queries.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { DomainError } from '../../src/lib/errors.js';
import type { Message } from '../../src/lib/messages.js';
import { catalogues } from '../../src/messages.js';
import { DISS } from '../helpers/box.js';

/**
 * A set-up community in a database file, without the web app or real password
 * hashes: for ledger tests that call the domain functions directly, many times.
 */
export interface LedgerDb {
  database: OpenDatabase;
  db: DB;
  stewardId: number;
  memberIds: number[];
  close(): Promise<void>;
}

export async function openLedgerDb(members: number, now = new Date('2026-11-22T10:00:00Z')): Promise<LedgerDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-ledger-'));
  const database = openDatabase(path.join(dir, 'ledger.db'));
  await migrateToLatest(database.db);
  const { stewardId } = await createCommunity(
    database.db,
    {
      community_name: 'PlaNet Diss',
      region: 'South Norfolk',
      lat: DISS.lat,
      lon: DISS.lon,
      vouches_required: 2,
      steward_name: 'Sam Steward',
      steward_contact: 'sam@example.org',
      about: '',
    },
    'not-a-hash',
    now,
  );
  const memberIds: number[] = [];
  for (let i = 0; i < members; i++) {
    const { id } = await insertMember(
      database.db,
      {
        displayName: `Trader ${i}`,
        kind: 'person',
        email: `trader${i}@example.org`,
        phone: null,
        passwordHash: 'not-a-hash',
        status: 'active',
        role: 'member',
        whyJoin: '',
        lat: DISS.lat,
        lon: DISS.lon,
        placeId: null,
      },
      now,
    );
    memberIds.push(id);
  }
  return {
    database,
    db: database.db,
    stewardId,
    memberIds,
    async close() {
      await database.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The ledger's global invariants, read straight from the tables. */
export async function ledgerInvariants(db: DB) {
  const sums = await sql<{ currency_id: number; balances: number; entries: number }>`
    SELECT c.id AS currency_id,
      coalesce((SELECT sum(balance) FROM accounts WHERE currency_id = c.id), 0) AS balances,
      coalesce((SELECT sum(e.amount) FROM entries e JOIN accounts a ON a.id = e.account_id
        WHERE a.currency_id = c.id), 0) AS entries
    FROM currencies c`.execute(db);
  const outside = await sql<{
    n: number;
  }>`SELECT count(*) AS n FROM accounts WHERE balance < lower_limit OR balance > upper_limit`.execute(db);
  const mismatched = await sql<{ n: number }>`
    SELECT count(*) AS n FROM accounts a
    WHERE a.balance <> coalesce((SELECT sum(amount) FROM entries WHERE account_id = a.id), 0)`.execute(db);
  // Each completed transfer has exactly its two entries, -amount and +amount; nothing else has any.
  const badEntries = await sql<{ n: number }>`
    SELECT count(*) AS n FROM transfers t WHERE
      (t.state = 'completed') <> ((SELECT count(*) FROM entries e WHERE e.transfer_id = t.id) = 2)
      OR (t.state <> 'completed' AND EXISTS (SELECT 1 FROM entries e WHERE e.transfer_id = t.id))
      OR (t.state = 'completed' AND NOT EXISTS (SELECT 1 FROM entries e
        WHERE e.transfer_id = t.id AND e.account_id = t.payer_account_id AND e.amount = -t.amount))
      OR (t.state = 'completed' AND NOT EXISTS (SELECT 1 FROM entries e
        WHERE e.transfer_id = t.id AND e.account_id = t.payee_account_id AND e.amount = t.amount))`.execute(db);
  return {
    sums: sums.rows,
    outsideLimits: outside.rows[0]!.n,
    balancesNotEntries: mismatched.rows[0]!.n,
    transfersWithoutTheirEntries: badEntries.rows[0]!.n,
  };
}

/**
 * A completed payment of half an hour between two members of a test box, straight through the domain; returns its id.
 */
export async function payBetween(db: DB, fromHandle: string, toHandle: string, now: Date): Promise<string> {
  const from = await db
    .selectFrom('members')
    .select(['id', 'role'])
    .where('handle', '=', fromHandle)
    .executeTakeFirstOrThrow();
  const input = paymentSchema.parse({
    to: toHandle,
    amount: '0:30',
    currency: 'DHR',
    description: 'Between two members',
    idempotency_key: crypto.randomUUID(),
  });
  const { transfer } = await immediateTransaction(db, (trx) => pay(trx, from, input, now));
  return transfer.id;
}

const english = createTranslator(catalogues).forLocale('en');

/**
 * A refusal thrown by the ledger's domain, with the English words a person is told: its `message` (from its reason)
 * and its `fields` (each field's message). Domain errors carry catalogue messages, not words, and no status: the tests
 * check the words and the error's `code`, the kind of refusal (`conflict`, `forbidden`, `invalid`, …); which status
 * each kind is answered with over HTTP is src/http's, tested in test/http.
 */
function asAnswered(error: unknown): unknown {
  if (!(error instanceof DomainError)) return error;
  const fields = (error as { fields?: Readonly<Record<string, Message>> }).fields ?? {};
  const words = Object.fromEntries(Object.entries(fields).map(([name, message]) => [name, english(message)]));
  return Object.assign(error, { message: english(error.reason), fields: words });
}

/** Runs a use case in an immediate transaction; a refusal comes out `asAnswered`. */
export async function answeredTransaction<T>(db: DB, fn: (trx: DB) => Promise<T>): Promise<T> {
  try {
    return await immediateTransaction(db, fn);
  } catch (error) {
    throw asAnswered(error);
  }
}
