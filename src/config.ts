import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { en as words } from './config/messages/en.js';
import { type Message, msg } from './lib/messages.js';

/**
 * The box's runtime configuration: where its data lives and where it listens.
 * The community's own settings (name, location, region, vouches) live in the
 * database, not here, because stewards change them from the web app.
 *
 * Built once by `loadConfig`, validated, frozen and passed down; nothing reads
 * `process.env` anywhere else. Tests pass a literal object.
 */
export interface Config {
  /** Folder holding the database and the box's keys. */
  readonly dataDir: string;
  /** The database file, always `<dataDir>/marketcross.db`. */
  readonly databaseFile: string;
  readonly host: string;
  readonly port: number;
  /** Mark cookies `Secure`: set when the box sits behind TLS. */
  readonly secureCookies: boolean;
  /** Take the client address from the last `X-Forwarded-For` entry, the one a reverse proxy appended. */
  readonly trustProxy: boolean;
  /** Multiaddrs the peer layer listens on for sibling boxes; empty when the box runs alone. */
  readonly p2pListen: readonly string[];
  /** List boxes seen on the LAN by mDNS for stewards to approve. */
  readonly p2pMdns: boolean;
  /**
   * Where people reach the box (`https://market.example.org`), as an origin: the one address links that leave the page
   * are written with (feeds, the API's `url`s, invitation and reset links). Null: the address a request came by, when
   * that is one of the box's own names (see src/http/site.ts).
   */
  readonly publicUrl: string | null;
  /**
   * Tests only, never set from the environment: accept the pseudo-locale `en-XA` (every catalogue sentence marked), so
   * a test can find words that bypassed the catalogues. Never offered to people.
   */
  readonly pseudoLocale?: boolean;
}

/** Flags given on the command line; each overrides its environment variable. */
export interface ConfigFlags {
  dataDir?: string;
  host?: string;
  port?: string;
  /** `--p2p-listen`; an empty string, like `--no-p2p`, runs the box alone. */
  p2pListen?: string;
  noP2p?: boolean;
}

/**
 * English words for the message property (logs, tests); the CLI prints `reason` in its own language. The config is a
 * leaf every room reads, so it formats its own catalogue rather than loading the translator.
 */
function english(reason: Message): string {
  const key = reason.key.replace(/^config\./, '') as keyof typeof words;
  return String(new IntlMessageFormat(words[key], 'en').format(reason.values as Record<string, string>));
}

/**
 * A configuration value that cannot be used; the reason names it (flag and variable) and says what is expected, in
 * words of the `config` catalogue (src/config/messages/).
 */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly reason: Message) {
    super(english(reason));
  }
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const dataDir = path.resolve(nonEmpty('dataDir', flags.dataDir ?? env.MARKETCROSS_DATA_DIR ?? './data'));
  const host = nonEmpty('host', flags.host ?? env.MARKETCROSS_HOST ?? '127.0.0.1');
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) throw new ConfigError(msg('config.host', { host }));
  const port = parsePort(flags.port ?? env.MARKETCROSS_PORT ?? '8080');
  const secureCookies = parseBoolean('MARKETCROSS_SECURE_COOKIES', env.MARKETCROSS_SECURE_COOKIES ?? 'false');
  const trustProxy = parseBoolean('MARKETCROSS_TRUST_PROXY', env.MARKETCROSS_TRUST_PROXY ?? 'false');
  return Object.freeze({
    dataDir,
    databaseFile: path.join(dataDir, 'marketcross.db'),
    host,
    port,
    secureCookies,
    trustProxy,
    p2pListen: flags.noP2p
      ? []
      : parseListenAddresses(flags.p2pListen ?? env.MARKETCROSS_P2P_LISTEN ?? DEFAULT_P2P_LISTEN),
    p2pMdns: parseBoolean('MARKETCROSS_P2P_MDNS', env.MARKETCROSS_P2P_MDNS ?? 'false'),
    ...publicAddress(env, { secureCookies, trustProxy }),
  });
}

// ---- The box's public address and what its cookies need (issue 12, finding 11) ----

/**
 * `MARKETCROSS_PUBLIC_URL`, checked; and `MARKETCROSS_SECURE_COOKIES` refused when no request could ever be secure:
 * the box serves plain HTTP itself, so only a trusted TLS proxy (`MARKETCROSS_TRUST_PROXY`, whose
 * `X-Forwarded-Proto: https` koa believes) makes a connection count as secure. Without one, koa refuses to send a
 * `Secure` cookie and every form would fail; better to say so at start.
 */
function publicAddress(
  env: NodeJS.ProcessEnv,
  { secureCookies, trustProxy }: Pick<Config, 'secureCookies' | 'trustProxy'>,
): Pick<Config, 'publicUrl'> {
  const raw = env.MARKETCROSS_PUBLIC_URL?.trim() ?? '';
  if (secureCookies && !trustProxy) throw new ConfigError(msg('config.secureCookiesOverHttp'));
  return { publicUrl: raw === '' ? null : parsePublicUrl(raw) };
}

/** An http(s) origin: no user, path, query or fragment (links add their own paths). */
function parsePublicUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(msg('config.publicUrl', { url: raw }));
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  if (!/^https?:$/.test(url.protocol) || !bare) throw new ConfigError(msg('config.publicUrl', { url: raw }));
  return url.origin;
}

/** Loopback by default, like the web app: a box opens itself to the network only when told to. */
export const DEFAULT_P2P_LISTEN = '/ip4/127.0.0.1/tcp/4001';

/** One or more multiaddrs, separated by commas or spaces; the transport is TCP. */
function parseListenAddresses(raw: string): string[] {
  const addresses = raw.split(/[\s,]+/).filter((a) => a !== '');
  for (const address of addresses) {
    if (!/^\/(ip4|ip6|dns4|dns6)\/[^/]+\/tcp\/\d{1,5}$/.test(address) || Number(address.split('/').at(-1)) > 65535) {
      throw new ConfigError(msg('config.p2pListen', { address }));
    }
  }
  return addresses;
}

function nonEmpty(setting: 'dataDir' | 'host', value: string): string {
  if (value.trim() === '') throw new ConfigError(msg('config.empty', { setting }));
  return value.trim();
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(msg('config.port', { port: raw }));
  }
  return port;
}

function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new ConfigError(msg('config.boolean', { name, value: raw }));
}
