import type { Generated } from 'kysely';

/**
 * The groups’ tables, by name (composed into `Database` in src/db/database.ts): groups (the root group is the
 * community itself) and their memberships.
 */
export interface GroupsTables {
  groups: GroupsTable;
  group_members: GroupMembersTable;
}

export type JoinPolicy = 'open' | 'request' | 'invite';

/** Who may know a group exists: anyone, community members, or its own members only. */
export type GroupVisibility = 'everyone' | 'members' | 'group';

export interface GroupsTable {
  id: Generated<number>;
  /** Null only for the root group, which is the community itself. */
  parent_id: number | null;
  name: string;
  slug: string;
  purpose: Generated<string>;
  join_policy: JoinPolicy;
  visibility: GroupVisibility;
  created_by: number | null;
  created_at: string;
}

export type GroupRole = 'admin' | 'member';

export type GroupMembershipStatus = 'active' | 'requested' | 'invited';

export interface GroupMembersTable {
  group_id: number;
  member_id: number;
  role: GroupRole;
  status: GroupMembershipStatus;
  created_at: string;
}
