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
  /** HTTPS on the venue network (src/https/): null or absent when the stewards have not given the box a name. */
  readonly https?: HttpsConfig | null;
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
  const https = parseHttps(env);
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
    https,
    ...publicAddress(env, { secureCookies, trustProxy, https }),
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
  { secureCookies, trustProxy, https }: Pick<Config, 'secureCookies' | 'trustProxy' | 'https'>,
): Pick<Config, 'publicUrl'> {
  const raw = env.MARKETCROSS_PUBLIC_URL?.trim() ?? '';
  // Secure cookies need HTTPS: the box's own (a name, src/https/) or a TLS proxy it trusts to say so.
  if (secureCookies && !trustProxy && !https) throw new ConfigError(msg('config.secureCookiesOverHttp'));
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
const DEFAULT_P2P_LISTEN = '/ip4/127.0.0.1/tcp/4001';

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

// ── HTTPS on the venue network (src/https/) ────────────────────────────────────────────────────────────────────────

/** Where the box gets its certificate unless told otherwise: Let's Encrypt, which every phone trusts. */
const LETS_ENCRYPT_DIRECTORY = 'https://acme-v02.api.letsencrypt.org/directory';

/**
 * The box's name under a domain the community controls, and how it proves that name to the certificate authority
 * (ACME DNS-01, through a hook script the stewards choose). Set by `MARKETCROSS_HTTPS_NAME`; without it the box serves
 * plain HTTP, as before.
 */
export interface HttpsConfig {
  /** `box.planetdiss.org`: the name phones open, and the certificate's. */
  readonly name: string;
  /** The script that adds and removes the `_acme-challenge` TXT record (certbot's manual-hook convention). */
  readonly dnsHook: string;
  /** Where HTTPS is served (443); the plain port (`port`) then answers with a redirect to it. */
  readonly port: number;
  /** The ACME server's directory: Let's Encrypt, or a test server such as pebble. */
  readonly acmeDirectory: string;
  /** A CA to trust for the ACME server's own TLS (a test server's); null for the system's. */
  readonly acmeCaFile: string | null;
  /** Where the certificate authority writes about expiry and its terms; optional. */
  readonly email: string | null;
}

function parseHttps(env: NodeJS.ProcessEnv): HttpsConfig | null {
  const name = (env.MARKETCROSS_HTTPS_NAME ?? '').trim().toLowerCase().replace(/\.$/, '');
  if (name === '') return null;
  // A public name of two labels or more (a wildcard cannot be served to phones by one box).
  if (!/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/.test(name)) {
    throw new ConfigError(msg('config.httpsName', { name }));
  }
  const dnsHook = (env.MARKETCROSS_HTTPS_DNS_HOOK ?? '').trim();
  if (!path.isAbsolute(dnsHook)) throw new ConfigError(msg('config.httpsDnsHook', { hook: dnsHook }));
  const acmeDirectory = (env.MARKETCROSS_ACME_DIRECTORY ?? LETS_ENCRYPT_DIRECTORY).trim();
  if (!/^https:\/\/\S+$/.test(acmeDirectory))
    throw new ConfigError(msg('config.acmeDirectory', { url: acmeDirectory }));
  const email = (env.MARKETCROSS_ACME_EMAIL ?? '').trim();
  if (email !== '' && !/^[^\s@]+@[^\s@]+$/.test(email)) throw new ConfigError(msg('config.acmeEmail', { email }));
  const acmeCaFile = (env.MARKETCROSS_ACME_CA_FILE ?? '').trim();
  return {
    name,
    dnsHook,
    port: parseHttpsPort(env.MARKETCROSS_HTTPS_PORT ?? '443'),
    acmeDirectory,
    acmeCaFile: acmeCaFile === '' ? null : path.resolve(acmeCaFile),
    email: email === '' ? null : email,
  };
}

function parseHttpsPort(raw: string): number {
  const port = Number(raw.trim());
  if (!/^\d+$/.test(raw.trim()) || port < 0 || port > 65535)
    throw new ConfigError(msg('config.httpsPort', { port: raw }));
  return port;
}
