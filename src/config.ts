import path from 'node:path';

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
  /** Trust `X-Forwarded-For` from a reverse proxy for the client address. */
  readonly trustProxy: boolean;
}

/** Flags given on the command line; each overrides its environment variable. */
export interface ConfigFlags {
  dataDir?: string;
  host?: string;
  port?: string;
}

/** A configuration value that cannot be used; the message names it and says what is expected. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

export function loadConfig(env: NodeJS.ProcessEnv, flags: ConfigFlags = {}): Config {
  const dataDir = path.resolve(nonEmpty('data directory (--data-dir / MARKETCROSS_DATA_DIR)', flags.dataDir ?? env.MARKETCROSS_DATA_DIR ?? './data'));
  const host = nonEmpty('host (--host / MARKETCROSS_HOST)', flags.host ?? env.MARKETCROSS_HOST ?? '127.0.0.1');
  if (!/^[A-Za-z0-9.:\-[\]]+$/.test(host)) {
    throw new ConfigError(`The host (--host / MARKETCROSS_HOST) "${host}" is not a host name or IP address.`);
  }
  const port = parsePort(flags.port ?? env.MARKETCROSS_PORT ?? '8080');
  return Object.freeze({
    dataDir,
    databaseFile: path.join(dataDir, 'marketcross.db'),
    host,
    port,
    secureCookies: parseBoolean('MARKETCROSS_SECURE_COOKIES', env.MARKETCROSS_SECURE_COOKIES ?? 'false'),
    trustProxy: parseBoolean('MARKETCROSS_TRUST_PROXY', env.MARKETCROSS_TRUST_PROXY ?? 'false'),
  });
}

function nonEmpty(name: string, value: string): string {
  if (value.trim() === '') throw new ConfigError(`The ${name} is empty; give it a value.`);
  return value.trim();
}

function parsePort(raw: string): number {
  const port = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`The port (--port / MARKETCROSS_PORT) "${raw}" is not a whole number from 0 to 65535.`);
  }
  return port;
}

function parseBoolean(name: string, raw: string): boolean {
  const value = raw.trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off', ''].includes(value)) return false;
  throw new ConfigError(`${name} "${raw}" should be true or false.`);
}
