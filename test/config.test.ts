import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';

describe('loadConfig', () => {
  it('has defaults for a box on this machine', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ dataDir: path.resolve('data'), host: '127.0.0.1', port: 8080 });
    expect(config.databaseFile).toBe(path.resolve('data', 'marketcross.db'));
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('reads the environment, and flags override it', () => {
    const env = { MARKETCROSS_DATA_DIR: '/var/lib/marketcross', MARKETCROSS_HOST: '0.0.0.0', MARKETCROSS_PORT: '80' };
    expect(loadConfig(env)).toMatchObject({ dataDir: '/var/lib/marketcross', host: '0.0.0.0', port: 80 });
    expect(loadConfig(env, { dataDir: '/tmp/box', port: '8081' })).toMatchObject({
      dataDir: '/tmp/box',
      host: '0.0.0.0',
      port: 8081,
    });
  });

  it.each([
    [{ MARKETCROSS_PORT: 'eighty' }, /port.*"eighty"/],
    [{ MARKETCROSS_PORT: '70000' }, /port.*"70000"/],
    [{ MARKETCROSS_HOST: 'bad host!' }, /host.*"bad host!"/],
    [{ MARKETCROSS_DATA_DIR: '  ' }, /data directory.*empty/],
    [{ MARKETCROSS_SECURE_COOKIES: 'maybe' }, /MARKETCROSS_SECURE_COOKIES "maybe"/],
    [{ MARKETCROSS_PUBLIC_URL: 'market.example.org' }, /public address.*"market.example.org"/],
    [{ MARKETCROSS_PUBLIC_URL: 'ftp://market.example.org' }, /public address/],
    [{ MARKETCROSS_PUBLIC_URL: 'https://market.example.org/box?x=1' }, /public address/],
    [{ MARKETCROSS_PUBLIC_URL: 'https://user:pw@market.example.org' }, /public address/],
  ])('stops on a bad value, naming it: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes the public address as an origin, the one links that leave a page are written with', () => {
    expect(loadConfig({}).publicUrl).toBeNull();
    expect(loadConfig({ MARKETCROSS_PUBLIC_URL: ' https://Market.example.org/ ' }).publicUrl).toBe(
      'https://market.example.org',
    );
    expect(loadConfig({ MARKETCROSS_PUBLIC_URL: 'http://10.0.0.2:8080' }).publicUrl).toBe('http://10.0.0.2:8080');
  });

  it('refuses secure cookies at start when no request could be secure (plain HTTP, no proxy trusted)', () => {
    const env = { MARKETCROSS_SECURE_COOKIES: 'true' };
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(/MARKETCROSS_SECURE_COOKIES is set, but the box serves plain HTTP/);
    expect(() => loadConfig(env)).toThrow(/MARKETCROSS_TRUST_PROXY=true/);
    expect(loadConfig({ ...env, MARKETCROSS_TRUST_PROXY: 'true' })).toMatchObject({
      secureCookies: true,
      trustProxy: true,
    });
  });
});

describe('loadConfig: HTTPS on the venue network', () => {
  const named = {
    MARKETCROSS_HTTPS_NAME: 'Box.PlaNetDiss.org.',
    MARKETCROSS_HTTPS_DNS_HOOK: '/etc/marketcross/dns-hook.sh',
  };

  it('serves plain HTTP without a name', () => {
    expect(loadConfig({}).https).toBeNull();
  });

  it('reads the name, the hook and the ACME server, with Let’s Encrypt and port 443 by default', () => {
    expect(loadConfig(named).https).toEqual({
      name: 'box.planetdiss.org',
      dnsHook: '/etc/marketcross/dns-hook.sh',
      port: 443,
      acmeDirectory: 'https://acme-v02.api.letsencrypt.org/directory',
      acmeCaFile: null,
      email: null,
    });
    const env = { ...named, MARKETCROSS_HTTPS_PORT: '8443', MARKETCROSS_ACME_EMAIL: 'stewards@planetdiss.org' };
    expect(loadConfig(env).https).toMatchObject({ port: 8443, email: 'stewards@planetdiss.org' });
  });

  it.each([
    [{ MARKETCROSS_HTTPS_NAME: 'box' }, /name \(MARKETCROSS_HTTPS_NAME\) "box" is not a full domain name/],
    [{ MARKETCROSS_HTTPS_NAME: 'box.planetdiss.org' }, /needs the DNS hook .*MARKETCROSS_HTTPS_DNS_HOOK/],
    [{ ...named, MARKETCROSS_HTTPS_DNS_HOOK: 'dns-hook.sh' }, /"dns-hook.sh" is not one/],
    [{ ...named, MARKETCROSS_HTTPS_PORT: 'https' }, /HTTPS port \(MARKETCROSS_HTTPS_PORT\) "https"/],
    [{ ...named, MARKETCROSS_ACME_DIRECTORY: 'http://acme.test/dir' }, /not an https:\/\/ address/],
    [{ ...named, MARKETCROSS_ACME_EMAIL: 'stewards' }, /"stewards" is not an email address/],
  ])('stops on a bad HTTPS setting, saying what is expected: %o', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });
});
