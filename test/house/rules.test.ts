import { describe, expect, it } from 'vitest';
import { compare, toRatchet } from './ratchet.js';
import { checkSource, type Rule } from './rules.js';

/** The house-rules checker itself, on small sources: it finds what it should, and only that. */

const found = (rule: Rule, file: string, text: string) =>
  checkSource(file, text)
    .filter((v) => v.rule === rule)
    .map((v) => v.message);
const lines = (count: number, line = 'x;') => `${Array.from({ length: count }, () => line).join('\n')}\n`;
const body = (count: number) => Array.from({ length: count - 2 }, () => '  work();').join('\n');

describe('house rules: lengths', () => {
  it('counts a file’s lines', () => {
    expect(found('file-lines', 'src/a.ts', lines(400))).toEqual([]);
    expect(found('file-lines', 'src/a.ts', lines(401))).toEqual(['src/a.ts:1 has 401 lines (at most 400)']);
  });

  it('counts a function’s lines, naming it by what it is declared as, assigned to or passed to', () => {
    const text = [
      `function ok() {\n${body(80)}\n}`,
      `function long() {\n${body(81)}\n}`,
      `const arrow = () => {\n${body(81)}\n};`,
      `router.get('/ledger', async (ctx) => {\n${body(81)}\n});`,
      `class Box {\n  start() {\n${body(81)}\n  }\n}`,
    ].join('\n');
    expect(found('function-lines', 'src/a.ts', text)).toEqual([
      'src/a.ts:81 function long is 81 lines long (at most 80)',
      'src/a.ts:162 function arrow is 81 lines long (at most 80)',
      "src/a.ts:243 function router.get('/ledger') is 81 lines long (at most 80)",
      'src/a.ts:325 function Box.start is 81 lines long (at most 80)',
    ]);
  });

  it('measures lines in characters, sparing a catalogue’s one-sentence pairs', () => {
    const long = `const a = '${'é'.repeat(120)}';`;
    expect(found('line-length', 'src/a.ts', `${'x'.repeat(120)}\n`)).toEqual([]);
    expect(found('line-length', 'src/a.ts', `${long}\n`)).toEqual(['src/a.ts:1 is 133 characters long (at most 120)']);
    const pair = `  'pay.title': '${'word '.repeat(30)}',\n`;
    expect(found('line-length', 'src/ledger/messages/en.ts', pair)).toEqual([]);
    expect(found('line-length', 'src/ledger/messages/en.ts', `${long}\n`)).toHaveLength(1);
    expect(found('line-length', 'src/ledger/ledger.ts', pair)).toHaveLength(1);
  });
});

describe('house rules: SQL outside *.queries.ts', () => {
  const sql = [
    'const a = await sql`SELECT 1`.execute(db);',
    "const b = db.selectFrom('members').selectAll();",
    "db.prepare('SELECT 1').get(); sqlite.pragma('foreign_keys = ON');",
    "copy.exec('DROP TABLE backup_manifest');",
    'const c = sql.raw(text);',
    'const rows = db.prepare(query).all();',
  ].join('\n');

  it('finds kysely’s template and builders and better-sqlite3’s statements, once a line', () => {
    expect(found('sql-outside-queries', 'src/a.ts', sql)).toEqual([
      'src/a.ts:1 has SQL (sql`…`) outside a *.queries.ts file',
      'src/a.ts:2 has SQL (.selectFrom(…)) outside a *.queries.ts file',
      'src/a.ts:3 has SQL (.prepare(…)) outside a *.queries.ts file',
      'src/a.ts:4 has SQL (.exec(…)) outside a *.queries.ts file',
      'src/a.ts:5 has SQL (sql.raw(…)) outside a *.queries.ts file',
      'src/a.ts:6 has SQL (.prepare(…)) outside a *.queries.ts file',
    ]);
  });

  it('leaves *.queries.ts, src/db/, comments, strings and a RegExp’s exec alone', () => {
    expect(found('sql-outside-queries', 'src/members/members.queries.ts', sql)).toEqual([]);
    expect(found('sql-outside-queries', 'src/db/open.ts', sql)).toEqual([]);
    const innocent = [
      "// db.selectFrom('x')",
      "const s = 'SELECT * FROM members';",
      'const m = /a/.exec(text);',
      'await spec.prepare?.(context);',
    ].join('\n');
    expect(found('sql-outside-queries', 'src/a.ts', innocent)).toEqual([]);
  });
});

describe('house rules: imports of src/http', () => {
  const imports = [
    "import { render } from '../http/render.js';",
    "import type { AppContext } from '../http/context.js';",
    "export { csrf } from '../http/csrf.js';",
    "const m = await import('../http/flash.js');",
    "import { x } from '../lib/errors.js';",
  ].join('\n');

  it('finds every kind of import from a file that may not', () => {
    expect(found('http-import', 'src/ledger/ledger.ts', imports)).toEqual([
      'src/ledger/ledger.ts:1 imports src/http/render.ts (only src/http, routes, APIs and the app may)',
      'src/ledger/ledger.ts:2 imports src/http/context.ts (only src/http, routes, APIs and the app may)',
      'src/ledger/ledger.ts:3 imports src/http/csrf.ts (only src/http, routes, APIs and the app may)',
      'src/ledger/ledger.ts:4 imports src/http/flash.ts (only src/http, routes, APIs and the app may)',
    ]);
    expect(found('http-import', 'test/ledger/a.test.ts', "import '../../src/http/render.js';")).toHaveLength(1);
  });

  it('lets src/http, routes, APIs, the app and the tests of src/http import it', () => {
    for (const file of ['src/http/a.ts', 'src/ledger/ledger.routes.ts', 'src/ledger/ledger.api.ts', 'src/app.ts'])
      expect(found('http-import', file, imports), file).toEqual([]);
    expect(found('http-import', 'test/http/flash.test.ts', "import '../../src/http/flash.js';")).toEqual([]);
  });
});

describe('house rules: the ratchet', () => {
  const violations = checkSource('src/a.ts', `${'x'.repeat(121)}\n${'y'.repeat(121)}\n`);

  it('passes what is recorded, and fails what is new or fixed', () => {
    const known = toRatchet(violations);
    expect(compare('line-length', violations, known)).toEqual({ added: [], fixed: [] });
    expect(compare('line-length', violations.slice(1), known).fixed).toEqual(['src/a.ts: recorded 2, now 1']);
    expect(compare('line-length', violations, toRatchet(violations.slice(1))).added).toHaveLength(2);
  });
});
