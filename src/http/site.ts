import os from 'node:os';
import type { Config } from '../config.js';

/**
 * What `siteOrigin` needs of the config, set once on koa's context (`app.context.site`) in `createApp`; `port` is the
 * one the server listens on (port 0 in the config picks a free one).
 */
export interface SiteConfig {
  readonly publicUrl: Config['publicUrl'];
  readonly host: Config['host'];
  port: number;
}

/**
 * The address for links that leave the page (API `url`s, the Atom feed, invitation and reset links), such as
 * `http://192.168.1.20:8080`. The configured public address (`MARKETCROSS_PUBLIC_URL`) when there is one; else the
 * address the request came by, but only when it names the box itself (its IP addresses, its host name, `.local`
 * name, loopback) on its own port: the `Host` header is whatever the client sent, and a reset link or a feed must not
 * send people to a name an attacker chose. Any other name gets the box's own address. Koa 3's `ctx.origin` is the
 * request's Origin header, not this. Behind a proxy, `ctx.protocol` and `ctx.host` follow X-Forwarded-* only when the
 * box trusts the proxy.
 */
export function siteOrigin(ctx: { protocol: string; host: string; hostname: string; site: SiteConfig }): string {
  const { site } = ctx;
  if (site.publicUrl) return site.publicUrl;
  const port = /:(\d+)$/.exec(ctx.host.replace(/^\[.*\]/, ''))?.[1] ?? '';
  if (isOwnName(ctx.hostname) && (port === '' || port === String(site.port))) return `${ctx.protocol}://${ctx.host}`;
  return ownOrigin(site);
}

/** Loopback, the machine's host name (bare or `.local`, as avahi announces it), or one of its addresses. */
function isOwnName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/^\[(.*)\]$/, '$1');
  const machine = os.hostname().toLowerCase();
  if (['localhost', '127.0.0.1', '::1', machine, `${machine}.local`].includes(name)) return true;
  return Object.values(os.networkInterfaces()).some((addresses) =>
    (addresses ?? []).some((address) => address.address.toLowerCase() === name),
  );
}

/** The address the box listens on, or, listening on every address, its first on a network (loopback if none). */
function ownOrigin(site: SiteConfig): string {
  const everyAddress = site.host === '0.0.0.0' || site.host === '::';
  const network = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address && address.family === 'IPv4' && !address.internal)?.address;
  const host = everyAddress ? (network ?? '127.0.0.1') : site.host;
  return `http://${host.includes(':') ? `[${host}]` : host}${site.port === 80 ? '' : `:${site.port}`}`;
}
