import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, STEWARD, type TestBox } from '../helpers/box.js';

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

/** A new active member and a client signed in as them. */
export async function signedInMember(box: TestBox, overrides: Parameters<typeof addActiveMember>[1] = {}) {
  const member = await addActiveMember(box, overrides);
  return { member, client: await signedIn(box, member.email, member.password) };
}

export async function memberRow(box: TestBox, handle: string) {
  return box.database.db.selectFrom('members').selectAll().where('handle', '=', handle).executeTakeFirst();
}
