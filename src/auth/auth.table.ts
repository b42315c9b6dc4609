import type { Generated } from 'kysely';

/**
 * Sign-in’s tables, by name (composed into `Database` in src/db/database.ts): sessions, failed attempts (for the rate
 * limits), password resets and API tokens.
 */
export interface AuthTables {
  sessions: SessionsTable;
  failed_sign_ins: FailedSignInsTable;
  password_resets: PasswordResetsTable;
  api_tokens: ApiTokensTable;
}

export interface SessionsTable {
  token_hash: string;
  member_id: number;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
}

export interface FailedSignInsTable {
  id: Generated<number>;
  /** The account the attempt named (email or phone, normalised), if any. */
  account: string | null;
  address: string;
  at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  member_id: number;
  issued_by: number;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

export interface ApiTokensTable {
  id: Generated<number>;
  member_id: number;
  name: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}
