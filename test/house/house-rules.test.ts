import fs from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { compare, type Ratchet, summary, toRatchet } from './ratchet.js';
import { checkTree, RULES, type Violation } from './rules.js';

/**
 * The house rules (test/house/rules.ts says what each one measures and why) over src/, sync/ and test/, held to the
 * violations recorded in known-violations.json, which may only shrink: a new violation fails, and so does a fixed
 * one until it is removed from the list. After fixing some, regenerate the list (it prints counts per folder) with
 *
 *   HOUSE_RULES_WRITE=1 npx vitest run --config test/vitest.config.ts test/house/house-rules.test.ts
 *
 * and commit the smaller file. Never regenerate it to let a new violation in: fix the code instead.
 */

const ROOT = new URL('../..', import.meta.url).pathname;
const KNOWN = new URL('./known-violations.json', import.meta.url);

describe('house rules', () => {
  let violations: Violation[];
  let known: Ratchet;

  beforeAll(() => {
    violations = checkTree(ROOT);
    if (process.env.HOUSE_RULES_WRITE) {
      fs.writeFileSync(KNOWN, `${JSON.stringify(toRatchet(violations), null, 2)}\n`);
      console.log(summary(violations));
    }
    known = JSON.parse(fs.readFileSync(KNOWN, 'utf8'));
  });

  for (const rule of RULES) {
    it(`${rule}: no violation beyond those recorded in known-violations.json`, () => {
      const { added } = compare(rule, violations, known);
      expect(
        added.map((v) => v.message),
        'new violations (one of each group listed is new): fix them',
      ).toEqual([]);
    });

    it(`${rule}: every recorded violation is still there (remove fixed ones from the list)`, () => {
      const { fixed } = compare(rule, violations, known);
      expect(fixed, 'fixed: regenerate known-violations.json (see the top of this file)').toEqual([]);
    });
  }
});
