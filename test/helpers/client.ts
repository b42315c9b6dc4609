/**
 * A small browser stand-in over real HTTP: keeps cookies, remembers the CSRF
 * token from the last page it loaded, and does not follow redirects (tests
 * assert on them).
 */
export class HttpClient {
  private cookies = new Map<string, string>();
  private csrfToken: string | undefined;

  constructor(readonly baseUrl: string) {}

  async request(
    method: string,
    path: string,
    init: { body?: string | Buffer; headers?: Record<string, string> } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...init.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    const response = await fetch(this.baseUrl + path, { method, headers, body: init.body, redirect: 'manual' });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair!.indexOf('=');
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return response;
  }

  /** GETs a page and returns its text, remembering its CSRF token. */
  async get(
    path: string,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; text: string; response: Response }> {
    const response = await this.request('GET', path, { headers });
    const text = await response.text();
    const token = /name="_csrf" value="([^"]+)"/.exec(text)?.[1] ?? /"X-CSRF-Token": "([^"]+)"/.exec(text)?.[1];
    if (token) this.csrfToken = token;
    return { status: response.status, text, response };
  }

  /**
   * POSTs a form as a browser would, with the CSRF token of the page it came
   * from (`from`, loaded first if given; otherwise the last page loaded).
   */
  async postForm(
    path: string,
    fields: Record<string, string | string[]>,
    options: { from?: string; csrf?: string | null; headers?: Record<string, string> } = {},
  ) {
    if (options.from) await this.get(options.from);
    const body = new URLSearchParams();
    const token = options.csrf === undefined ? this.csrfToken : options.csrf;
    if (token) body.append('_csrf', token);
    for (const [key, value] of Object.entries(fields)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    const response = await this.request('POST', path, {
      body: body.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...options.headers },
    });
    const text = await response.text();
    const newToken = /name="_csrf" value="([^"]+)"/.exec(text)?.[1];
    if (newToken) this.csrfToken = newToken;
    return { status: response.status, text, location: response.headers.get('location'), response };
  }

  /** Signs in through the real form; throws if it does not end on a redirect. */
  async signIn(account: string, password: string): Promise<void> {
    const result = await this.postForm('/signin', { account, password }, { from: '/signin' });
    if (result.status !== 303)
      throw new Error(`Sign-in as ${account} failed with ${result.status}: ${result.text.slice(0, 500)}`);
  }

  async json(
    method: string,
    path: string,
    body?: unknown,
    token?: string,
  ): Promise<{ status: number; body: any; response: Response }> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (token) headers.authorization = `Bearer ${token}`;
    const response = await this.request(method, path, {
      body: body === undefined ? undefined : JSON.stringify(body),
      headers,
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, response };
  }

  cookie(name: string): string | undefined {
    return this.cookies.get(name);
  }

  /** Every cookie it holds, as a `Cookie` header (for a request fetch cannot make, such as one with a forged Host). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}
