/**
 * The address this request reached the box by, such as `http://192.168.1.20`:
 * for links that leave the page (API `url`s, the Atom feed, invite and reset
 * links). Koa 3's `ctx.origin` is the request's Origin header, not this.
 * Behind a proxy, `ctx.protocol` and `ctx.host` follow X-Forwarded-* only when
 * the box is configured to trust the proxy.
 */
export function siteOrigin(ctx: { protocol: string; host: string }): string {
  return `${ctx.protocol}://${ctx.host}`;
}
