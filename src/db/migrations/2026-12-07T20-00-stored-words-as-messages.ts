// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * The box stops storing its own sentences in English (issue 11). A decision's reason written by the box itself
 * (setup's first steward, a member let in by enough vouches) is stored as a catalogue message,
 * `{"key": ..., "values": {...}}`, and said in each reader's language; `reason` keeps only the words a steward typed.
 * The box's English sentences already stored become those messages. A vouch made through an invite link no longer
 * gets the note "Invited them with a link." (the profile says who invited the member, in the reader's language).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE member_decisions ADD COLUMN reason_message TEXT`.execute(db);
  await sql`
    UPDATE member_decisions
    SET reason_message = json_object('key', 'community.decision.atSetup'), reason = ''
    WHERE decision = 'made_steward' AND actor_id = member_id AND reason = 'First steward, at setup.'
  `.execute(db);
  // "Vouched for by 2 members.": the number starts at the 16th character.
  await sql`
    UPDATE member_decisions
    SET reason_message = json_object(
          'key', 'members.decision.byVouches',
          'values', json_object('count', CAST(substr(reason, 16) AS INTEGER))
        ),
        reason = ''
    WHERE decision = 'activated_by_vouches' AND reason LIKE 'Vouched for by % members.'
  `.execute(db);
  await sql`UPDATE vouches SET note = '' WHERE invite_id IS NOT NULL AND note = 'Invited them with a link.'`.execute(
    db,
  );
}
