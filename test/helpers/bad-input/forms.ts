import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox } from '../box.js';
import type { HttpClient } from '../client.js';
import {
  accepted,
  type Box,
  clientAs,
  csrfOf,
  ESCAPED_MARKUP,
  expectRefusedClearly,
  type Fields,
  MARKUP,
  type Me,
  NOT_NUMBERS,
  postJson,
  RAW_MARKUP,
  type Viewer,
} from './shared.js';
import { fingerprint } from './state.queries.js';

/**
 * The form runner: every form of every feature gets the same cases (missing
 * fields, wrong types, Object.prototype keys, oversized values, numbers that
 * are not numbers, values that are no choice, an oversized body, markup) and
 * the control that its valid submission is accepted. No response may be a
 * 500; each says what is wrong; nothing is stored half-done; markup comes back
 * escaped.
 */

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

export interface FormSpec {
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

type Result = { status: number; text: string };

/** One form's box, browser and target, set up by the hooks of its `describe`. */
interface FormRun {
  readonly box: Box;
  readonly target: Target;
  readonly client: HttpClient;
  steward(): Promise<HttpClient>;
  submit(fields: Record<string, string | string[]>): Promise<Result & { location: string | null }>;
  /** One refused request: prepared, sent, and proved to have stored nothing. */
  refusedCase(what: string, send: () => Promise<Result>, extra?: (result: Result) => void): Promise<Result>;
}

/** A case that does not apply to a form (no text fields, say) is not registered at all, rather than skipped. */
const itNotApplicable = (_name: string, _test: () => Promise<void>) => {};
const itIf = (applies: boolean) => (applies ? it : itNotApplicable);

/** Registers every case for one form, in its own box. */
export function formCases(spec: FormSpec): void {
  describe(`form: ${spec.name}`, () => {
    const run = formRun(spec);
    itRefusesMissingFields(spec, run);
    itRefusesWrongTypes(spec, run);
    itSurvivesPrototypeKeys(spec, run);
    itRefusesValues(spec, run);
    itRefusesOversizedBody(run);
    itEscapesMarkup(spec, run);
    /** The control: the valid submission is accepted, so the refusals above were about the bad input alone. */
    it('accepts the valid submission', async () => {
      await run.target.beforeCase?.();
      const result = await run.submit(run.target.valid());
      expect(accepted(result.status), `${result.status}: ${result.text.slice(0, 2000)}`).toBe(true);
      expect(result.text).not.toMatch(/field-error/);
    });
  });
}

function formRun(spec: FormSpec): FormRun {
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
  return {
    get box() {
      return box;
    },
    get target() {
      return target;
    },
    get client() {
      return client;
    },
    steward,
    submit: (fields) => client.postForm(target.action, fields, { from: target.from }),
    async refusedCase(what, send, extra) {
      await target.beforeCase?.();
      const before = await fingerprint(box);
      const result = await send();
      // A refusal for a missing CSRF token would prove nothing about the input.
      expect(result.text, `${what}: refused for its CSRF token`).not.toMatch(/This form has expired/);
      extra?.(result);
      expect(await fingerprint(box), `${what}: stored something`).toEqual(before);
      return result;
    },
  };
}

function itRefusesMissingFields(spec: FormSpec, run: FormRun): void {
  const title =
    'refuses each missing required field, and submissions that break its own rules, ' +
    'with a message, storing nothing';
  it(title, async () => {
    for (const field of spec.required) {
      await run.refusedCase(
        `without ${field}`,
        async () => {
          const { [field]: _omitted, ...rest } = run.target.valid();
          return run.submit(rest);
        },
        (result) => expectRefusedClearly(result, `without ${field}`),
      );
    }
    const invalid = run.target.alsoInvalid?.() ?? [];
    for (const [i] of invalid.entries()) {
      // Built fresh after `beforeCase`, which may change what is valid.
      await run.refusedCase(
        `rule ${i}`,
        () => run.submit(run.target.alsoInvalid!()[i]!),
        (result) => expectRefusedClearly(result, JSON.stringify(invalid[i])),
      );
    }
  });
}

/** A field sent as a form `field[a]`, as a repeated form field, and as JSON values of the wrong type. */
function wrongShapes(spec: FormSpec, run: FormRun, field: string): [string, () => Promise<Result>][] {
  const jsonShapes: unknown[] = [{ a: 'x' }, ['x', 'y'], true, ...(spec.numbers?.includes(field) ? [] : [12])];
  return [
    [
      'form field[a]',
      async () => {
        const { [field]: value, ...rest } = run.target.valid();
        return run.submit({ ...rest, [`${field}[a]`]: value ?? 'x' });
      },
    ],
    [
      'form list',
      async () => {
        const valid = run.target.valid();
        return run.submit({ ...valid, [field]: [valid[field] ?? 'x', 'y'] });
      },
    ],
    ...jsonShapes.map((shape): [string, () => Promise<Result>] => [
      `JSON ${JSON.stringify(shape)}`,
      () => postJson(run.client, run.target.from, run.target.action, { ...run.target.valid(), [field]: shape }),
    ]),
  ];
}

function itRefusesWrongTypes(spec: FormSpec, run: FormRun): void {
  const title =
    'refuses wrong types (a field sent as a list, an object, a JSON number or boolean) ' + 'with a message, not a 500';
  it(title, async () => {
    for (const field of [...spec.required, ...spec.text, ...(spec.numbers ?? []), ...(spec.choices ?? [])]) {
      for (const [shape, send] of wrongShapes(spec, run, field)) {
        await run.refusedCase(`${field} as ${shape}`, send, (result) => {
          expect(accepted(result.status), `${field} as ${shape} was accepted (${result.status})`).toBe(false);
          expectRefusedClearly(result, `${field} as ${shape}`);
        });
      }
    }
  });
}

function itSurvivesPrototypeKeys(spec: FormSpec, run: FormRun): void {
  it('survives keys that name Object.prototype properties, in a form and in JSON', async () => {
    const { target, client } = run;
    // Without its first required field (when it has one), so the submission is refused and uses nothing up.
    const fields = () => {
      const { [spec.required[0] ?? '']: _omitted, ...rest } = (target.refusedLater ?? target.valid)();
      return rest;
    };
    await target.beforeCase?.();
    const form = await run.submit({
      ...fields(),
      '__proto__[role]': 'steward',
      'constructor[prototype][role]': 'steward',
      hasOwnProperty: 'x',
      toString: 'x',
      valueOf: 'x',
    });
    expect(form.status, form.text.slice(0, 300)).toBeLessThan(500);
    const page = await client.get(target.from);
    // Written out by hand: JSON.stringify would not write a "__proto__" key.
    const prototypeKeys = '"__proto__": {"role": "steward"}, "constructor": {"prototype": {"role": "steward"}}';
    const rest = JSON.stringify({ ...fields(), _csrf: csrfOf(page.text) }).slice(1);
    const json = `{${prototypeKeys}, "hasOwnProperty": "x", "toString": "x", ${rest}`;
    const response = await client.request('POST', target.action, {
      body: json,
      headers: { 'content-type': 'application/json' },
    });
    expect(response.status, (await response.text()).slice(0, 300)).toBeLessThan(500);
    expect(({} as Record<string, unknown>).role).toBeUndefined();
  });
}

/** Oversized text, numbers that are not numbers, and values that are none of the choices. */
function itRefusesValues(spec: FormSpec, run: FormRun): void {
  const numbers = spec.numbers ?? [];
  const choices = spec.choices ?? [];
  itIf(spec.text.length > 0)('refuses oversized values in every text field, storing nothing', async () => {
    for (const field of spec.text) {
      await run.refusedCase(
        `oversized ${field}`,
        () => run.submit({ ...run.target.valid(), [field]: 'x'.repeat(20_000) }),
        (result) => {
          expectRefusedClearly(result, `oversized ${field}`);
          expect(result.status, `oversized ${field}`).toBe(422);
          expect(result.text, `oversized ${field}`).toMatch(spec.tooLong?.[field] ?? /at most/);
        },
      );
    }
  });
  itIf(numbers.length > 0)('refuses numbers that are not numbers, or out of range, storing nothing', async () => {
    for (const field of numbers) {
      for (const value of NOT_NUMBERS) await refusedValue(run, field, value);
    }
  });
  itIf(choices.length > 0)('refuses a value that is none of the choices, storing nothing', async () => {
    for (const field of choices) {
      for (const value of ['not-a-choice', MARKUP, '']) await refusedValue(run, field, value);
    }
  });
}

async function refusedValue(run: FormRun, field: string, value: string): Promise<void> {
  await run.refusedCase(
    `${field}=${value}`,
    () => run.submit({ ...run.target.valid(), [field]: value }),
    (result) => expectRefusedClearly(result, `${field}=${value}`),
  );
}

function itRefusesOversizedBody(run: FormRun): void {
  it('refuses an oversized body with 413', async () => {
    await run.refusedCase(
      'oversized body',
      () => run.submit({ ...run.target.valid(), padding: 'x'.repeat(100_000) }),
      (result) => {
        expect(result.status).toBe(413);
        expect(result.text).toContain('too large');
      },
    );
  });
}

function itEscapesMarkup(spec: FormSpec, run: FormRun): void {
  const notShown = spec.notShown ?? [];
  itIf(spec.text.length > 0)('escapes markup typed into every text field', async () => {
    const { target, client } = run;
    for (const field of spec.text) {
      await target.beforeCase?.();
      const result = await run.submit({ ...(target.refusedLater ?? target.valid)(), [field]: MARKUP });
      expect(result.status, field).toBeLessThan(500);
      const pages = [result.text];
      if (result.location?.startsWith('/')) pages.push((await client.get(result.location)).text);
      for (const path of target.shownAt?.() ?? []) pages.push((await (await run.steward()).get(path)).text);
      for (const page of pages) expect(page, `${field}: markup came back raw`).not.toMatch(RAW_MARKUP);
      if (!notShown.includes(field))
        expect(pages.join('\n'), `${field}: markup was not shown back, escaped`).toMatch(ESCAPED_MARKUP);
    }
  });
}
