import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { addActiveMember, startSetUpBox, startTestBox, STEWARD, type TestBox } from './helpers/box.js';
import type { HttpClient } from './helpers/client.js';
import { ensureSetupCode } from '../src/community/setup-code.js';
import { createApiToken } from '../src/auth/api-tokens.js';
import { payBetween } from './ledger/ledger-db.js';

/**
 * Bad input, table-driven over every form and API route: missing fields, wrong
 * types, oversized values, an oversized body, and markup in every text field.
 * No response may be a 500; each says what is wrong; nothing is stored
 * half-done; markup comes back escaped.
 *
 * Three tables: `formCases` (one entry per form), `pathCases` (the ids,
 * handles and slugs in the paths of every POST route and the pages they sit
 * on) and `apiCases` (the JSON API).
 */

type Viewer = 'visitor' | 'member' | 'steward';
type Fields = Record<string, string>;

/** The signed-in person a route is tried as (null for a visitor). */
interface Me {
  handle: string;
  email: string;
  password: string;
}

type Box = TestBox & { stewardHandle?: string };

interface RouteContext {
  box: Box;
  me: Me | null;
  client: HttpClient;
  /** A steward's browser on the same box, for pages where stored input shows up. */
  steward: () => Promise<HttpClient>;
}

/** Where a form is and what a valid submission is; built once per box. */
interface Target {
  /** The page holding the form (its CSRF token is used). */
  readonly from: string;
  /** Where the form posts (a getter when `beforeCase` changes it). */
  readonly action: string;
  /** A valid submission (made fresh for each case, so unique fields stay unique). */
  valid: () => Fields;
  /**
   * For routes whose success is once-only: a submission that passes field
   * validation but is refused afterwards, so markup is checked on the
   * re-rendered form instead of using the route up.
   */
  refusedLater?: () => Fields;
  /** Run before each case, before the fingerprint (say, a fresh pending member for a once-only action). */
  beforeCase?: () => Promise<void> | void;
  /** Other pages, read by a steward, where what was stored is shown. */
  shownAt?: () => string[];
  /** Valid-looking submissions that break a rule of the route (passwords that differ, ...). */
  alsoInvalid?: () => Fields[];
}

interface FormSpec {
  name: string;
  as: Viewer;
  required: string[];
  /** Free-text fields: each gets oversized values and markup. */
  text: string[];
  /** Number fields: each gets values that are not a number in range. */
  numbers?: string[];
  /** Fields that take one of a few values: each gets a value that is none of them. */
  choices?: string[];
  /** Text fields never shown back (passwords): markup must not come back raw, but need not come back at all. */
  notShown?: string[];
  /** The refusal of an oversized value, when it is not "… at most N characters". */
  tooLong?: Record<string, RegExp>;
  makeBox?: () => Promise<Box>;
  target: (context: RouteContext) => Promise<Target>;
}

const MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>';
const RAW_MARKUP = /<script>alert\("x"\)|<img src=x onerror/;
const ESCAPED_MARKUP = /&lt;script&gt;alert\(&quot;x&quot;\)|&lt;script&gt;alert\(&#34;x&#34;\)/;
const NOT_NUMBERS = ['abc', '1e999', '-1e9', 'NaN', '12abc', '１２'];
const PASSWORD = 'a-long-password';

/** A case that does not apply to a form (no text fields, say) is not registered at all, rather than skipped. */
const itNotApplicable = (_name: string, _test: () => Promise<void>) => {};

let unique = 0;
const next = () => ++unique;

/**
 * Every table people's input can reach, each as its row count and a digest of
 * its rows: a refused request must leave them all as they were, including
 * rows it could have updated (a profile, a password, a group).
 */
async function fingerprint(box: TestBox): Promise<Record<string, string>> {
  const tables = [
    'community',
    'places',
    'members',
    'member_values',
    'vouches',
    'member_decisions',
    'invites',
    'password_resets',
    'api_tokens',
    'groups',
    'group_members',
    'meta',
    'currencies',
    'accounts',
    'transfers',
    'entries',
    'account_changes',
    'transfer_feedback',
  ];
  tables.push('listings', 'listing_photos', 'listing_conversations', 'listing_messages', 'listing_notices');
  const prints: Record<string, string> = {};
  for (const table of tables) {
    const { rows } = await sql<Record<string, unknown>>`SELECT * FROM ${sql.table(table)} ORDER BY rowid`.execute(
      box.database.db,
    );
    const digest = crypto.createHash('sha256').update(JSON.stringify(rows)).digest('hex').slice(0, 16);
    prints[table] = `${rows.length} rows, ${digest}`;
  }
  return prints;
}

async function clientAs(box: Box, viewer: Viewer): Promise<{ client: HttpClient; me: Me | null }> {
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
async function addPendingMember(box: TestBox) {
  return addActiveMember(box, { status: 'pending' });
}

function csrfOf(text: string): string {
  const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
  if (!token) throw new Error('no CSRF token on the page');
  return token;
}

/**
 * Posts the fields as a JSON body (which can carry numbers, booleans, arrays and objects), with the page's CSRF token.
 */
async function postJson(client: HttpClient, from: string, action: string, body: Record<string, unknown>) {
  const page = await client.get(from);
  const response = await client.request('POST', action, {
    body: JSON.stringify({ ...body, _csrf: csrfOf(page.text) }),
    headers: { 'content-type': 'application/json' },
  });
  return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

const accepted = (status: number) => status === 201 || status === 303;

function expectRefusedClearly(result: { status: number; text: string }, what: string): void {
  expect(result.status, what).toBeGreaterThanOrEqual(400);
  expect(result.status, what).toBeLessThan(500);
  expect(result.text, what).not.toMatch(/Something went wrong/);
  expect(result.text, what).toMatch(/field-error|is required|must be|at most|not valid|too large|Please check/i);
  expect(result.text, what).not.toMatch(RAW_MARKUP);
}

function formCases(spec: FormSpec) {
  const numbers = spec.numbers ?? [];
  const choices = spec.choices ?? [];
  const notShown = spec.notShown ?? [];

  describe(`form: ${spec.name}`, () => {
    let box: Box;
    let target: Target;
    let client: HttpClient;
    let stewardClient: HttpClient | undefined;
    const steward = async () => {
      stewardClient ??= (await clientAs(box, 'steward')).client;
      return stewardClient;
    };

    beforeAll(async () => {
      box = await (spec.makeBox ?? startSetUpBox)();
      const signedIn = await clientAs(box, spec.as);
      client = signedIn.client;
      target = await spec.target({ box, me: signedIn.me, client, steward });
    });
    afterAll(() => box.close());

    const submit = (fields: Record<string, string | string[]>) =>
      client.postForm(target.action, fields, { from: target.from });

    /** One refused request: prepared, sent, and proved to have stored nothing. */
    async function refusedCase(
      what: string,
      send: () => Promise<{ status: number; text: string }>,
      extra?: (result: { status: number; text: string }) => void,
    ) {
      await target.beforeCase?.();
      const before = await fingerprint(box);
      const result = await send();
      // A refusal for a missing CSRF token would prove nothing about the input.
      expect(result.text, `${what}: refused for its CSRF token`).not.toMatch(/This form has expired/);
      extra?.(result);
      expect(await fingerprint(box), `${what}: stored something`).toEqual(before);
      return result;
    }

    it('refuses each missing required field, and submissions that break its own rules, with a message, storing nothing', async () => {
      for (const field of spec.required) {
        await refusedCase(
          `without ${field}`,
          async () => {
            const { [field]: _omitted, ...rest } = target.valid();
            return submit(rest);
          },
          (result) => expectRefusedClearly(result, `without ${field}`),
        );
      }
      const invalid = target.alsoInvalid?.() ?? [];
      for (const [i] of invalid.entries()) {
        // Built fresh after `beforeCase`, which may change what is valid.
        await refusedCase(
          `rule ${i}`,
          () => submit(target.alsoInvalid!()[i]!),
          (result) => expectRefusedClearly(result, JSON.stringify(invalid[i])),
        );
      }
    });

    it('refuses wrong types (a field sent as a list, an object, a JSON number or boolean) with a message, not a 500', async () => {
      for (const field of [...spec.required, ...spec.text, ...numbers, ...choices]) {
        const jsonShapes: unknown[] = [{ a: 'x' }, ['x', 'y'], true, ...(numbers.includes(field) ? [] : [12])];
        const shapes: [string, () => Promise<{ status: number; text: string }>][] = [
          [
            'form field[a]',
            async () => {
              const { [field]: value, ...rest } = target.valid();
              return submit({ ...rest, [`${field}[a]`]: value ?? 'x' });
            },
          ],
          [
            'form list',
            async () => {
              const valid = target.valid();
              return submit({ ...valid, [field]: [valid[field] ?? 'x', 'y'] });
            },
          ],
          ...jsonShapes.map((shape): [string, () => Promise<{ status: number; text: string }>] => [
            `JSON ${JSON.stringify(shape)}`,
            () => postJson(client, target.from, target.action, { ...target.valid(), [field]: shape }),
          ]),
        ];
        for (const [shape, send] of shapes) {
          await refusedCase(`${field} as ${shape}`, send, (result) => {
            expect(accepted(result.status), `${field} as ${shape} was accepted (${result.status})`).toBe(false);
            expectRefusedClearly(result, `${field} as ${shape}`);
          });
        }
      }
    });

    it('survives keys that name Object.prototype properties, in a form and in JSON', async () => {
      // Without its first required field (when it has one), so the submission is refused and uses nothing up.
      const fields = () => {
        const { [spec.required[0] ?? '']: _omitted, ...rest } = (target.refusedLater ?? target.valid)();
        return rest;
      };
      await target.beforeCase?.();
      const form = await submit({
        ...fields(),
        '__proto__[role]': 'steward',
        'constructor[prototype][role]': 'steward',
        hasOwnProperty: 'x',
        toString: 'x',
        valueOf: 'x',
      });
      expect(form.status, form.text.slice(0, 300)).toBeLessThan(500);
      const page = await client.get(target.from);
      const json = `{"__proto__": {"role": "steward"}, "constructor": {"prototype": {"role": "steward"}}, "hasOwnProperty": "x", "toString": "x", ${JSON.stringify({ ...fields(), _csrf: csrfOf(page.text) }).slice(1)}`;
      const response = await client.request('POST', target.action, {
        body: json,
        headers: { 'content-type': 'application/json' },
      });
      expect(response.status, (await response.text()).slice(0, 300)).toBeLessThan(500);
      expect(({} as Record<string, unknown>).role).toBeUndefined();
    });

    (spec.text.length > 0 ? it : itNotApplicable)(
      'refuses oversized values in every text field, storing nothing',
      async () => {
        for (const field of spec.text) {
          await refusedCase(
            `oversized ${field}`,
            () => submit({ ...target.valid(), [field]: 'x'.repeat(20_000) }),
            (result) => {
              expectRefusedClearly(result, `oversized ${field}`);
              expect(result.status, `oversized ${field}`).toBe(422);
              expect(result.text, `oversized ${field}`).toMatch(spec.tooLong?.[field] ?? /at most/);
            },
          );
        }
      },
    );

    (numbers.length > 0 ? it : itNotApplicable)(
      'refuses numbers that are not numbers, or out of range, storing nothing',
      async () => {
        for (const field of numbers) {
          for (const value of NOT_NUMBERS) {
            await refusedCase(
              `${field}=${value}`,
              () => submit({ ...target.valid(), [field]: value }),
              (result) => expectRefusedClearly(result, `${field}=${value}`),
            );
          }
        }
      },
    );

    (choices.length > 0 ? it : itNotApplicable)(
      'refuses a value that is none of the choices, storing nothing',
      async () => {
        for (const field of choices) {
          for (const value of ['not-a-choice', MARKUP, '']) {
            await refusedCase(
              `${field}=${value}`,
              () => submit({ ...target.valid(), [field]: value }),
              (result) => expectRefusedClearly(result, `${field}=${value}`),
            );
          }
        }
      },
    );

    it('refuses an oversized body with 413', async () => {
      await refusedCase(
        'oversized body',
        () => submit({ ...target.valid(), padding: 'x'.repeat(100_000) }),
        (result) => {
          expect(result.status).toBe(413);
          expect(result.text).toContain('too large');
        },
      );
    });

    (spec.text.length > 0 ? it : itNotApplicable)('escapes markup typed into every text field', async () => {
      for (const field of spec.text) {
        await target.beforeCase?.();
        const result = await submit({ ...(target.refusedLater ?? target.valid)(), [field]: MARKUP });
        expect(result.status, field).toBeLessThan(500);
        const pages = [result.text];
        if (result.location?.startsWith('/')) pages.push((await client.get(result.location)).text);
        for (const path of target.shownAt?.() ?? []) pages.push((await (await steward()).get(path)).text);
        for (const page of pages) expect(page, `${field}: markup came back raw`).not.toMatch(RAW_MARKUP);
        if (!notShown.includes(field))
          expect(pages.join('\n'), `${field}: markup was not shown back, escaped`).toMatch(ESCAPED_MARKUP);
      }
    });

    /** The control: the valid submission is accepted, so the refusals above were about the bad input alone. */
    it('accepts the valid submission', async () => {
      await target.beforeCase?.();
      const result = await submit(target.valid());
      expect(accepted(result.status), `${result.status}: ${result.text.slice(0, 2000)}`).toBe(true);
      expect(result.text).not.toMatch(/field-error/);
    });
  });
}

// ---------------------------------------------------------------- the forms

const LOCATION = { lat: '52.3765', lon: '1.1077' };

formCases({
  name: 'setup',
  as: 'visitor',
  makeBox: startTestBox,
  required: ['setup_code', 'community_name', 'region', 'lat', 'lon', 'steward_name', 'steward_contact', 'password'],
  text: ['setup_code', 'community_name', 'region', 'steward_name', 'steward_contact', 'password', 'about'],
  numbers: ['lat', 'lon', 'vouches_required'],
  notShown: ['password'],
  async target({ box }) {
    const code = (await ensureSetupCode(box.database.db))!;
    const fields = (setupCode: string) => ({
      setup_code: setupCode,
      community_name: 'PlaNet Diss',
      region: 'South Norfolk',
      ...LOCATION,
      vouches_required: '2',
      steward_name: 'Gary',
      steward_contact: `gary${next()}@example.org`,
      password: PASSWORD,
      about: 'About us',
    });
    return {
      from: '/setup',
      action: '/setup',
      valid: () => fields(code),
      // Setup succeeds only once, so markup is checked on the form re-rendered for a wrong code.
      refusedLater: () => fields('WRNG-CODE-0000'),
    };
  },
});

formCases({
  name: 'sign in',
  as: 'visitor',
  required: ['account', 'password'],
  text: ['account', 'password'],
  notShown: ['password'],
  async target({ box }) {
    return {
      from: '/signin',
      action: '/signin',
      valid: () => ({ account: STEWARD.email, password: STEWARD.password }),
      refusedLater: () => ({ account: STEWARD.email, password: 'not-the-password' }),
      // Wrong passwords count towards the throttle (5 per account, 20 per address in 15 minutes): let each case start
      // afresh.
      beforeCase: () => box.clock.advanceMinutes(16),
      alsoInvalid: () => [{ account: 'not an email or a phone', password: STEWARD.password }],
    };
  },
});

const joinFields = () => ({
  display_name: `Newcomer ${next()}`,
  kind: 'person',
  contact: `new${next()}@example.org`,
  password: PASSWORD,
  why_join: 'I live here',
  ...LOCATION,
});
const joinSpec = {
  as: 'visitor' as const,
  required: ['display_name', 'kind', 'contact', 'password', 'why_join', 'lat', 'lon'],
  text: ['display_name', 'contact', 'password', 'why_join'],
  numbers: ['lat', 'lon', 'place_id'],
  choices: ['kind'],
  notShown: ['password'],
};

formCases({
  ...joinSpec,
  name: 'join',
  async target() {
    return {
      from: '/join',
      action: '/join',
      valid: joinFields,
      // A join request shows its name and reasons to the members who vouch, and to stewards.
      shownAt: () => ['/members/requests', '/stewards'],
      alsoInvalid: () => [
        { ...joinFields(), contact: STEWARD.email },
        { ...joinFields(), lon: '' },
        { ...joinFields(), password: 'short' },
      ],
    };
  },
});

formCases({
  ...joinSpec,
  name: 'join through an invite link',
  async target({ box }) {
    const { client: inviter } = await clientAs(box, 'member');
    const created = await inviter.postForm(
      '/invites',
      { relation: 'met_in_person', expiry_days: '30', max_uses: '50' },
      { from: '/invites' },
    );
    if (created.status !== 303 || !created.location) throw new Error(`no invite made: ${created.status}`);
    const path = /https?:\/\/[^/"]+(\/join\/invite\/[\w-]+)/.exec((await inviter.get(created.location)).text)?.[1];
    if (!path) throw new Error('no invite link on its page');
    return {
      from: path,
      action: path,
      valid: joinFields,
      shownAt: () => ['/members/requests', '/stewards'],
      alsoInvalid: () => [{ ...joinFields(), contact: STEWARD.email }],
    };
  },
});

formCases({
  name: 'vouch',
  as: 'member',
  required: ['relation'],
  text: ['note'],
  choices: ['relation'],
  async target({ box }) {
    // A vouch is once per voucher and request: each case gets a fresh request.
    let handle = '';
    return {
      from: '/members/requests',
      get action() {
        return `/members/${handle}/vouch`;
      },
      beforeCase: async () => {
        handle = (await addPendingMember(box)).handle;
      },
      valid: () => ({ relation: 'met_in_person', note: 'Known them for years' }),
      shownAt: () => [`/members/${handle}`],
      alsoInvalid: () => [{ relation: 'other', note: '' }],
    };
  },
});

formCases({
  name: 'profile',
  as: 'member',
  required: [
    'display_name',
    'kind',
    'lat',
    'lon',
    'name_visibility',
    'about_visibility',
    'values_visibility',
    'links_visibility',
    'location_visibility',
    'contact_visibility',
  ],
  text: ['display_name', 'about', 'values', 'links'],
  numbers: ['lat', 'lon', 'place_id'],
  choices: [
    'kind',
    'name_visibility',
    'about_visibility',
    'values_visibility',
    'links_visibility',
    'location_visibility',
    'contact_visibility',
  ],
  async target() {
    return {
      from: '/profile',
      action: '/profile',
      valid: () => ({
        display_name: `Member ${next()}`,
        kind: 'person',
        about: 'I fix bikes',
        values: 'repair, organic',
        links: 'https://example.org/me',
        ...LOCATION,
        name_visibility: 'members',
        about_visibility: 'members',
        values_visibility: 'members',
        links_visibility: 'members',
        location_visibility: 'members',
        contact_visibility: 'me',
      }),
      alsoInvalid: () => {
        const valid = {
          display_name: 'Me',
          kind: 'person',
          ...LOCATION,
          name_visibility: 'members',
          about_visibility: 'members',
          values_visibility: 'members',
          links_visibility: 'members',
          location_visibility: 'members',
          contact_visibility: 'me',
        };
        return [
          { ...valid, links: 'javascript:alert(1)' },
          { ...valid, links: Array.from({ length: 6 }, (_, i) => `https://example.org/${i}`).join('\n') },
          { ...valid, values: Array.from({ length: 21 }, (_, i) => `value ${i}`).join(',') },
          { ...valid, values: 'x'.repeat(41) },
          { ...valid, lat: '', lon: '', place_id: '' },
          { ...valid, lat: '', lon: '', place_id: '999999' },
        ];
      },
    };
  },
});

formCases({
  name: 'invite links',
  as: 'member',
  required: ['relation'],
  text: [],
  numbers: ['expiry_days', 'max_uses'],
  choices: ['relation'],
  async target() {
    return {
      from: '/invites',
      action: '/invites',
      valid: () => ({ relation: 'met_in_person', expiry_days: '7', max_uses: '1' }),
      alsoInvalid: () => [
        { relation: 'met_in_person', expiry_days: '31', max_uses: '1' },
        { relation: 'met_in_person', expiry_days: '0', max_uses: '1' },
        { relation: 'met_in_person', expiry_days: '7', max_uses: '51' },
      ],
    };
  },
});

formCases({
  name: 'change password',
  as: 'member',
  required: ['current_password', 'new_password', 'new_password_again'],
  text: ['current_password', 'new_password', 'new_password_again'],
  notShown: ['current_password', 'new_password', 'new_password_again'],
  // Nobody's password is longer than 200 characters, so an oversized one is simply not theirs;
  // the repeat is only compared with the new password.
  tooLong: { current_password: /not your current password/, new_password_again: /not the same/ },
  async target({ me }) {
    return {
      from: '/account/password',
      action: '/account/password',
      valid: () => ({
        current_password: me!.password,
        new_password: 'another-long-password',
        new_password_again: 'another-long-password',
      }),
      alsoInvalid: () => [
        {
          current_password: me!.password,
          new_password: 'another-long-password',
          new_password_again: 'another-long-passwort',
        },
        { current_password: me!.password, new_password: 'short', new_password_again: 'short' },
        {
          current_password: 'not-my-password',
          new_password: 'another-long-password',
          new_password_again: 'another-long-password',
        },
      ],
    };
  },
});

formCases({
  name: 'access tokens',
  as: 'member',
  required: ['name'],
  text: ['name'],
  async target() {
    return { from: '/account/tokens', action: '/account/tokens', valid: () => ({ name: `my phone ${next()}` }) };
  },
});

formCases({
  name: 'reset a password through a link',
  as: 'visitor',
  required: ['new_password', 'new_password_again'],
  text: ['new_password', 'new_password_again'],
  notShown: ['new_password', 'new_password_again'],
  tooLong: { new_password_again: /not the same/ },
  async target({ box, steward }) {
    // A link works once: each case gets a fresh one, issued through the steward's form.
    const member = await addActiveMember(box);
    let path = '';
    return {
      get from() {
        return path;
      },
      get action() {
        return path;
      },
      beforeCase: async () => {
        const issued = await (await steward()).postForm(
          `/members/${member.handle}/reset-link`,
          {},
          { from: `/members/${member.handle}/reset-link` },
        );
        if (issued.status !== 303 || !issued.location) throw new Error(`no reset link made: ${issued.status}`);
        const found = /https?:\/\/[^/"<\s]+(\/reset\/[\w-]+)/.exec(
          (await (await steward()).get(issued.location)).text,
        )?.[1];
        if (!found) throw new Error('no reset link on its page');
        path = found;
      },
      valid: () => ({ new_password: 'a-new-long-password', new_password_again: 'a-new-long-password' }),
      alsoInvalid: () => [
        { new_password: 'a-new-long-password', new_password_again: 'a-new-long-passwort' },
        { new_password: 'short', new_password_again: 'short' },
      ],
    };
  },
});

/** A steward's decision about a member: each case gets a member in the state the decision needs. */
function decisionSpec(action: 'approve' | 'decline' | 'suspend', reasonRequired: boolean): FormSpec {
  return {
    name: `steward: ${action}`,
    as: 'steward',
    required: reasonRequired ? ['reason'] : [],
    text: ['reason'],
    async target({ box }) {
      let handle = '';
      return {
        from: '/stewards',
        get action() {
          return `/stewards/members/${handle}/${action}`;
        },
        beforeCase: async () => {
          handle = (action === 'suspend' ? await addActiveMember(box) : await addPendingMember(box)).handle;
        },
        valid: () => ({ reason: 'Nobody here knows them' }),
        alsoInvalid: () => (reasonRequired ? [{ reason: '   ' }, { reason: '\u0000\u0001' }] : []),
      };
    },
  };
}
formCases(decisionSpec('decline', true));
formCases(decisionSpec('suspend', true));
formCases(decisionSpec('approve', false));

formCases({
  name: 'steward: places',
  as: 'steward',
  required: ['name', 'lat', 'lon'],
  text: ['name'],
  numbers: ['lat', 'lon'],
  async target() {
    return {
      from: '/stewards/places',
      action: '/stewards/places',
      valid: () => ({ name: `Roydon ${next()}`, lat: '52.378', lon: '1.083' }),
      alsoInvalid: () => [
        { name: 'Roydon 0', lat: '91', lon: '1' },
        { name: 'Roydon 0', lat: '52', lon: '-181' },
      ],
    };
  },
});

const SIBLING_PEER_ID = '12D3KooWGq77a8XbL47S7a9BScji4Nf7RCRQg3BBZXuS969UEcPs';
formCases({
  name: 'steward: sibling boxes',
  as: 'steward',
  required: ['name', 'peer_id', 'address'],
  text: ['name', 'peer_id', 'address'],
  async target() {
    return {
      from: '/stewards/siblings',
      action: '/stewards/siblings',
      valid: () => ({ name: `Eye ${next()}`, peer_id: SIBLING_PEER_ID, address: '/ip4/127.0.0.1/tcp/4002' }),
      alsoInvalid: () => [
        {
          name: 'Eye',
          peer_id: SIBLING_PEER_ID,
          address: '/ip4/127.0.0.1/tcp/4002/p2p/12D3KooWT2p7o3QJ929MGDT6Zp8Hv5T8jNow4uR1jzGmRjEUqhvT',
        },
        { name: 'Eye', peer_id: SIBLING_PEER_ID, address: '/ip4/127.0.0.1/tcp/99999' },
        { name: 'Eye', peer_id: 'QmYyQSo1c1Ym7orWxLYvCrM2EmxFTANf8wXmmE7DWjhx5N', address: '/ip4/127.0.0.1/tcp/4002' },
      ],
    };
  },
});

const groupFields = () => ({
  name: `Repair Café ${next()}`,
  slug: '',
  purpose: 'Fixing things together',
  join_policy: 'open',
  visibility: 'members',
});
const groupSpec = {
  as: 'member' as const,
  required: ['name', 'join_policy', 'visibility'],
  text: ['name', 'slug', 'purpose'],
  choices: ['join_policy', 'visibility'],
};
const groupRules = (fields: () => Fields) => () => [
  { ...fields(), slug: 'Not A Slug' },
  { ...fields(), slug: 'new' },
  { ...fields(), slug: 'community' },
  { ...fields(), slug: 'taken-slug' },
];

/** A group the member admins (by starting it through the form), and a second member in it. */
async function startGroup(box: TestBox, admin: HttpClient, joinPolicy = 'open') {
  const name = `Garden Group ${next()}`;
  const made = await admin.postForm(
    '/groups/new',
    { name, slug: '', purpose: 'Growing', join_policy: joinPolicy, visibility: 'members' },
    { from: '/groups/new' },
  );
  const slug = made.location?.replace('/groups/', '');
  if (made.status !== 303 || !slug) throw new Error(`could not start a group: ${made.status}`);
  const other = await addActiveMember(box);
  const otherClient = box.client();
  await otherClient.signIn(other.email, other.password);
  const joined = await otherClient.postForm(`/groups/${slug}/join`, {}, { from: `/groups/${slug}` });
  if (joined.status !== 303) throw new Error(`could not join the group: ${joined.status}`);
  return { slug, other };
}

formCases({
  ...groupSpec,
  name: 'start a group',
  async target({ client }) {
    await startGroupWithSlug(client, 'taken-slug');
    return { from: '/groups/new', action: '/groups/new', valid: groupFields, alsoInvalid: groupRules(groupFields) };
  },
});

async function startGroupWithSlug(client: HttpClient, slug: string) {
  const made = await client.postForm('/groups/new', { ...groupFields(), slug }, { from: '/groups/new' });
  if (made.status !== 303) throw new Error(`could not start the group ${slug}: ${made.status}`);
}

formCases({
  ...groupSpec,
  name: 'edit a group',
  async target({ box, client }) {
    const { slug } = await startGroup(box, client);
    await startGroupWithSlug(client, 'taken-slug');
    // The slug is sent as it is, so a valid edit keeps the group where it is.
    const fields = () => ({ ...groupFields(), slug });
    return {
      from: `/groups/${slug}/edit`,
      action: `/groups/${slug}/edit`,
      valid: fields,
      alsoInvalid: groupRules(fields),
    };
  },
});

formCases({
  name: 'edit the community group',
  as: 'steward',
  required: ['visibility'],
  text: ['purpose'],
  choices: ['visibility'],
  async target() {
    return {
      from: '/groups/community/edit',
      action: '/groups/community/edit',
      valid: () => ({ purpose: `Everyone in Diss ${next()}`, visibility: 'members' }),
      alsoInvalid: () => [{ purpose: 'x', visibility: 'group' }],
    };
  },
});

formCases({
  name: 'invite to a group',
  as: 'member',
  required: ['handle'],
  text: ['handle'],
  async target({ box, client }) {
    const { slug } = await startGroup(box, client);
    const invitee = await addActiveMember(box);
    const pending = await addPendingMember(box);
    return {
      from: `/groups/${slug}`,
      action: `/groups/${slug}/invite`,
      valid: () => ({ handle: `@${invitee.handle}` }),
      alsoInvalid: () => [{ handle: 'nobody-has-this' }, { handle: pending.handle }, { handle: '@' }],
    };
  },
});

formCases({
  name: 'a member’s role in a group',
  as: 'member',
  required: ['role'],
  text: [],
  choices: ['role'],
  async target({ box, client }) {
    const { slug, other } = await startGroup(box, client);
    return {
      from: `/groups/${slug}`,
      action: `/groups/${slug}/members/${other.handle}/role`,
      valid: () => ({ role: 'admin' }),
    };
  },
});

formCases({
  name: 'the last admin leaves a group',
  as: 'member',
  required: [],
  text: ['successor'],
  notShown: ['successor'],
  async target({ box, client, me }) {
    // Leaving is once per group: each case gets a fresh group with a second member to hand over to.
    let group = { slug: '', other: { handle: '' } };
    return {
      get from() {
        return `/groups/${group.slug}`;
      },
      get action() {
        return `/groups/${group.slug}/leave`;
      },
      beforeCase: async () => {
        group = await startGroup(box, client);
      },
      valid: () => ({ successor: group.other.handle }),
      alsoInvalid: () => [{ successor: '' }, { successor: 'nobody-has-this' }, { successor: me!.handle }],
    };
  },
});

// ---------------------------------------------------------------- listings

// Priced in the community's hours, so the price's fields are read (a price's amount is read by its currency's rules).
const listingFields = () => ({
  kind: 'offer',
  title: `Spare seedlings ${next()}`,
  description: 'Tomatoes',
  category: 'food',
  terms: 'price',
  price_amount: '1:30',
  price_currency: 'DHR',
  place_id: '',
  ...LOCATION,
  visibility: 'members',
});
const listingSpec = {
  as: 'member' as const,
  required: ['kind', 'title', 'category', 'terms', 'lat'],
  text: ['title', 'description', 'price_currency'],
  numbers: ['price_amount', 'lat', 'lon'],
  choices: ['kind', 'category', 'terms', 'visibility'],
  tooLong: { price_currency: /Currency must be a code/ },
};
const listingRules = () => [
  { ...listingFields(), terms: 'price', price_amount: '', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '10', price_currency: '' },
  { ...listingFields(), terms: 'price', price_amount: '0', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '1:75', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '1:30', price_currency: 'NOPE' },
  { ...listingFields(), visibility: 'group:999999' },
  { ...listingFields(), visibility: 'group:abc' },
  { ...listingFields(), lat: '52.1', lon: '' },
  { ...listingFields(), lat: '', lon: '', place_id: '999999' },
  { ...listingFields(), visibility: 'group:999999', regional: '1' },
  { ...listingFields(), regional: 'perhaps' },
];

/** A listing posted through the form by `client`; its id. */
async function postListingAs(client: HttpClient): Promise<string> {
  const made = await client.postForm('/listings', listingFields(), { from: '/listings/new' });
  if (made.status !== 303 || !made.location) throw new Error(`could not post a listing: ${made.status}`);
  return made.location.replace('/listings/', '');
}

formCases({
  ...listingSpec,
  name: 'post a listing',
  async target() {
    return { from: '/listings/new', action: '/listings', valid: listingFields, alsoInvalid: listingRules };
  },
});

formCases({
  ...listingSpec,
  name: 'edit a listing',
  async target({ client }) {
    const id = await postListingAs(client);
    return {
      from: `/listings/${id}/edit`,
      action: `/listings/${id}/edit`,
      valid: listingFields,
      alsoInvalid: listingRules,
    };
  },
});

/** Another member's browser, signed in. */
async function otherMember(box: TestBox): Promise<{ client: HttpClient; handle: string }> {
  const other = await addActiveMember(box);
  const client = box.client();
  await client.signIn(other.email, other.password);
  return { client, handle: other.handle };
}

formCases({
  name: 'reply to a listing',
  as: 'member',
  required: ['body'],
  text: ['body'],
  async target({ box, client }) {
    const author = await otherMember(box);
    const id = await postListingAs(author.client);
    await client.get(`/listings/${id}`);
    return {
      from: `/listings/${id}`,
      action: `/listings/${id}/replies`,
      valid: () => ({ body: `Interested ${next()}` }),
      alsoInvalid: () => [{ body: '   ' }],
    };
  },
});

formCases({
  name: 'promise a listing',
  as: 'member',
  required: ['to'],
  text: ['to'],
  notShown: ['to'],
  tooLong: { to: /at most|Choose/ },
  async target({ box, client }) {
    const id = await postListingAs(client);
    const replier = await otherMember(box);
    const replied = await replier.client.postForm(
      `/listings/${id}/replies`,
      { body: 'Yes please' },
      { from: `/listings/${id}` },
    );
    if (replied.status !== 303) throw new Error(`could not reply: ${replied.status}`);
    await client.get(`/listings/${id}?with=${replier.handle}`);
    return {
      from: `/listings/${id}`,
      action: `/listings/${id}/promise`,
      valid: () => ({ to: replier.handle }),
      refusedLater: () => ({ to: 'nobody-has-this' }),
      alsoInvalid: () => [{ to: 'nobody-has-this' }, { to: '' }],
    };
  },
});

// ------------------------------------------------ the ledger

/** The other side of a transfer form: another member (by handle), or a group's fund ("group:<slug>"). */
const ledgerTransferSpec = (
  kind: 'pay' | 'request',
  field: 'to' | 'from',
  otherSide: 'member' | 'fund' = 'member',
): FormSpec => ({
  name: `${kind === 'pay' ? 'ledger: pay' : 'ledger: ask for a payment'}${otherSide === 'fund' ? ', a group’s fund' : ''}`,
  as: 'member',
  required: [field, 'amount', 'currency', 'description', 'idempotency_key'],
  text: [field, 'description', 'idempotency_key'],
  numbers: ['amount'],
  choices: ['currency'],
  // The key is never shown; the other member's handle comes back in the form when refused.
  notShown: ['idempotency_key'],
  async target({ box }) {
    const { client: admin } = await clientAs(box, 'member');
    const otherSideValue =
      otherSide === 'fund' ? `group:${(await startGroup(box, admin)).slug}` : (await addActiveMember(box)).handle;
    const valid = () => ({
      [field]: otherSideValue,
      amount: '0:01',
      currency: 'DHR',
      description: `Bad input ${next()}`,
      idempotency_key: `bad-input-${next()}`,
    });
    return {
      from: `/ledger/${kind}`,
      action: `/ledger/${kind}`,
      valid,
      refusedLater: () => ({ ...valid(), [field]: 'nobody-has-this' }),
      alsoInvalid: () => [
        { ...valid(), amount: '1:75' },
        { ...valid(), amount: '0' },
        { ...valid(), [field]: 'nobody-has-this' },
        { ...valid(), listing_id: 'not-a-uuid' },
        { ...valid(), [field]: 'group:nobody-has-this' },
        { ...valid(), [field]: 'group:' },
        { ...valid(), as_group: 'nobody-has-this' },
      ],
    };
  },
});
formCases(ledgerTransferSpec('pay', 'to'));
formCases(ledgerTransferSpec('request', 'from'));
formCases(ledgerTransferSpec('pay', 'to', 'fund'));
formCases(ledgerTransferSpec('request', 'from', 'fund'));

formCases({
  name: 'ledger: feedback on a transfer',
  as: 'member',
  required: ['rating'],
  text: ['comment'],
  choices: ['rating'],
  async target({ box, me }) {
    const other = await addActiveMember(box);
    const id = await payBetween(box.database.db, me!.handle, other.handle, box.clock.now());
    return {
      from: `/ledger/transfers/${id}`,
      action: `/ledger/transfers/${id}/feedback`,
      valid: () => ({ rating: 'positive', comment: 'Thanks' }),
    };
  },
});

formCases({
  name: 'ledger: a steward reverses a transfer',
  as: 'steward',
  required: ['reason'],
  text: ['reason'],
  async target({ box }) {
    // Once per transfer: each case reverses a fresh one.
    const [a, b] = [await addActiveMember(box), await addActiveMember(box)];
    let id = '';
    return {
      get from() {
        return `/ledger/transfers/${id}`;
      },
      get action() {
        return `/ledger/transfers/${id}/steward-reverse`;
      },
      beforeCase: async () => {
        id = await payBetween(box.database.db, a.handle, b.handle, box.clock.now());
      },
      valid: () => ({ reason: 'Paid by mistake' }),
    };
  },
});

/** A member's account in Diss Hours, opened by a payment, for the stewards' account forms. */
async function ledgerAccountPath(box: TestBox): Promise<{ path: string; id: number }> {
  const [a, b] = [await addActiveMember(box), await addActiveMember(box)];
  await payBetween(box.database.db, a.handle, b.handle, box.clock.now());
  const account = await box.database.db
    .selectFrom('accounts')
    .select('id')
    .where('member_id', '=', a.id)
    .executeTakeFirstOrThrow();
  return { path: `/stewards/ledger/accounts/${account.id}`, id: account.id };
}

formCases({
  name: 'ledger: a steward changes an account’s limits',
  as: 'steward',
  required: ['lower_limit', 'upper_limit', 'reason'],
  text: ['lower_limit', 'upper_limit', 'reason'],
  async target({ box }) {
    const { path } = await ledgerAccountPath(box);
    const valid = () => ({ lower_limit: '-25:00', upper_limit: '45', reason: 'Trusted trader' });
    return {
      from: path,
      action: `${path}/limits`,
      valid,
      alsoInvalid: () => [
        { ...valid(), lower_limit: '5' },
        { ...valid(), upper_limit: '-5' },
        { ...valid(), lower_limit: '1:75' },
      ],
    };
  },
});

formCases({
  name: 'ledger: a steward freezes an account',
  as: 'steward',
  required: ['action', 'reason'],
  text: ['reason'],
  choices: ['action'],
  async target({ box }) {
    const { path, id } = await ledgerAccountPath(box);
    return {
      from: path,
      action: `${path}/freeze`,
      // Each case starts from an account that is not frozen.
      beforeCase: async () => {
        await box.database.db.updateTable('accounts').set({ frozen_reason: null }).where('id', '=', id).execute();
      },
      valid: () => ({ action: 'freeze', reason: 'Lost phone' }),
    };
  },
});

formCases({
  name: 'ledger: a group’s admin creates a currency',
  as: 'steward',
  required: ['group', 'name', 'code', 'symbol', 'counted_in', 'lower_limit', 'upper_limit', 'request_days'],
  text: ['name', 'code', 'symbol', 'lower_limit', 'upper_limit'],
  numbers: ['request_days'],
  choices: ['group', 'counted_in'],
  async target() {
    const valid = () => ({
      group: 'community',
      name: `Credits ${next()}`,
      code: `C${next()}`,
      symbol: 'c',
      counted_in: 'hundredths',
      lower_limit: '-10',
      upper_limit: '10',
      request_days: '14',
    });
    return {
      from: '/ledger/currencies/new',
      action: '/ledger/currencies/new',
      valid,
      shownAt: () => ['/ledger/currencies'],
      alsoInvalid: () => [
        { ...valid(), code: 'DHR' },
        { ...valid(), code: '1AB' },
        { ...valid(), lower_limit: '3' },
      ],
    };
  },
});

// ------------------------------------------------ ids, handles and slugs in paths

/**
 * Values that are not an id, handle or slug of anything: markup, climbing out
 * of the path, control characters, broken percent-encoding, very long, and
 * numbers that are not ids.
 */
const BAD_PATH_PARTS = [
  encodeURIComponent(MARKUP),
  '..%2F..%2Fstewards',
  '%00',
  '%E0%A4%A',
  '%',
  'x'.repeat(3000),
  '-1',
  '1e9',
  '1.5',
  '0x10',
  '99999999999999999999999',
];

interface PathCase {
  method: 'GET' | 'POST';
  as: Viewer;
  /** The path with `{}` where the bad part goes. */
  path: string;
  fields?: Fields;
}

describe('ids, handles and slugs in paths', () => {
  let box: Box;
  const clients = new Map<Viewer, HttpClient>();
  let slug = '';

  beforeAll(async () => {
    box = await startSetUpBox();
    for (const viewer of ['visitor', 'member', 'steward'] as const) {
      const { client } = await clientAs(box, viewer);
      await client.get('/');
      clients.set(viewer, client);
    }
    ({ slug } = await startGroup(box, clients.get('member')!));
    await clients.get('member')!.get('/');
  });
  afterAll(() => box.close());

  const cases = (): PathCase[] => [
    { method: 'GET', as: 'member', path: '/members/{}' },
    { method: 'GET', as: 'visitor', path: '/members/{}' },
    { method: 'POST', as: 'member', path: '/members/{}/vouch', fields: { relation: 'met_in_person', note: '' } },
    { method: 'GET', as: 'steward', path: '/members/{}/reset-link' },
    { method: 'POST', as: 'steward', path: '/members/{}/reset-link' },
    { method: 'GET', as: 'visitor', path: '/reset/{}' },
    {
      method: 'POST',
      as: 'visitor',
      path: '/reset/{}',
      fields: { new_password: PASSWORD, new_password_again: PASSWORD },
    },
    { method: 'GET', as: 'visitor', path: '/join/invite/{}' },
    { method: 'POST', as: 'visitor', path: '/join/invite/{}', fields: joinFields() },
    { method: 'POST', as: 'member', path: '/invites/{}/revoke' },
    { method: 'POST', as: 'member', path: '/account/tokens/{}/revoke' },
    { method: 'POST', as: 'steward', path: '/stewards/members/{}/approve' },
    { method: 'POST', as: 'steward', path: '/stewards/members/{}/suspend', fields: { reason: 'A reason' } },
    {
      method: 'POST',
      as: 'steward',
      path: `/stewards/members/${box.stewardHandle}/{}`,
      fields: { reason: 'A reason' },
    },
    { method: 'POST', as: 'steward', path: '/stewards/places/{}/delete' },
    { method: 'POST', as: 'steward', path: '/stewards/siblings/{}/remove' },
    { method: 'GET', as: 'member', path: '/groups/{}' },
    { method: 'GET', as: 'member', path: '/groups/{}/edit' },
    { method: 'GET', as: 'member', path: '/groups/new?parent={}' },
    { method: 'POST', as: 'member', path: '/groups/new?parent={}', fields: groupFields() },
    ...['edit', 'delete', 'join', 'request', 'leave', 'invite'].map(
      (action): PathCase => ({
        method: 'POST',
        as: 'member',
        path: `/groups/{}/${action}`,
        fields: { ...groupFields(), handle: 'x' },
      }),
    ),
    ...['members/{}/role', 'members/{}/remove', 'requests/{}/approve', 'requests/{}/decline'].map(
      (rest): PathCase => ({
        method: 'POST',
        as: 'member',
        path: `/groups/${slug}/${rest}`,
        fields: { role: 'admin' },
      }),
    ),
    { method: 'GET', as: 'member', path: '/ledger/transfers/{}' },
    ...['accept', 'decline', 'reverse', 'feedback'].map(
      (action): PathCase => ({
        method: 'POST',
        as: 'member',
        path: `/ledger/transfers/{}/${action}`,
        fields: { rating: 'positive', comment: '' },
      }),
    ),
    { method: 'POST', as: 'steward', path: '/ledger/transfers/{}/steward-reverse', fields: { reason: 'A reason' } },
    { method: 'GET', as: 'member', path: '/ledger/statement/{}' },
    { method: 'GET', as: 'member', path: '/ledger/statement/{}/csv' },
    ...[
      '/ledger/funds/{}/statement/DHR',
      '/ledger/funds/{}/statement/DHR/csv',
      '/ledger/funds/community/statement/{}',
      '/ledger/funds/community/statement/{}/csv',
    ].map((path): PathCase => ({ method: 'GET', as: 'member', path })),
    { method: 'GET', as: 'steward', path: '/stewards/ledger/accounts/{}' },
    {
      method: 'POST',
      as: 'steward',
      path: '/stewards/ledger/accounts/{}/limits',
      fields: { lower_limit: '-1', upper_limit: '1', reason: 'A reason' },
    },
    {
      method: 'POST',
      as: 'steward',
      path: '/stewards/ledger/accounts/{}/freeze',
      fields: { action: 'freeze', reason: 'A reason' },
    },
    ...['/listings/{}', '/listings/{}/photo'].flatMap((path): PathCase[] => [
      { method: 'GET', as: 'member', path },
      { method: 'GET', as: 'visitor', path },
    ]),
    { method: 'GET', as: 'member', path: '/listings/{}/edit' },
    ...['edit', 'renew', 'withdraw', 'done', 'promise', 'release', 'replies'].map(
      (action): PathCase => ({
        method: 'POST',
        as: 'member',
        path: `/listings/{}/${action}`,
        fields: { ...listingFields(), to: 'x', body: 'Hello' },
      }),
    ),
  ];

  it('answers a bad id, handle or slug with a 4xx, escaped, storing nothing', async () => {
    for (const route of cases()) {
      const client = clients.get(route.as)!;
      for (const part of BAD_PATH_PARTS) {
        const path = route.path.replace('{}', part);
        const what = `${route.method} ${route.path} with ${part.slice(0, 40)}`;
        const before = await fingerprint(box);
        const result =
          route.method === 'GET' ? await client.get(path) : await client.postForm(path, route.fields ?? {});
        expect(result.text, what).not.toMatch(/This form has expired/);
        expect(result.status, what).toBeGreaterThanOrEqual(400);
        expect(result.status, what).toBeLessThan(500);
        expect(result.text, what).not.toMatch(RAW_MARKUP);
        expect(result.text, what).not.toMatch(/Something went wrong/);
        expect(await fingerprint(box), what).toEqual(before);
      }
    }
  });

  it('answers the directory search (a GET form) with anything in q and page, escaped', async () => {
    for (const client of [clients.get('visitor')!, clients.get('member')!]) {
      for (const q of [MARKUP, 'x'.repeat(10_000), '%', '_', `'`, '"', '(', '\\', '%00']) {
        for (const page of ['', 'abc', '-1', '1e9', '99999999999', '1.5']) {
          const path = `/members?q=${encodeURIComponent(q)}${page ? `&page=${page}` : ''}`;
          const result = await client.get(path);
          expect(result.status, path.slice(0, 80)).toBe(200);
          expect(result.text, path.slice(0, 80)).not.toMatch(RAW_MARKUP);
        }
      }
      const searched = await client.get(`/members?q=${encodeURIComponent(MARKUP)}`);
      expect(searched.text).toMatch(ESCAPED_MARKUP);
      const repeated = await client.get('/members?q=a&q=b&page=1&page=2');
      expect(repeated.status).toBe(200);
    }
  });

  it('still does the same actions with a good path (the control)', async () => {
    const steward = clients.get('steward')!;
    const pending = await addPendingMember(box);
    expect(
      (await steward.postForm(`/stewards/members/${pending.handle}/approve`, {}, { from: '/stewards' })).status,
    ).toBe(303);
    expect((await steward.get(`/members/${pending.handle}`)).status).toBe(200);
    expect((await clients.get('member')!.get(`/groups/${slug}/edit`)).status).toBe(200);
  });
});

// ---------------------------------------------------------------- the JSON API

interface ApiCase {
  name: string;
  method?: string;
  path: string;
  /** Authorization header: the member's token unless given ('' for none). */
  authorization?: string;
  contentType?: string;
  body?: string;
  status: number;
  code?: string;
  check?: (body: any) => void;
}

/**
 * Bad bodies for the ledger's POSTs (to a member who does not exist, so a body that passed would still store nothing),
 * and bad paths and queries.
 */
function ledgerApiCases(): ApiCase[] {
  const json = (body: unknown) => ({ method: 'POST', contentType: 'application/json', body: JSON.stringify(body) });
  const good = { to: 'nobody-has-this', amount: '1:30', currency: 'DHR', description: 'Bread', idempotency_key: 'k-1' };
  const fieldCase = (name: string, field: string, body: Record<string, unknown>): ApiCase => ({
    name: `payment, ${name}`,
    path: '/api/v1/payments',
    ...json(body),
    status: 422,
    code: 'invalid',
    check: (b) => expect(b.error.fields?.[field]).toMatch(/\w/),
  });
  return [
    fieldCase('to an unknown member', 'to', good),
    ...['to', 'amount', 'currency', 'description', 'idempotency_key'].map((field) => {
      const { [field as keyof typeof good]: _omitted, ...rest } = good;
      return fieldCase(`without ${field}`, field, rest);
    }),
    ...[
      ['abc'],
      { a: 1 },
      true,
      null,
      -5,
      0,
      1.5,
      // biome-ignore lint/correctness/noPrecisionLoss: a JSON number that overflows to Infinity is the point
      1e999,
      'NaN',
      '1e3',
      '１２',
      '1:60',
      '0.001',
      '99999999999',
      MARKUP,
      'x'.repeat(5000),
    ].map((amount) => fieldCase(`amount ${JSON.stringify(amount)?.slice(0, 20)}`, 'amount', { ...good, amount })),
    fieldCase('unknown currency', 'currency', { ...good, currency: 'NOPE' }),
    fieldCase('currency as a list', 'currency', { ...good, currency: ['DHR'] }),
    fieldCase('description of 10 kB', 'description', { ...good, description: 'x'.repeat(10_000) }),
    fieldCase('listing_id not a uuid', 'listing_id', { ...good, listing_id: MARKUP }),
    fieldCase('idempotency_key as a number', 'idempotency_key', { ...good, idempotency_key: 12 }),
    {
      name: 'payment request from an unknown member',
      path: '/api/v1/payment-requests',
      ...json({ ...good, to: undefined, from: 'nobody-has-this' }),
      status: 422,
      code: 'invalid',
      check: (b) => expect(b.error.fields.from).toMatch(/\w/),
    },
    {
      name: 'payment request with "to"',
      path: '/api/v1/payment-requests',
      ...json(good),
      status: 422,
      code: 'invalid',
      check: (b) => expect(b.error.fields.from).toMatch(/\w/),
    },
    ...['group:nobody-has-this', 'group:', `GROUP:${MARKUP}`, 'group:community/../x', `group:${'x'.repeat(100)}`].map(
      (to) => fieldCase(`to the fund ${to.slice(0, 20)}`, 'to', { ...good, to }),
    ),
    {
      name: 'payment request from an unknown fund',
      path: '/api/v1/payment-requests',
      ...json({ ...good, to: undefined, from: 'group:nobody-has-this' }),
      status: 422,
      code: 'invalid',
      check: (b) => expect(b.error.fields.from).toMatch(/\w/),
    },
    ...['nobody-has-this', MARKUP].map((as_group) =>
      fieldCase(`from the fund of ${as_group.slice(0, 20)}`, 'as_group', { ...good, as_group }),
    ),
    ...[12, ['community'], { slug: 'community' }].map((as_group) =>
      fieldCase(`as_group ${JSON.stringify(as_group)}`, 'as_group', { ...good, as_group }),
    ),
    {
      name: 'payment as a JSON array',
      path: '/api/v1/payments',
      method: 'POST',
      contentType: 'application/json',
      body: '[1, 2]',
      status: 422,
      code: 'invalid',
    },
    {
      name: 'payment as a form',
      path: '/api/v1/payments',
      method: 'POST',
      contentType: 'application/x-www-form-urlencoded',
      body: 'to=x&amount=1',
      status: 422,
      code: 'invalid',
    },
    {
      name: 'payment without a token',
      path: '/api/v1/payments',
      ...json(good),
      authorization: '',
      status: 401,
      code: 'unauthenticated',
    },
    ...[encodeURIComponent(MARKUP), 'not-a-uuid', '00000000-0000-4000-8000-000000000000', 'x'.repeat(3000)].flatMap(
      (id): ApiCase[] =>
        ['accept', 'decline'].map((action) => ({
          name: `${action} transfer ${id.slice(0, 20)}`,
          method: 'POST',
          path: `/api/v1/transfers/${id}/${action}`,
          status: 404,
          code: 'not_found',
        })),
    ),
    {
      name: 'transfer, unknown action',
      method: 'POST',
      path: '/api/v1/transfers/00000000-0000-4000-8000-000000000000/approve',
      status: 404,
      code: 'not_found',
    },
    { name: 'accounts', path: '/api/v1/accounts', status: 200, check: (b) => expect(b.accounts).toEqual([]) },
    {
      name: 'statement',
      path: '/api/v1/accounts/DHR/statement',
      status: 200,
      check: (b) => expect(b.entries).toEqual([]),
    },
    ...['yesterday', MARKUP, '2026-13-45', '1e9', 'x'.repeat(100)].map(
      (since): ApiCase => ({
        name: `statement since ${since.slice(0, 20)}`,
        path: `/api/v1/accounts/DHR/statement?since=${encodeURIComponent(since)}`,
        status: 422,
        code: 'invalid',
        check: (b) => expect(b.error.fields.since).toMatch(/\w/),
      }),
    ),
    {
      name: 'statement since twice',
      path: '/api/v1/accounts/DHR/statement?since=2026-01-01&since=2026-02-01',
      status: 422,
      code: 'invalid',
    },
    {
      name: 'statement of the community fund',
      path: '/api/v1/accounts/DHR/statement?as_group=community',
      status: 200,
      check: (b) => expect(b.entries).toEqual([]),
    },
    ...['nobody-has-this', MARKUP, '..%2Fcommunity', 'x'.repeat(100)].map(
      (slug): ApiCase => ({
        name: `statement of the fund of ${slug.slice(0, 20)}`,
        path: `/api/v1/accounts/DHR/statement?as_group=${encodeURIComponent(slug)}`,
        status: slug.length > 80 ? 422 : 404,
        code: slug.length > 80 ? 'invalid' : 'not_found',
      }),
    ),
    {
      name: 'statement as_group twice',
      path: '/api/v1/accounts/DHR/statement?as_group=community&as_group=x',
      status: 422,
      code: 'invalid',
      check: (b) => expect(b.error.fields.as_group).toMatch(/\w/),
    },
    ...[encodeURIComponent(MARKUP), 'NOPE', 'x'.repeat(3000), '%00'].map(
      (code): ApiCase => ({
        name: `statement of ${code.slice(0, 20)}`,
        path: `/api/v1/accounts/${code}/statement`,
        status: 404,
        code: 'not_found',
      }),
    ),
    { name: 'PUT a payment', method: 'PUT', path: '/api/v1/payments', status: 405, code: 'method_not_allowed' },
    {
      name: 'POST accounts',
      method: 'POST',
      path: '/api/v1/accounts',
      contentType: 'application/json',
      body: '{}',
      status: 405,
      code: 'method_not_allowed',
    },
  ];
}

describe('JSON API', () => {
  let box: Box;
  let token = '';

  beforeAll(async () => {
    box = await startSetUpBox();
    const member = await addActiveMember(box);
    token = await createApiToken(box.database.db, member.id, 'bad input', box.clock.now());
  });
  afterAll(() => box.close());

  const invalid = (field: string) => (body: any) => expect(body.error.fields?.[field]).toMatch(/\w/);
  const none = (body: any) => {
    expect(body.members).toEqual([]);
    expect(body.total).toBe(0);
  };
  const members = (q: string, check: (body: any) => void = none): ApiCase => ({
    name: `q=${q.slice(0, 30)}`,
    path: `/api/v1/members?q=${encodeURIComponent(q)}`,
    status: 200,
    check,
  });

  const cases: ApiCase[] = [
    // Controls: the same requests, well formed.
    { name: 'me', path: '/api/v1/me', status: 200, check: (body) => expect(body.member.handle).toMatch(/\w/) },
    {
      name: 'groups',
      path: '/api/v1/groups',
      status: 200,
      check: (body) => expect(body.groups.length).toBeGreaterThan(0),
    },
    members('Sam', (body) => expect(body.total).toBe(1)),
    { name: 'page 2', path: '/api/v1/members?page=2', status: 200, check: (body) => expect(body.page).toBe(2) },

    // Searches are text, never SQL or patterns: quotes, wildcards and brackets match themselves (nobody here has them).
    {
      name: 'q of 10 kB',
      path: `/api/v1/members?q=${'x'.repeat(10_000)}`,
      status: 422,
      code: 'invalid',
      check: invalid('q'),
    },
    members(`'`),
    members(`"`),
    members(`' OR '1'='1`),
    members(`"); DROP TABLE members; --`),
    members('%'),
    members('_'),
    members('%%'),
    members('*'),
    members('a*'),
    members('\\'),
    members('\\%'),
    members('('),
    members(')'),
    members('((a'),
    members('a))'),
    members('NEAR(a b'),
    members('a OR'),
    members('-'),
    members('^'),
    { name: 'q twice', path: '/api/v1/members?q=a&q=b', status: 422, code: 'invalid', check: invalid('q') },
    { name: 'q with control characters', path: '/api/v1/members?q=%00%01', status: 200 },
    { name: 'page=abc', path: '/api/v1/members?page=abc', status: 422, code: 'invalid', check: invalid('page') },
    { name: 'page=-1', path: '/api/v1/members?page=-1', status: 422, code: 'invalid', check: invalid('page') },
    { name: 'page=0', path: '/api/v1/members?page=0', status: 422, code: 'invalid', check: invalid('page') },
    { name: 'page=1e9', path: '/api/v1/members?page=1e9', status: 422, code: 'invalid', check: invalid('page') },
    {
      name: 'page=1000000000',
      path: '/api/v1/members?page=1000000000',
      status: 422,
      code: 'invalid',
      check: invalid('page'),
    },
    { name: 'page=1.5', path: '/api/v1/members?page=1.5', status: 422, code: 'invalid', check: invalid('page') },
    { name: 'page empty', path: '/api/v1/members?page=', status: 422, code: 'invalid', check: invalid('page') },
    { name: 'page twice', path: '/api/v1/members?page=1&page=2', status: 422, code: 'invalid', check: invalid('page') },
    {
      name: 'page far beyond the end',
      path: '/api/v1/members?page=10000',
      status: 200,
      check: (body) => expect(body.members).toEqual([]),
    },

    // Handles that are not handles.
    ...[
      encodeURIComponent(MARKUP),
      '..%2F..%2Fme',
      '..%2Fgroups',
      '%00',
      '%E0%A4%A',
      '%',
      'x'.repeat(3000),
      `sam'--`,
    ].map(
      (handle): ApiCase => ({
        name: `handle ${handle.slice(0, 30)}`,
        path: `/api/v1/members/${handle}`,
        status: 404,
        code: 'not_found',
      }),
    ),
    { name: 'unknown path', path: '/api/v1/nothing-here', status: 404, code: 'not_found' },

    // Authorization headers that are not a token of ours.
    { name: 'no token, for me', path: '/api/v1/me', authorization: '', status: 401, code: 'unauthenticated' },
    ...[
      'Bearer',
      'Bearer ',
      'Bearer a b',
      'Basic dXNlcjpwYXNz',
      'Token abc',
      `Bearer ${'x'.repeat(8_000)}`,
      `Bearer mcx_${'A'.repeat(43)}`,
      'Bearer <script>',
      'bearer',
      `Bearer ${'x'.repeat(12_000)}`,
    ].map(
      (authorization): ApiCase => ({
        name: `Authorization ${authorization.slice(0, 30)}`,
        path: '/api/v1/members',
        authorization,
        status: 401,
        code: 'invalid_token',
      }),
    ),

    // Bodies: every endpoint is read-only, but a body is parsed before that is known.
    {
      name: 'POST with malformed JSON',
      method: 'POST',
      path: '/api/v1/me',
      contentType: 'application/json',
      body: '{"name": ',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'POST with a JSON body over 64 kB',
      method: 'POST',
      path: '/api/v1/me',
      contentType: 'application/json',
      body: JSON.stringify({ x: 'x'.repeat(70_000) }),
      status: 413,
      code: 'too_large',
      check: (body) => expect(body.error.message).toMatch(/too large/),
    },
    {
      name: 'POST with a form body over 64 kB',
      method: 'POST',
      path: '/api/v1/members',
      contentType: 'application/x-www-form-urlencoded',
      body: `x=${'x'.repeat(70_000)}`,
      status: 413,
      code: 'too_large',
    },
    {
      name: 'POST with deeply nested JSON',
      method: 'POST',
      path: '/api/v1/groups',
      contentType: 'application/json',
      body: '['.repeat(5_000) + ']'.repeat(5_000),
      status: 405,
      code: 'method_not_allowed',
    },
    {
      name: 'POST with valid JSON',
      method: 'POST',
      path: '/api/v1/groups',
      contentType: 'application/json',
      body: '{"name": "x"}',
      status: 405,
      code: 'method_not_allowed',
    },
    {
      name: 'POST with plain text',
      method: 'POST',
      path: '/api/v1/members',
      contentType: 'text/plain',
      body: 'hello',
      status: 405,
      code: 'method_not_allowed',
    },
    { name: 'DELETE a member', method: 'DELETE', path: '/api/v1/members/sam', status: 405, code: 'method_not_allowed' },
    // Listings
    { name: 'listings', path: '/api/v1/listings', status: 200, check: (body) => expect(body.listings).toEqual([]) },
    {
      name: 'listings near a point',
      path: '/api/v1/listings?lat=52.37&lon=1.1&radius_km=10&q=bike&kind=offer&category=goods&limit=5&offset=5',
      status: 200,
    },
    ...['"', '*', 'NEAR(a b)', '((', 'a OR', '"unbalanced', MARKUP, 'x'.repeat(10_000)].map(
      (q): ApiCase => ({
        name: `listings q=${q.slice(0, 20)}`,
        path: `/api/v1/listings?q=${encodeURIComponent(q)}`,
        status: 200,
      }),
    ),
    ...[
      ['lat', 'lat=abc&lon=1'],
      ['lat', 'lat=91&lon=1'],
      ['lat', 'lat=52'],
      ['lon', 'lat=52&lon=181'],
      ['radius_km', 'radius_km=0'],
      ['radius_km', 'radius_km=-5'],
      ['radius_km', 'radius_km=abc'],
      ['radius_km', 'radius_km=1e9'],
      ['limit', 'limit=0'],
      ['limit', 'limit=101'],
      ['limit', 'limit=abc'],
      ['offset', 'offset=-1'],
      ['offset', 'offset=1.5'],
      ['kind', 'kind=swap'],
      ['category', 'category=cars'],
      ['q', 'q=a&q=b'],
      ['lat', 'lat=1&lat=2&lon=1'],
    ].map(
      ([field, query]): ApiCase => ({
        name: `listings ${query!.slice(0, 30)}`,
        path: `/api/v1/listings?${query}`,
        status: 422,
        code: 'invalid',
        check: invalid(field!),
      }),
    ),
    {
      name: 'post a listing',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'API bench', category: 'goods', terms: 'free' }),
      status: 201,
      check: (body) => expect(body.listing.title).toBe('API bench'),
    },
    {
      name: 'post a listing without a token',
      method: 'POST',
      path: '/api/v1/listings',
      authorization: '',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'x', category: 'goods', terms: 'free' }),
      status: 401,
      code: 'unauthenticated',
    },
    {
      name: 'post a listing, no title',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', category: 'goods', terms: 'free' }),
      status: 422,
      code: 'invalid',
      check: invalid('title'),
    },
    {
      name: 'post a listing, markup title too long',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: MARKUP.repeat(5), category: 'goods', terms: 'free' }),
      status: 422,
      code: 'invalid',
      check: invalid('title'),
    },
    {
      name: 'post a listing, price without amount',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'x', category: 'goods', terms: 'price', price_currency: 'DHR' }),
      status: 422,
      code: 'invalid',
      check: invalid('price_amount'),
    },
    {
      name: 'post a listing, unknown currency',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({
        kind: 'offer',
        title: 'x',
        category: 'goods',
        terms: 'price',
        price_amount: '1:30',
        price_currency: 'NOPE',
      }),
      status: 422,
      code: 'invalid',
      check: invalid('price_currency'),
    },
    {
      name: 'post a listing, regional not a boolean',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'x', category: 'goods', terms: 'free', regional: 'perhaps' }),
      status: 422,
      code: 'invalid',
      check: invalid('regional'),
    },
    {
      name: 'post a listing, bad location',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({
        kind: 'offer',
        title: 'x',
        category: 'goods',
        terms: 'free',
        location: { lat: 'x', lon: 1 },
      }),
      status: 422,
      code: 'invalid',
      check: invalid('location'),
    },
    {
      name: 'post a listing, location a string',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'x', category: 'goods', terms: 'free', location: 'Diss' }),
      status: 422,
      code: 'invalid',
      check: invalid('location'),
    },
    {
      name: 'post a listing, a group not mine',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: JSON.stringify({ kind: 'offer', title: 'x', category: 'goods', terms: 'free', visibility: 'group:1' }),
      status: 422,
      code: 'invalid',
      check: invalid('visibility'),
    },
    {
      name: 'post a listing as a JSON array',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/json',
      body: '[1, 2]',
      status: 400,
      code: 'bad_request',
    },
    {
      name: 'post a listing as a form',
      method: 'POST',
      path: '/api/v1/listings',
      contentType: 'application/x-www-form-urlencoded',
      body: 'kind=offer',
      status: 422,
      code: 'invalid',
    },
    {
      name: 'post to a bad listing id',
      method: 'POST',
      path: '/api/v1/listings/not-a-uuid',
      contentType: 'application/json',
      body: '{}',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'get an unknown listing',
      path: '/api/v1/listings/00000000-0000-4000-8000-000000000000',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'get a listing by a bad id',
      path: `/api/v1/listings/${encodeURIComponent(MARKUP)}`,
      status: 404,
      code: 'not_found',
    },
    {
      name: 'patch an unknown listing',
      method: 'PATCH',
      path: '/api/v1/listings/00000000-0000-4000-8000-000000000000',
      contentType: 'application/json',
      body: '{"title": "x"}',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'delete an unknown listing',
      method: 'DELETE',
      path: '/api/v1/listings/00000000-0000-4000-8000-000000000000',
      status: 404,
      code: 'not_found',
    },
    {
      name: 'delete without a token',
      method: 'DELETE',
      path: '/api/v1/listings/00000000-0000-4000-8000-000000000000',
      authorization: '',
      status: 401,
      code: 'unauthenticated',
    },
    {
      name: 'PUT a listing',
      method: 'PUT',
      path: '/api/v1/listings/00000000-0000-4000-8000-000000000000',
      contentType: 'application/json',
      body: '{}',
      status: 405,
      code: 'method_not_allowed',
    },
    {
      name: 'DELETE all listings',
      method: 'DELETE',
      path: '/api/v1/listings',
      status: 405,
      code: 'method_not_allowed',
    },

    // The ledger: payments, requests, decisions and statements.
    ...ledgerApiCases(),
  ];

  // Node refuses a request whose headers pass 16 kB before koa sees it; the box still answers in the error shape.
  it.each([
    ['Authorization header', '/api/v1/me', { authorization: `Bearer ${'x'.repeat(20_000)}` }],
    ['query string', `/api/v1/members?q=${'x'.repeat(20_000)}`, {}],
  ])('a %s over 16 kB is refused with 431', async (_what, path, headers) => {
    const response = await box.client().request('GET', path, { headers });
    expect(response.status).toBe(431);
    expect(await response.json()).toEqual({
      error: { code: 'headers_too_large', message: expect.stringContaining('too large') },
    });
  });

  // A person's search pasted 10 kB long (quotes and accents triple in the address) gets a page, not JSON or a dropped
  // connection.
  it.each([
    ['quotes', '"'.repeat(10_000)],
    ['accented letters', 'é'.repeat(5_000)],
  ])('a search of 10 kB of %s, too long an address, is answered with a page that leads back', async (_what, q) => {
    const response = await box
      .client()
      .request('GET', `/listings?${new URLSearchParams({ q, radius: '10' }).toString()}`);
    expect(response.status).toBe(431);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const page = await response.text();
    expect(page).toContain('only the first 200 characters of a search are used');
    expect(page).toContain('<a href="/listings">');
    // The form itself never sends more than the search uses.
    expect(await (await box.client().request('GET', '/listings')).text()).toMatch(
      /<input id="f-q"[^>]* maxlength="200"/,
    );
  });

  it.each(cases)('$name → $status', async (apiCase) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    const authorization = apiCase.authorization ?? `Bearer ${token}`;
    if (authorization) headers.authorization = authorization;
    if (apiCase.contentType) headers['content-type'] = apiCase.contentType;
    const response = await box.client().request(apiCase.method ?? 'GET', apiCase.path, { headers, body: apiCase.body });
    const text = await response.text();
    expect(response.status, text.slice(0, 500)).toBe(apiCase.status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(text).not.toMatch(RAW_MARKUP);
    const body = JSON.parse(text);
    if (apiCase.status >= 400) {
      expect(Object.keys(body)).toEqual(['error']);
      expect(typeof body.error.code).toBe('string');
      expect(body.error.message).toMatch(/\w/);
      if (apiCase.code) expect(body.error.code).toBe(apiCase.code);
    }
    apiCase.check?.(body);
  });
});
