import fs from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * The house rules, measured with the TypeScript compiler's parser over src/, sync/ and test/ (src/db/migrations is
 * left out everywhere: migrations are frozen in time and never edited to suit a rule).
 *
 * - file-lines: a file over 400 lines.
 * - function-lines: a function over 80 lines, counted from its first token to its last: declarations, methods,
 *   accessors, constructors, arrow functions and function expressions (so the handlers passed to `router.get/post`,
 *   and the callbacks of `describe`, count too). A function's lines include those of the functions inside it.
 * - line-length: a line over 120 characters (code points), except, in a message catalogue (`messages/*.ts`), a line
 *   that is one `key: 'sentence'` pair, which cannot be wrapped without changing the sentence.
 * - sql-outside-queries: SQL outside a file named `*.queries.ts` or the database plumbing in src/db/. What counts as
 *   SQL is what builds or runs a statement, found in the syntax tree rather than in the text (so a comment or a test's
 *   string mentioning SELECT is no violation):
 *     - kysely's `sql` template (`sql\`…\``) and its helpers (`sql.raw(…)`, `sql.table(…)`, `sql.lit(…)`, …);
 *     - kysely's query and schema builders' entry points: `.selectFrom(`, `.selectNoFrom(`, `.insertInto(`,
 *       `.replaceInto(`, `.updateTable(`, `.deleteFrom(`, `.mergeInto(`, `.createTable(`, `.alterTable(`,
 *       `.dropTable(`, `.createIndex(`, `.dropIndex(`, `.createView(`, `.dropView(`;
 *     - better-sqlite3's `.pragma(…)`; its `.prepare(…)` and `.exec(…)` when their argument is a string that starts
 *       as SQL does (a RegExp's `.exec(text)` is not SQL), and `.prepare(…)` whatever its argument when a statement
 *       method (`.get`, `.all`, `.run`, …) is called on what it returns.
 *   One line counts once, however many of these it holds.
 * - http-import: an import (static, type-only, re-export or dynamic) of src/http/ from a file other than src/http/**,
 *   `*.routes.ts`, `*.api.ts`, src/app.ts and src/routes.ts. The tests of src/http (test/http/**) may import it too.
 */

export const RULES = ['file-lines', 'function-lines', 'line-length', 'sql-outside-queries', 'http-import'] as const;
export type Rule = (typeof RULES)[number];

const LIMITS = { fileLines: 400, functionLines: 80, lineLength: 120 } as const;

export interface Violation {
  rule: Rule;
  /** The file, relative to the repository, with forward slashes. */
  file: string;
  line: number;
  /** What the ratchet counts: the file, and for functions and imports what in it. Stable when lines move. */
  key: string;
  /** `file:line` and the measure, for people. */
  message: string;
}

const ROOTS = ['src', 'sync', 'test'];
const SKIPPED = ['src/db/migrations', 'node_modules', 'dist'];

/** Every TypeScript file the rules apply to, relative to `root`, sorted. */
function filesUnder(root: string): string[] {
  const files: string[] = [];
  const walk = (relative: string) => {
    for (const entry of fs.readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = `${relative}/${entry.name}`;
      if (SKIPPED.some((skipped) => child === skipped || child.endsWith(`/${skipped}`))) continue;
      if (entry.isDirectory()) walk(child);
      else if (/\.[cm]?ts$/.test(entry.name)) files.push(child);
    }
  };
  for (const top of ROOTS) if (fs.existsSync(path.join(root, top))) walk(top);
  return files.sort();
}

/** Every violation in the tree at `root`, sorted by file and line. */
export function checkTree(root: string): Violation[] {
  return filesUnder(root).flatMap((file) => checkSource(file, fs.readFileSync(path.join(root, file), 'utf8')));
}

/** Every violation in one file, given its path (relative to the repository) and text. */
export function checkSource(file: string, text: string): Violation[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const lines = text.split(/\r?\n/);
  if (lines.at(-1) === '') lines.pop();
  const found = [
    ...fileLength(file, lines),
    ...longLines(file, lines),
    ...longFunctions(file, source),
    ...sqlOutsideQueries(file, source),
    ...httpImports(file, source),
  ];
  return found.sort((a, b) => a.line - b.line || a.rule.localeCompare(b.rule));
}

const lineOf = (source: ts.SourceFile, position: number) => source.getLineAndCharacterOfPosition(position).line + 1;

function fileLength(file: string, lines: string[]): Violation[] {
  if (lines.length <= LIMITS.fileLines) return [];
  const message = `${file}:1 has ${lines.length} lines (at most ${LIMITS.fileLines})`;
  return [{ rule: 'file-lines', file, line: 1, key: file, message }];
}

/** One `key: 'sentence',` pair, the key bare or quoted, the sentence in any quotes (a template without `${`). */
const CATALOGUE_PAIR =
  /^\s*(?:[\w$]+|'[^']*'|"[^"]*")\s*:\s*(?:'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\$]|\\.|\$(?!\{))*`)\s*,?\s*$/;
const isCatalogue = (file: string) => /(^|\/)messages\/[^/]+\.ts$/.test(file);

function longLines(file: string, lines: string[]): Violation[] {
  const found: Violation[] = [];
  lines.forEach((text, index) => {
    const length = [...text].length;
    if (length <= LIMITS.lineLength) return;
    if (isCatalogue(file) && CATALOGUE_PAIR.test(text)) return;
    const message = `${file}:${index + 1} is ${length} characters long (at most ${LIMITS.lineLength})`;
    found.push({ rule: 'line-length', file, line: index + 1, key: file, message });
  });
  return found;
}

type FunctionNode =
  | ts.FunctionDeclaration
  | ts.MethodDeclaration
  | ts.ConstructorDeclaration
  | ts.GetAccessorDeclaration
  | ts.SetAccessorDeclaration
  | ts.ArrowFunction
  | ts.FunctionExpression;

function isFunction(node: ts.Node): node is FunctionNode {
  return (
    ts.isFunctionDeclaration(node) ||
    ts.isMethodDeclaration(node) ||
    ts.isConstructorDeclaration(node) ||
    ts.isGetAccessorDeclaration(node) ||
    ts.isSetAccessorDeclaration(node) ||
    ts.isArrowFunction(node) ||
    ts.isFunctionExpression(node)
  );
}

function longFunctions(file: string, source: ts.SourceFile): Violation[] {
  const found: Violation[] = [];
  const visit = (node: ts.Node) => {
    if (isFunction(node) && node.body) {
      const start = lineOf(source, node.getStart(source));
      const length = lineOf(source, node.getEnd()) - start + 1;
      if (length > LIMITS.functionLines) {
        const name = functionName(node, source);
        const message = `${file}:${start} function ${name} is ${length} lines long (at most ${LIMITS.functionLines})`;
        found.push({ rule: 'function-lines', file, line: start, key: `${file} › ${name}`, message });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const short = (text: string, most: number) => {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > most ? `${flat.slice(0, most - 1)}…` : flat;
};

function propertyName(name: ts.PropertyName | ts.BindingName | undefined, source: ts.SourceFile): string {
  if (!name) return '(anonymous)';
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isPrivateIdentifier(name)) return name.text;
  return short(name.getText(source), 40);
}

/** The class (or object) a member belongs to, for `Class.method`. */
function ownerName(node: ts.Node): string {
  const owner = node.parent;
  if ((ts.isClassDeclaration(owner) || ts.isClassExpression(owner)) && owner.name) return `${owner.name.text}.`;
  return '';
}

/** A readable, stable name: the declared name, else what the function is assigned to or passed to. */
function functionName(node: FunctionNode, source: ts.SourceFile): string {
  if (ts.isFunctionDeclaration(node)) return node.name?.text ?? 'default';
  if (ts.isConstructorDeclaration(node)) return `${ownerName(node)}constructor`;
  if (ts.isMethodDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node))
    return `${ownerName(node)}${propertyName(node.name, source)}`;
  if (ts.isFunctionExpression(node) && node.name) return node.name.text;
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) return propertyName(parent.name, source);
  if (ts.isPropertyDeclaration(parent)) return `${ownerName(parent)}${propertyName(parent.name, source)}`;
  if (ts.isExportAssignment(parent)) return 'default';
  if (ts.isCallExpression(parent)) {
    const callee = short(parent.expression.getText(source), 40);
    const first = parent.arguments[0];
    const title = first && ts.isStringLiteralLike(first) ? `'${short(first.text, 60)}'` : '…';
    return `${callee}(${title})`;
  }
  return '(anonymous)';
}

const KYSELY_ENTRIES = new Set([
  'selectFrom',
  'selectNoFrom',
  'insertInto',
  'replaceInto',
  'updateTable',
  'deleteFrom',
  'mergeInto',
  'createTable',
  'alterTable',
  'dropTable',
  'createIndex',
  'dropIndex',
  'createView',
  'dropView',
]);
const SQL_WORDS = [
  ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'REPLACE', 'WITH', 'CREATE', 'DROP', 'ALTER', 'PRAGMA'],
  ['BEGIN', 'COMMIT', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'VACUUM', 'ATTACH', 'DETACH', 'ANALYZE', 'REINDEX'],
].flat();
/** A string that starts as an SQL statement does. */
const SQL_TEXT = new RegExp(`^\\s*(${SQL_WORDS.join('|')})\\b`, 'i');
/** better-sqlite3's statement methods: `x.prepare(…).get()` is a statement whatever `…` is. */
const STATEMENT_METHODS = new Set(['get', 'all', 'run', 'iterate', 'pluck', 'raw', 'expand', 'bind', 'columns']);

const mayHoldSql = (file: string) => file.endsWith('.queries.ts') || file.startsWith('src/db/');

/** What in `node` is SQL, if anything: a short description for the message. */
function sqlIn(node: ts.Node): string | null {
  if (ts.isTaggedTemplateExpression(node) && ts.isIdentifier(node.tag) && node.tag.text === 'sql') return 'sql`…`';
  if (!ts.isCallExpression(node) || !ts.isPropertyAccessExpression(node.expression)) return null;
  const method = node.expression.name.text;
  const receiver = node.expression.expression;
  if (ts.isIdentifier(receiver) && receiver.text === 'sql') return `sql.${method}(…)`;
  if (KYSELY_ENTRIES.has(method) || method === 'pragma') return `.${method}(…)`;
  const first = node.arguments[0];
  if ((method === 'exec' || method === 'prepare') && first && isSqlText(first)) return `.${method}(…)`;
  if (method === 'prepare' && isStatementReceiver(node)) return '.prepare(…)';
  return null;
}

/** `node` is `x.prepare(…)` followed by `.get(`, `.all(`, `.run(`… */
function isStatementReceiver(node: ts.CallExpression): boolean {
  const access = node.parent;
  return ts.isPropertyAccessExpression(access) && STATEMENT_METHODS.has(access.name.text);
}

function isSqlText(node: ts.Expression): boolean {
  if (ts.isStringLiteralLike(node)) return SQL_TEXT.test(node.text);
  if (ts.isTemplateExpression(node)) return SQL_TEXT.test(node.head.text);
  return false;
}

function sqlOutsideQueries(file: string, source: ts.SourceFile): Violation[] {
  if (mayHoldSql(file)) return [];
  const byLine = new Map<number, string>();
  const visit = (node: ts.Node) => {
    const what = sqlIn(node);
    if (what) {
      const line = lineOf(source, node.getStart(source));
      if (!byLine.has(line)) byLine.set(line, what);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...byLine].map(([line, what]) => ({
    rule: 'sql-outside-queries' as const,
    file,
    line,
    key: file,
    message: `${file}:${line} has SQL (${what}) outside a *.queries.ts file`,
  }));
}

const mayImportHttp = (file: string) =>
  file.startsWith('src/http/') ||
  file.startsWith('test/http/') ||
  /\.(routes|api)\.ts$/.test(file) ||
  file === 'src/app.ts' ||
  file === 'src/routes.ts';

/** The module specifiers `source` imports or re-exports, with their lines. */
function importsOf(source: ts.SourceFile): { specifier: string; line: number }[] {
  const found: { specifier: string; line: number }[] = [];
  const visit = (node: ts.Node) => {
    let specifier: ts.Expression | undefined;
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) specifier = node.moduleSpecifier;
    else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
      specifier = node.arguments[0];
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) specifier = node.argument.literal;
    if (specifier && ts.isStringLiteralLike(specifier))
      found.push({ specifier: specifier.text, line: lineOf(source, node.getStart(source)) });
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

function httpImports(file: string, source: ts.SourceFile): Violation[] {
  if (mayImportHttp(file)) return [];
  return importsOf(source).flatMap(({ specifier, line }) => {
    if (!specifier.startsWith('.')) return [];
    const target = path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
    if (!target.startsWith('src/http/') && target !== 'src/http') return [];
    const module = target.replace(/\.js$/, '.ts');
    const message = `${file}:${line} imports ${module} (only src/http, routes, APIs and the app may)`;
    return [{ rule: 'http-import' as const, file, line, key: `${file} › ${module}`, message }];
  });
}
