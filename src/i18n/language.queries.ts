import type { DB } from '../db/database.js';
import type { Locale } from './locales.js';

/** The member's own choice of language, or null when they follow their browser (or there is no such member). */
export async function findMemberLocale(db: DB, memberId: number): Promise<string | null> {
  const row = await db.selectFrom('members').select('locale').where('id', '=', memberId).executeTakeFirst();
  return row?.locale ?? null;
}

/** Null forgets the choice: the member follows their browser again. */
export async function setMemberLocale(db: DB, memberId: number, locale: Locale | null): Promise<void> {
  await db.updateTable('members').set({ locale }).where('id', '=', memberId).execute();
}

/** The community's language for whoever has not chosen theirs; null before setup. */
export async function findCommunityLocale(db: DB): Promise<string | null> {
  const row = await db.selectFrom('community').select('default_locale').executeTakeFirst();
  return row?.default_locale ?? null;
}

export async function setCommunityLocale(db: DB, locale: Locale): Promise<void> {
  await db.updateTable('community').set({ default_locale: locale }).execute();
}
