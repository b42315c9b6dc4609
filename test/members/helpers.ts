import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, STEWARD, startSetUpBox, type TestBox, type TestBoxOptions } from '../helpers/box.js';

/** A complete join form; tests override what they are about. */
export function joinFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    display_name: 'Nell Newcomer',
    kind: 'person',
    contact: 'nell@example.org',
    password: 'nell-password-2026',
    why_join: 'I grow too many tomatoes.',
    place_id: '',
    lat: '52.38123',
    lon: '1.10987',
    ...overrides,
  };
}

/** Sends a join request as a visitor from a new browser; returns the response, and the browser to follow it with. */
export async function requestToJoin(box: TestBox, overrides: Record<string, string> = {}, path = '/join') {
  const client = box.client();
  return { ...(await client.postForm(path, joinFields(overrides), { from: path })), client };
}

export async function signedIn(box: TestBox, account: string, password: string): Promise<HttpClient> {
  const client = box.client();
  await client.signIn(account, password);
  return client;
}

export function signedInSteward(box: TestBox): Promise<HttpClient> {
  return signedIn(box, STEWARD.email, STEWARD.password);
}

/** A set-up box and a client signed in as its steward: the scene of tests about what stewards see and do. */
export async function startBoxWithSteward(options?: TestBoxOptions): Promise<{ box: TestBox; steward: HttpClient }> {
  const box = await startSetUpBox(options);
  try {
    return { box, steward: await signedInSteward(box) };
  } catch (error) {
    await box.close();
    throw error;
  }
}

/** A new active member and a client signed in as them. */
export async function signedInMember(box: TestBox, overrides: Parameters<typeof addActiveMember>[1] = {}) {
  const member = await addActiveMember(box, overrides);
  return { member, client: await signedIn(box, member.email, member.password) };
}

export async function memberRow(box: TestBox, handle: string) {
  return box.database.db.selectFrom('members').selectAll().where('handle', '=', handle).executeTakeFirst();
}

/** Where the profile form's member lives, exactly (what others must never see). */
export const PROFILE_EXACT_LOCATION = { lat: 52.381234, lon: 1.109876 };

/** The profile form filled in completely; tests override what they are about. */
export function profileFields(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    display_name: 'Olive Owner',
    kind: 'business',
    about: 'Bakes <script>alert("about")</script> sourdough',
    values: 'Organic, REPAIR,  zero   waste, organic',
    links: 'https://olive.example.org/\nhttp://bread.example.org/menu',
    place_id: '',
    lat: String(PROFILE_EXACT_LOCATION.lat),
    lon: String(PROFILE_EXACT_LOCATION.lon),
    name_visibility: 'everyone',
    about_visibility: 'everyone',
    values_visibility: 'members',
    links_visibility: 'members',
    location_visibility: 'members',
    contact_visibility: 'me',
    ...overrides,
  };
}
