import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDnsHook } from '../../src/https/dns-hook.js';
import { packageRoot } from '../../src/paths.js';

/**
 * The README's example hook (appliance/dns-hooks/cloudflare.sh), run by the box's own hook runner against a stand-in
 * for Cloudflare's DNS records API on 127.0.0.1: it adds the TXT record, hands its id to cleanup, and removes it.
 */
const HOOK = path.join(packageRoot, 'appliance/dns-hooks/cloudflare.sh');
const TOKEN = 'test-token';
const ZONE = '023e105f4ecef8ad9ca31a8372d0c353';

interface ApiCall {
  method: string;
  url: string;
  authorization: string | undefined;
  body: string;
}

describe('the example DNS hook for Cloudflare', () => {
  const calls: ApiCall[] = [];
  let work: string;
  let server: http.Server;

  beforeAll(async () => {
    server = http.createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        calls.push({ method: request.method!, url: request.url!, authorization: request.headers.authorization, body });
        const authorised = request.headers.authorization === `Bearer ${TOKEN}`;
        response.writeHead(authorised ? 200 : 403, { 'Content-Type': 'application/json' });
        const result = { id: '372e67954025e0ba6aaa6d586b9e0b59', type: 'TXT', meta: { auto_added: false } };
        const errors = [{ code: 10000, message: 'Authentication error' }];
        response.end(JSON.stringify(authorised ? { result, success: true } : { success: false, errors }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-hook-'));
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    delete process.env.MARKETCROSS_DNS_HOOK_ENV;
    fs.rmSync(work, { recursive: true, force: true });
  });

  const settings = (token: string) => {
    const file = path.join(work, `dns-hook-${token}.env`);
    const { port } = server.address() as AddressInfo;
    const api = `http://127.0.0.1:${port}/client/v4`;
    fs.writeFileSync(file, `CF_API_TOKEN=${token}\nCF_ZONE_ID=${ZONE}\nCF_API=${api}\nCF_PROPAGATION_SECONDS=0\n`);
    process.env.MARKETCROSS_DNS_HOOK_ENV = file; // the hook's settings file, as /etc/marketcross/dns-hook.env
  };

  it('adds the TXT record, then removes it by the id it printed', async () => {
    settings(TOKEN);
    const call = { domain: 'box.planetdiss.org', validation: 'gfj9Xq-Rpq3-value' };
    const authOutput = await runDnsHook(HOOK, 'auth', call);
    expect(authOutput).toBe('372e67954025e0ba6aaa6d586b9e0b59');
    await runDnsHook(HOOK, 'cleanup', { ...call, authOutput });
    const [add, remove] = calls.splice(0);
    expect(add).toMatchObject({ method: 'POST', url: `/client/v4/zones/${ZONE}/dns_records` });
    expect(add!.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(add!.body)).toEqual({
      type: 'TXT',
      name: '_acme-challenge.box.planetdiss.org',
      content: 'gfj9Xq-Rpq3-value',
      ttl: 60,
    });
    expect(remove).toMatchObject({
      method: 'DELETE',
      url: `/client/v4/zones/${ZONE}/dns_records/372e67954025e0ba6aaa6d586b9e0b59`,
    });
  });

  it('fails with what Cloudflare said when the token is refused', async () => {
    settings('expired-token');
    const refused = runDnsHook(HOOK, 'auth', { domain: 'box.planetdiss.org', validation: 'x' });
    await expect(refused).rejects.toThrow(
      /auth exited with status 1: Cloudflare refused the record: .*Authentication error/,
    );
  });
});
