import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addActiveMember, startSetUpBox, startTestBox, STEWARD, type TestBox } from './helpers/box.js';
import type { HttpClient } from './helpers/client.js';
import { ensureSetupCode } from '../src/community/setup-code.js';

/**
 * Bad input, table-driven over every form and API route: missing fields, wrong
 * types, oversized values, an oversized body, and markup in every text field.
 * No response may be a 500; each says what is wrong; nothing is stored
 * half-done; markup comes back escaped.
 */

type Viewer = 'visitor' | 'member' | 'steward';

interface FormRoute {
  /** The page holding the form (its CSRF token is used). */
  from: string;
  /** Where the form posts. */
  action: string;
  as: Viewer;
  /** A valid submission (made fresh for each case, so unique fields stay unique). */
  valid: () => Record<string, string>;
  required: string[];
  /** Free-text fields: each gets oversized values and markup. */
  text: string[];
}

const MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const RAW_MARKUP = /<script>alert\("x"\)|<img src=x onerror/;

let unique = 0;
const next = () => ++unique;

/** Counts of every table people's input can reach, to prove a refused request stored nothing. */
async function fingerprint(box: TestBox): Promise<Record<string, number>> {
  const tables = ['community', 'places', 'members', 'member_values', 'vouches', 'member_decisions', 'invites', 'password_resets', 'api_tokens', 'groups', 'group_members', 'meta'];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(box.database.db);
    counts[table] = rows[0]!.n;
  }
  return counts;
}

async function clientAs(box: TestBox, viewer: Viewer): Promise<HttpClient> {
  const client = box.client();
  if (viewer === 'steward') await client.signIn(STEWARD.email, STEWARD.password);
  if (viewer === 'member') {
    const member = await addActiveMember(box);
    await client.signIn(member.email, member.password);
  }
  return client;
}

function expectRefusedClearly(result: { status: number; text: string }): void {
  expect(result.status).toBeGreaterThanOrEqual(400);
  expect(result.status).toBeLessThan(500);
  expect(result.text).not.toMatch(/Something went wrong/);
  expect(result.text).toMatch(/field-error|is required|must be|at most|not valid|too large|Please check/i);
}

function formCases(name: string, routeFor: (box: TestBox) => Promise<FormRoute> | FormRoute, makeBox: () => Promise<TestBox> = startSetUpBox) {
  describe(`form: ${name}`, () => {
    let box: TestBox;
    let route: FormRoute;
    let client: HttpClient;
    beforeAll(async () => {
      box = await makeBox();
      route = await routeFor(box);
      client = await clientAs(box, route.as);
    });
    afterAll(() => box.close());

    const submit = async (fields: Record<string, string>) => client.postForm(route.action, fields, { from: route.from });

    it('refuses each missing required field with a message, storing nothing', async () => {
      for (const field of route.required) {
        const before = await fingerprint(box);
        const { [field]: _omitted, ...rest } = route.valid();
        const result = await submit(rest);
        expectRefusedClearly(result);
        expect(await fingerprint(box), `after leaving out ${field}`).toEqual(before);
      }
    });

    it('refuses wrong types (a field sent as a list or an object) without a 500', async () => {
      for (const field of [...route.required, ...route.text]) {
        const before = await fingerprint(box);
        const valid = route.valid();
        const { [field]: value, ...rest } = valid;
        for (const shape of [{ ...rest, [`${field}[a]`]: value ?? 'x' }, { ...rest, [field]: [value ?? 'x', 'y'] }]) {
          const result = await client.postForm(route.action, shape as Record<string, string>, { from: route.from });
          expect(result.status, `${field} as ${JSON.stringify(Object.keys(shape))}`).toBeLessThan(500);
          expect(result.status).not.toBe(303);
        }
        expect(await fingerprint(box)).toEqual(before);
      }
    });

    it('refuses oversized values in every text field, storing nothing', async () => {
      for (const field of route.text) {
        const before = await fingerprint(box);
        const result = await submit({ ...route.valid(), [field]: 'x'.repeat(20_000) });
        expectRefusedClearly(result);
        expect(result.text).toMatch(/at most/);
        expect(await fingerprint(box)).toEqual(before);
      }
    });

    it('refuses an oversized body with 413', async () => {
      const before = await fingerprint(box);
      const result = await submit({ ...route.valid(), padding: 'x'.repeat(100_000) });
      expect(result.status).toBe(413);
      expect(result.text).toContain('too large');
      expect(await fingerprint(box)).toEqual(before);
    });

    it('escapes markup typed into every text field', async () => {
      for (const field of route.text) {
        const result = await submit({ ...route.valid(), [field]: MARKUP });
        expect(result.status).toBeLessThan(500);
        expect(result.text).not.toMatch(RAW_MARKUP);
        if (result.location?.startsWith('/')) {
          const shown = await client.get(result.location);
          expect(shown.text).not.toMatch(RAW_MARKUP);
        }
      }
    });
  });
}

formCases(
  'setup',
  async (box) => {
    const code = (await ensureSetupCode(box.database.db))!;
    return {
      from: '/setup',
      action: '/setup',
      as: 'visitor',
      valid: () => ({
        setup_code: code, community_name: 'PlaNet Diss', region: 'South Norfolk', lat: '52.3765', lon: '1.1077', vouches_required: '2',
        steward_name: 'Gary', steward_contact: `gary${next()}@example.org`, password: 'a-long-password', about: 'About us',
      }),
      required: ['setup_code', 'community_name', 'region', 'lat', 'lon', 'steward_name', 'steward_contact', 'password'],
      // Setup succeeds only once, so markup is checked on the re-rendered form with a wrong code.
      text: ['community_name', 'region', 'steward_name', 'about'],
    };
  },
  startTestBox,
);
