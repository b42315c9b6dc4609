// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

/**
 * A remote listing's price comes with its currency's scale on the origin box
 * (minor units per unit: 60 or 100), so it is shown "1:30 EHR" rather than
 * "90 EHR". Null when the record gave none: made before records carried it,
 * or priced in a code its origin no longer has; the figure is then shown as it is.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`ALTER TABLE remote_listings ADD COLUMN price_scale INTEGER CHECK (price_scale IN (60, 100))`.execute(db);
}
