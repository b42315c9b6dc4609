import type Koa from 'koa';

/** What the box's cookies depend on: whether they are sent over HTTPS only. */
export interface CookieDeps {
  readonly config: { readonly secureCookies: boolean };
}

/**
 * The box's cookies (the session, the CSRF browser id): never readable by scripts, sent on top-level navigations from
 * other sites (`lax`) so a link to the box keeps the member signed in, secure when the box is served over HTTPS.
 */
export function cookieOptions(deps: CookieDeps, days: number) {
  return {
    httpOnly: true,
    sameSite: 'lax' as const,
    // Left unset, koa's cookies are `Secure` whenever the request came over HTTPS (the box's own, or a proxy's when it
    // is trusted): cookies become Secure by themselves once the box has a certificate.
    secure: deps.config.secureCookies || undefined,
    maxAge: days * 24 * 60 * 60 * 1000,
    overwrite: true,
    path: '/',
  };
}

export function clearCookie(ctx: Pick<Koa.Context, 'cookies'>, deps: CookieDeps, name: string): void {
  ctx.cookies.set(name, null, { ...cookieOptions(deps, 0), maxAge: undefined, expires: new Date(0) });
}
