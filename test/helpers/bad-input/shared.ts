import { expect } from 'vitest';
import { addActiveMember, STEWARD, type TestBox } from '../box.js';
import type { HttpClient } from '../client.js';

/**
 * What every bad-input table shares: who a route is tried as, the markup and
 * numbers thrown at it, and what a clear refusal looks like.
 */

export type Viewer = 'visitor' | 'member' | 'steward';
export type Fields = Record<string, string>;

/** The signed-in person a route is tried as (null for a visitor). */
export interface Me {
  handle: string;
  email: string;
  password: string;
}

export type Box = TestBox & { stewardHandle?: string };

export const MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>';
export const RAW_MARKUP = /<script>alert\("x"\)|<img src=x onerror/;
export const ESCAPED_MARKUP = /&lt;script&gt;alert\(&quot;x&quot;\)|&lt;script&gt;alert\(&#34;x&#34;\)/;
export const NOT_NUMBERS = ['abc', '1e999', '-1e9', 'NaN', '12abc', '１２'];
export const PASSWORD = 'a-long-password';
export const LOCATION = { lat: '52.3765', lon: '1.1077' };

let unique = 0;
/** A number never used before in this test file, for fields that must be unique. */
export const next = () => ++unique;

export async function clientAs(box: Box, viewer: Viewer): Promise<{ client: HttpClient; me: Me | null }> {
  const client = box.client();
  if (viewer === 'steward') {
    await client.signIn(STEWARD.email, STEWARD.password);
    return { client, me: { handle: box.stewardHandle!, email: STEWARD.email, password: STEWARD.password } };
  }
  if (viewer === 'member') {
    const member = await addActiveMember(box);
    await client.signIn(member.email, member.password);
    return { client, me: { handle: member.handle, email: member.email, password: member.password } };
  }
  return { client, me: null };
}

/** A pending member (a join request), added directly. */
export async function addPendingMember(box: TestBox) {
  return addActiveMember(box, { status: 'pending' });
}

/** Another member's browser, signed in. */
export async function otherMember(box: TestBox): Promise<{ client: HttpClient; handle: string }> {
  const other = await addActiveMember(box);
  const client = box.client();
  await client.signIn(other.email, other.password);
  return { client, handle: other.handle };
}

export function csrfOf(text: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/**
 * Posts the fields as a JSON body (which can carry numbers, booleans, arrays and objects), with the page's CSRF token.
 */
export async function postJson(client: HttpClient, from: string, action: string, body: Record<string, unknown>) {
  const page = await client.get(from);
  const response = await client.request('POST', action, {
    body: JSON.stringify({ ...body, _csrf: csrfOf(page.text) }),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

export const accepted = (status: number) => status === 201 || status === 303;

export function expectRefusedClearly(result: { status: number; text: string }, what: string): void {
  expect(result.status, what).toBeGreaterThanOrEqual(400);
  expect(result.status, what).toBeLessThan(500);
  expect(result.text, what).not.toMatch(/Something went wrong/);
  expect(result.text, what).toMatch(/field-error|is required|must be|at most|not valid|too large|Please check/i);
  expect(result.text, what).not.toMatch(RAW_MARKUP);
}
