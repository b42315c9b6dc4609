import { RULES, type Rule, type Violation } from './rules.js';

/**
 * The ratchet: the violations the codebase is known to have, as counts per rule and key (a file, or a function or an
 * import in it), so that moving lines about changes nothing. It may only shrink: a key counted more often than
 * recorded is a new violation, and one counted less often is a fix that must be recorded, so the list stays true.
 */
export type Ratchet = Record<Rule, Record<string, number>>;

export function toRatchet(violations: Violation[]): Ratchet {
  const ratchet = Object.fromEntries(RULES.map((rule) => [rule, {}])) as Ratchet;
  for (const { rule, key } of violations) ratchet[rule][key] = (ratchet[rule][key] ?? 0) + 1;
  for (const rule of RULES) {
    ratchet[rule] = Object.fromEntries(Object.entries(ratchet[rule]).sort(([a], [b]) => (a < b ? -1 : 1)));
  }
  return ratchet;
}

export interface Difference {
  /** The violations under each key now counted more often than recorded (all of them: which one is new is unknown). */
  added: Violation[];
  /** Keys counted less often than recorded: recorded count → current count. */
  fixed: string[];
}

export function compare(rule: Rule, violations: Violation[], known: Ratchet): Difference {
  const current = toRatchet(violations)[rule];
  const recorded = known[rule] ?? {};
  const added = violations.filter((v) => v.rule === rule && (current[v.key] ?? 0) > (recorded[v.key] ?? 0));
  const fixed = Object.entries(recorded)
    .filter(([key, count]) => (current[key] ?? 0) < count)
    .map(([key, count]) => `${key}: recorded ${count}, now ${current[key] ?? 0}`);
  return { added, fixed };
}

/** Counts per rule and folder (the first two parts of the path: `src/ledger`, `test/listings`, `sync/store.ts`). */
export function summary(violations: Violation[]): string {
  const lines: string[] = [];
  for (const rule of RULES) {
    const ofRule = violations.filter((v) => v.rule === rule);
    lines.push(`${rule}: ${ofRule.length}`);
    const byFolder = new Map<string, number>();
    for (const { file } of ofRule) {
      const folder = file.split('/').slice(0, 2).join('/');
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + 1);
    }
    for (const [folder, count] of [...byFolder].sort(([a], [b]) => (a < b ? -1 : 1))) {
      lines.push(`  ${folder}: ${count}`);
    }
  }
  return lines.join('\n');
}
