import { sql } from 'kysely';
import type { DB } from '../../src/db/database.js';

/** A decision as a box stored it before reasons could be messages (no `reason_message` column yet). */
export async function insertOldDecision(
  db: DB,
  decision: { memberId: number; actorId: number | null; decision: string; reason: string },
): Promise<void> {
  await sql`INSERT INTO member_decisions (member_id, actor_id, decision, reason, created_at)
    VALUES (${decision.memberId}, ${decision.actorId}, ${decision.decision}, ${decision.reason},
            '2026-12-01T10:00:00.000Z')`.execute(db);
}
