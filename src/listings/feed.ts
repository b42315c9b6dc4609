import { findCommunity } from '../community/community.queries.js';
import type { DB } from '../db/database.js';
import { findCurrencies } from '../ledger/currencies.queries.js';
import type { Listing } from './listings.js';
import { type Reader, termsShown } from './shown.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
// Characters XML 1.0 forbids outright; a title could carry them in from the API.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching forbidden characters is the point
const XML_FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function xml(text: string): string {
  return text.replace(XML_FORBIDDEN, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

/**
 * The Atom feed of new public listings, its own words in the reader's language. Only public listings ever reach it
 * (the query decides), and only their rounded point's town, never a location.
 */
export async function atomFeed(
  db: DB,
  reader: Reader,
  origin: string,
  listings: Listing[],
  now: Date,
): Promise<string> {
  const { t } = reader;
  const community = await findCommunity(db);
  const name = community?.name ?? 'Marketcross';
  const updated = listings[0]?.createdAt ?? now.toISOString();
  const currencies = await findCurrencies(db);
  const entries = listings.map((l) => {
    const url = `${origin}/listings/${l.id}`;
    const kind = t(`listings.kind.${l.kind}`);
    const town = l.town ? ` · ${l.town}` : '';
    const summary = `${kind} · ${termsShown(reader, l.terms, currencies)}${town}\n\n${l.description}`;
    return `  <entry>
    <id>urn:uuid:${l.id}</id>
    <title>${xml(t('listings.feed.entryTitle', { kind, title: l.title }))}</title>
    <link rel="alternate" type="text/html" href="${xml(url)}"/>
    <published>${l.createdAt}</published>
    <updated>${l.createdAt}</updated>
    <author><name>${xml(l.author.name ?? t('listings.feed.aMember'))}</name></author>
    <category term="${xml(l.category)}"/>
    <summary type="text">${xml(summary)}</summary>
  </entry>`;
  });
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${xml(`${origin}/listings/feed.atom`)}</id>
  <title>${xml(t('listings.feed.title', { community: name }))}</title>
  <link rel="self" type="application/atom+xml" href="${xml(`${origin}/listings/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${xml(`${origin}/listings`)}"/>
  <updated>${updated}</updated>
${entries.join('\n')}
</feed>
`;
}
