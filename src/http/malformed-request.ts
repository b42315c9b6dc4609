import http from 'node:http';
import type { Duplex } from 'node:stream';
import type { Config } from '../config.js';
import type { DB } from '../db/database.js';
import { findCommunityLocale } from '../i18n/language.queries.js';
import type { RenderLocale } from '../i18n/locales.js';
import { firstLocale, localeFromAcceptLanguage } from '../i18n/negotiate.js';
import type { Translate, Translator } from '../i18n/translate.js';

export interface MalformedRequestDeps {
  readonly translator: Translator;
  readonly db: DB;
  readonly config: Pick<Config, 'pseudoLocale'>;
}

type ClientError = NodeJS.ErrnoException & { rawPacket?: Buffer };

/**
 * Node refuses some requests before koa sees them (headers over 16 kB, broken HTTP). Answer those rather than closing
 * silently: in the API's error shape for the API, and as a short page for a person, whose browser would otherwise show
 * its own error (a search typed 10 kB long makes such an address). The words are the catalogue's, in the language of
 * the request's `Accept-Language` when Node read that far, else the community's.
 */
export function malformedRequestHandler(deps: MalformedRequestDeps): (error: Error, socket: Duplex) => void {
  return (error, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    answer(deps, error as ClientError, socket).catch(() => socket.destroy());
  };
}

async function answer(deps: MalformedRequestDeps, error: ClientError, socket: Duplex): Promise<void> {
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const status = tooLarge ? 431 : 400;
  // What Node had read of the request: the request line tells the API from a page, a header may name the language.
  const head = error.rawPacket?.subarray(0, 32 * 1024).toString('latin1') ?? '';
  const target = /^[A-Z]{3,7} (\/\S*)/.exec(head)?.[1];
  const locale = await chooseLocale(deps, head);
  const t = deps.translator.forLocale(locale);
  const forPerson = target !== undefined && !target.startsWith('/api/');
  const body = forPerson
    ? refusedPage(tooLarge, target, locale, t)
    : JSON.stringify({
        error: tooLarge
          ? { code: 'headers_too_large', message: t('common.errors.headersTooLarge') }
          : { code: 'bad_request', message: t('common.errors.badRequest') },
      });
  const type = forPerson ? 'text/html' : 'application/json';
  if (!socket.writable) return;
  socket.end(
    `HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\nContent-Type: ${type}; charset=utf-8\r\n` +
      `Content-Language: ${locale}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The browser's language if its `Accept-Language` was read (a header cut short by the 16 kB limit is not trusted),
 * else the community's default, else English. No session or cookie: the request was not understood.
 */
async function chooseLocale(deps: MalformedRequestDeps, head: string): Promise<RenderLocale> {
  const options = { pseudo: deps.config.pseudoLocale === true };
  const header = /\r\naccept-language:[ \t]*([^\r\n]{1,500})\r\n/i.exec(head)?.[1];
  return (
    localeFromAcceptLanguage(header, options) ??
    firstLocale({ communityDefault: await findCommunityLocale(deps.db) }, options) ??
    'en'
  );
}

/**
 * The page for a refused request: plain, as the app's views and session are out of reach here; a link back to the page
 * without its query.
 */
function refusedPage(tooLarge: boolean, target: string, locale: RenderLocale, t: Translate): string {
  const path = target.split('?')[0]!;
  const back = /^\/[\w\-/]*$/.test(path) && path.length <= 100 ? path : '/';
  const title = t(tooLarge ? 'common.errors.title.addressTooLong' : 'common.errors.title.badRequest');
  const message = t(tooLarge ? 'common.errors.addressTooLong' : 'common.errors.notUnderstood');
  return (
    `<!doctype html><html lang="${locale}"><meta charset="utf-8">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">' +
    `<title>${escapeHtml(title)}</title><p>${escapeHtml(message)}</p>` +
    `<p><a href="${back}">${escapeHtml(t('common.startAgain'))}</a></p></html>`
  );
}

/** The catalogue's words are trusted, but a translation may hold `&` or `<`: written as text, never as markup. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
