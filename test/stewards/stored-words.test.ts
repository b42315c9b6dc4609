import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateToLatest } from '../../src/db/migrate.js';
import { migrations } from '../../src/db/migrations/index.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open.js';
import { createTranslator } from '../../src/i18n/translate.js';
import { insertInvite } from '../../src/members/invites.queries.js';
import { insertMember } from '../../src/members/members.queries.js';
import { findVouchesFor, insertVouch } from '../../src/members/vouches.queries.js';
import { catalogues } from '../../src/messages.js';
import { findRecentDecisions } from '../../src/stewards/stewards.queries.js';
import { insertOldDecision } from './old-decisions.queries.js';

const STORED_WORDS = '2026-12-07T20-00-stored-words-as-messages';

describe('the box’s own sentences, stored', () => {
  let database: OpenDatabase;
  afterEach(() => database.close());

  it('become messages said in the reader’s language (or go) when a box set up in English is upgraded', async () => {
    database = openDatabase(path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-reasons-')), 'box.db'));
    const { db } = database;
    const before = Object.fromEntries(Object.entries(migrations).filter(([name]) => name < STORED_WORDS));
    await migrateToLatest(db, () => {}, before);
    const now = new Date('2026-12-01T10:00:00Z');
    const person = { kind: 'person' as const, phone: null, passwordHash: 'x', lat: 52.37, lon: 1.1, placeId: null };
    const gary = await insertMember(
      db,
      { ...person, displayName: 'Gary', email: 'gary@example.org', status: 'active', role: 'steward', whyJoin: '' },
      now,
    );
    const nell = await insertMember(
      db,
      { ...person, displayName: 'Nell', email: 'nell@example.org', status: 'active', role: 'member', whyJoin: '' },
      now,
    );
    const decision = (memberId: number, actorId: number | null, what: string, reason: string) =>
      insertOldDecision(db, { memberId, actorId, decision: what, reason });
    await decision(gary.id, gary.id, 'made_steward', 'First steward, at setup.');
    await decision(nell.id, null, 'activated_by_vouches', 'Vouched for by 3 members.');
    await decision(nell.id, gary.id, 'suspended', 'Rude at the market.');
    const invite = { tokenHash: 'h', inviterId: gary.id, relation: 'neighbour' as const, maxUses: 1, expiresAt: now };
    const inviteId = await insertInvite(db, invite, now);
    const note = 'Invited them with a link.';
    await insertVouch(db, { memberId: nell.id, voucherId: gary.id, relation: 'neighbour', note, inviteId }, now);

    expect(await migrateToLatest(db)).toContain(STORED_WORDS);

    const reasons = (await findRecentDecisions(db, 10)).map((d) => d.reason).reverse();
    expect(reasons).toEqual([
      { key: 'community.decision.atSetup' },
      { key: 'members.decision.byVouches', values: { count: 3 } },
      'Rude at the market.',
    ]);
    const translator = createTranslator(catalogues);
    const said = (locale: 'en' | 'fr') =>
      reasons.map((r) => (typeof r === 'string' ? r : translator.translate(locale, r)));
    expect(said('en')).toEqual(['First steward, at setup.', 'Vouched for by 3 members.', 'Rude at the market.']);
    expect(said('fr')).toEqual([
      'Premier ou première intendant·e, à l’installation.',
      '3 membres se sont portés garants.',
      'Rude at the market.',
    ]);
    // The profile says who invited Nell: the vouch that came with the link needs no note in English.
    const vouches = (await findVouchesFor(db, [nell.id])).get(nell.id)!;
    expect(vouches.map((v) => v.note)).toEqual(['']);
  });
});
