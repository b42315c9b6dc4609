// Frozen in time: this migration must never import app code or change once released.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('meta')
    .addColumn('key', 'text', (c) => c.primaryKey())
    .addColumn('value', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('community')
    .addColumn('id', 'integer', (c) => c.primaryKey().check(sql`id = 1`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('lat', 'real', (c) => c.notNull().check(sql`lat BETWEEN -90 AND 90`))
    .addColumn('lon', 'real', (c) => c.notNull().check(sql`lon BETWEEN -180 AND 180`))
    .addColumn('region', 'text', (c) => c.notNull())
    .addColumn('vouches_required', 'integer', (c) =>
      c.notNull().defaultTo(2).check(sql`vouches_required BETWEEN 1 AND 20`),
    )
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('places')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('lat', 'real', (c) => c.notNull().check(sql`lat BETWEEN -90 AND 90`))
    .addColumn('lon', 'real', (c) => c.notNull().check(sql`lon BETWEEN -180 AND 180`))
    .execute();

  const visibility = (column: string) => sql`${sql.ref(column)} IN ('everyone', 'members', 'me')`;
  await db.schema
    .createTable('members')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('handle', 'text', (c) => c.notNull().unique())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind IN ('person', 'business', 'organisation')`))
    .addColumn('email', 'text', (c) => c.unique())
    .addColumn('phone', 'text', (c) => c.unique())
    .addColumn('password_hash', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status IN ('pending', 'active', 'declined', 'suspended')`),
    )
    .addColumn('role', 'text', (c) => c.notNull().defaultTo('member').check(sql`role IN ('member', 'steward')`))
    .addColumn('why_join', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('about', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('links', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('lat', 'real', (c) => c.notNull().check(sql`lat BETWEEN -90 AND 90`))
    .addColumn('lon', 'real', (c) => c.notNull().check(sql`lon BETWEEN -180 AND 180`))
    .addColumn('place_id', 'integer', (c) => c.references('places.id').onDelete('set null'))
    .addColumn('name_visibility', 'text', (c) => c.notNull().defaultTo('members').check(visibility('name_visibility')))
    .addColumn('about_visibility', 'text', (c) =>
      c.notNull().defaultTo('members').check(visibility('about_visibility')),
    )
    .addColumn('values_visibility', 'text', (c) =>
      c.notNull().defaultTo('members').check(visibility('values_visibility')),
    )
    .addColumn('links_visibility', 'text', (c) =>
      c.notNull().defaultTo('members').check(visibility('links_visibility')),
    )
    .addColumn('location_visibility', 'text', (c) =>
      c.notNull().defaultTo('members').check(visibility('location_visibility')),
    )
    .addColumn('contact_visibility', 'text', (c) => c.notNull().defaultTo('me').check(visibility('contact_visibility')))
    .addColumn('invited_by', 'integer', (c) => c.references('members.id'))
    .addColumn('invite_id', 'integer')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('activated_at', 'text')
    .addCheckConstraint('members_reachable', sql`email IS NOT NULL OR phone IS NOT NULL`)
    .execute();
  await db.schema.createIndex('members_status').on('members').columns(['status', 'display_name']).execute();

  await db.schema
    .createTable('member_values')
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('member_values_pk', ['member_id', 'value'])
    .execute();
  await db.schema.createIndex('member_values_value').on('member_values').column('value').execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('inviter_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('max_uses', 'integer', (c) => c.notNull().check(sql`max_uses BETWEEN 1 AND 100`))
    .addColumn('relation', 'text', (c) =>
      c
        .notNull()
        .defaultTo('met_in_person')
        .check(sql`relation IN ('met_in_person', 'worked_with', 'neighbour', 'other')`),
    )
    .addColumn('uses', 'integer', (c) => c.notNull().defaultTo(0).check(sql`uses >= 0 AND uses <= max_uses`))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('vouches')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('voucher_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('relation', 'text', (c) =>
      c.notNull().check(sql`relation IN ('met_in_person', 'worked_with', 'neighbour', 'other')`),
    )
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('invite_id', 'integer', (c) => c.references('invites.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('vouches_once', ['member_id', 'voucher_id'])
    .addCheckConstraint('vouches_not_self', sql`member_id <> voucher_id`)
    .execute();

  await db.schema
    .createTable('member_decisions')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('actor_id', 'integer', (c) => c.references('members.id'))
    .addColumn('decision', 'text', (c) => c.notNull())
    .addColumn('reason', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('member_decisions_member').on('member_decisions').columns(['member_id', 'id']).execute();

  await db.schema
    .createTable('sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_seen_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_member').on('sessions').column('member_id').execute();

  await db.schema
    .createTable('failed_sign_ins')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('account', 'text')
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('failed_sign_ins_account').on('failed_sign_ins').columns(['account', 'at']).execute();
  await db.schema.createIndex('failed_sign_ins_address').on('failed_sign_ins').columns(['address', 'at']).execute();

  await db.schema
    .createTable('password_resets')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('issued_by', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('used_at', 'text')
    .execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id').onDelete('cascade'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('last_used_at', 'text')
    .addColumn('revoked_at', 'text')
    .execute();

  await db.schema
    .createTable('groups')
    .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
    .addColumn('parent_id', 'integer', (c) => c.references('groups.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('purpose', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('join_policy', 'text', (c) => c.notNull().check(sql`join_policy IN ('open', 'request', 'invite')`))
    .addColumn('visibility', 'text', (c) => c.notNull().check(sql`visibility IN ('everyone', 'members', 'group')`))
    .addColumn('created_by', 'integer', (c) => c.references('members.id'))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('groups_parent').on('groups').column('parent_id').execute();
  // Exactly one root: the community itself.
  await sql`CREATE UNIQUE INDEX groups_single_root ON groups ((parent_id IS NULL)) WHERE parent_id IS NULL`.execute(db);

  await db.schema
    .createTable('group_members')
    .addColumn('group_id', 'integer', (c) => c.notNull().references('groups.id').onDelete('cascade'))
    .addColumn('member_id', 'integer', (c) => c.notNull().references('members.id'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role IN ('admin', 'member')`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status IN ('active', 'requested', 'invited')`))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('group_members_pk', ['group_id', 'member_id'])
    .execute();
  await db.schema.createIndex('group_members_member').on('group_members').column('member_id').execute();
}
