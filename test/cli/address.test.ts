import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { boxAddress } from '../../src/health/address.js';
import { cli, tempDataDir } from './cli-io.js';

const SETUP_CODE = /enter the one-time setup code:\n {2}([2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4})$/m;

describe('marketcross address', () => {
  let data: ReturnType<typeof tempDataDir>;
  beforeEach(() => {
    data = tempDataDir();
  });
  afterEach(() => data.remove());

  it(
    'on a new box, prints where to open it and the one-time setup code, ' +
      'the same each time, until the community is set up',
    async () => {
      const first = await cli(['address', '--data-dir', data.dir]);
      expect(first.code).toBe(0);
      expect(first.out).toContain(
        'This box listens on 127.0.0.1 only, so it opens on the box itself: http://127.0.0.1:8080/',
      );
      expect(first.out).toContain('Open http://127.0.0.1:8080/setup and enter the one-time setup code:');
      const code = SETUP_CODE.exec(first.out)?.[1];
      expect(code).toBeDefined();
      expect(SETUP_CODE.exec((await cli(['address', '--data-dir', data.dir])).out)?.[1]).toBe(code);

      const setup = await cli(
        [
          'setup',
          '--data-dir',
          data.dir,
          '--name',
          'PlaNet Diss',
          '--region',
          'South Norfolk',
          '--lat',
          '52.3765',
          '--lon',
          '1.1077',
          '--steward-name',
          'Gary Alder',
          '--steward-contact',
          'gary@example.org',
        ],
        { env: { MARKETCROSS_STEWARD_PASSWORD: 'a-long-steward-password' } },
      );
      expect(setup.code).toBe(0);
      const after = await cli(['address', '--data-dir', data.dir]);
      expect(after.out).not.toMatch(SETUP_CODE);
      expect(after.out).toContain('The community is set up: stewards sign in at http://127.0.0.1:8080/signin');
    },
  );

  it('on the venue network, prints the .local name and a QR code to scan', async () => {
    const run = await cli(['address', '--data-dir', data.dir, '--host', '0.0.0.0', '--port', '80']);
    expect(run.code).toBe(0);
    expect(run.out).toContain("Open Marketcross in a browser on the venue's network:");
    expect(run.out).toContain(`http://${os.hostname()}.local/`);
    // The terminal QR code: dark half-blocks on a forced white background.
    expect(run.out).toContain('\u001b[47m\u001b[30m');
    expect(run.out).toMatch(/[▀▄█]{3}/);
    expect(run.out).toMatch(SETUP_CODE);
  });

  it('explains a bad flag with exit code 2', async () => {
    expect(await cli(['address', '--colour'])).toMatchObject({
      code: 2,
      err: expect.stringContaining('marketcross address --help'),
    });
  });
});

describe('boxAddress', () => {
  const config = (host: string, port: string) => loadConfig({}, { dataDir: '/tmp/x', host, port });

  it('shows a box listening everywhere by its first network address, and its .local name; port 80 is left out', () => {
    expect(
      boxAddress(config('0.0.0.0', '80'), { addresses: ['192.168.1.23', '10.42.0.1'], hostname: 'marketcross' }),
    ).toEqual({
      addresses: ['192.168.1.23', '10.42.0.1'],
      ipUrl: 'http://192.168.1.23/',
      localUrl: 'http://marketcross.local/',
      loopbackUrl: null,
    });
    expect(boxAddress(config('0.0.0.0', '8080'), { addresses: [], hostname: 'pi' })).toMatchObject({
      ipUrl: null,
      localUrl: 'http://pi.local:8080/',
    });
  });

  it('shows a box told to listen on one address by that address only, and one on loopback as such', () => {
    expect(
      boxAddress(config('192.168.1.5', '80'), { addresses: ['192.168.1.5', '10.0.0.2'], hostname: 'pi' }),
    ).toMatchObject({ addresses: ['192.168.1.5'], ipUrl: 'http://192.168.1.5/' });
    expect(boxAddress(config('127.0.0.1', '8080'))).toEqual({
      addresses: [],
      ipUrl: null,
      localUrl: null,
      loopbackUrl: 'http://127.0.0.1:8080/',
    });
    expect(boxAddress(config('::1', '8080')).loopbackUrl).toBe('http://[::1]:8080/');
  });
});
