/**
 * Finds the words on a page that did not pass through a catalogue. The page is rendered in the pseudo-locale `en-XA`,
 * where every catalogue sentence and every formatted date, number or amount comes out marked `⟦…⟧`; the test's own
 * data (names, titles, descriptions: what people type) is marked `⟪…⟫` when seeded. Whatever letters remain once the
 * marked segments are taken out were written into a template or a route in English: leaks.
 *
 * Read by people, and so checked: text nodes (the <title> included) and the attributes listed in `READ_ATTRIBUTES`,
 * plus the value of buttons. Not checked: <script> and <style>, comments, <code> (machine values such as peer ids and
 * addresses), and the page's `dataTokens` (values a seed cannot mark: handles, emails, currency codes).
 */

const READ_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'aria-label',
  'aria-placeholder',
  'aria-roledescription',
  'aria-valuetext',
  'alt',
  'label',
]);

export interface LeakOptions {
  /** Values the seed could not mark (handles, emails, currency codes): not words, so not leaks. */
  dataTokens?: readonly string[];
  /** Check only the frame around the page (the layout's header and footer), not <main> nor the <title>. */
  frameOnly?: boolean;
}

export function findLeaks(html: string, options: LeakOptions = {}): string[] {
  let page = html.replace(/<!--[\s\S]*?-->/g, '').replace(/<(script|style|code)\b[^>]*>[\s\S]*?<\/\1>/gi, '');
  if (options.frameOnly) {
    page = page.replace(/<main\b[^>]*>[\s\S]*<\/main>/i, '').replace(/<title>[\s\S]*?<\/title>/i, '');
  }
  const leaks: string[] = [];
  const check = (raw: string) => {
    const text = decodeEntities(raw).replace(/\s+/g, ' ').trim();
    if (text !== '' && hasUnmarkedLetters(text, options.dataTokens ?? [])) leaks.push(text.slice(0, 160));
  };
  for (const [token] of page.matchAll(/<[^>]*>|[^<]+/g)) {
    if (!token.startsWith('<')) {
      check(token);
      continue;
    }
    const tag = /^<([a-z][a-z0-9-]*)/i.exec(token)?.[1]?.toLowerCase();
    if (!tag) continue;
    const attributes = new Map<string, string>();
    for (const match of token.matchAll(/\s([a-z][a-z0-9:-]*)(?:="([^"]*)")?/gi)) {
      attributes.set(match[1]!.toLowerCase(), match[2] ?? '');
    }
    for (const [name, value] of attributes) if (READ_ATTRIBUTES.has(name)) check(value);
    const type = attributes.get('type');
    if (tag === 'input' && (type === 'submit' || type === 'button' || type === 'reset')) {
      check(attributes.get('value') ?? '');
    }
  }
  return leaks;
}

/** True when letters remain outside the marked segments and the data tokens. */
export function hasUnmarkedLetters(text: string, dataTokens: readonly string[] = []): boolean {
  let rest = text;
  // Innermost segments first, so a sentence holding a name (⟦Welcome, ⟪Sam⟫⟧) goes as a whole; a bracket left
  // unpaired (a name cut in two by code) leaves the words around it to be found.
  for (let before = ''; before !== rest; ) {
    before = rest;
    rest = rest.replace(/⟦[^⟦⟧⟪⟫]*⟧|⟪[^⟦⟧⟪⟫]*⟫/g, ' ');
  }
  for (const token of dataTokens) rest = rest.split(token).join(' ');
  return /\p{L}/u.test(rest);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(Number.parseInt(hex, 16)))
    .replace(/&#(\d+);/g, (_, digits: string) => String.fromCodePoint(Number(digits)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&nbsp;/g, '\u00a0')
    .replace(/&amp;/g, '&');
}
