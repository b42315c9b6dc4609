import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedBaseSystem, verifyUnitInTree } from './tree.js';

const appliance = path.join(process.cwd(), 'appliance');

describe('appliance files', () => {
  it("the service unit passes systemd-analyze verify in a box's tree (its Node.js where provision.sh puts it)", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-unit-'));
    try {
      seedBaseSystem(root);
      fs.mkdirSync(path.join(root, 'etc/systemd/system'), { recursive: true });
      fs.copyFileSync(
        path.join(appliance, 'systemd/marketcross.service'),
        path.join(root, 'etc/systemd/system/marketcross.service'),
      );
      // Without the executable, verify says so: the unit must name the Node.js provision.sh installs.
      expect(verifyUnitInTree(root, 'etc/systemd/system/marketcross.service').output).toContain(
        '/opt/marketcross/node/bin/node is not executable',
      );
      fs.mkdirSync(path.join(root, 'opt/marketcross/node/bin'), { recursive: true });
      fs.copyFileSync(process.execPath, path.join(root, 'opt/marketcross/node/bin/node'));
      fs.chmodSync(path.join(root, 'opt/marketcross/node/bin/node'), 0o755);
      expect(verifyUnitInTree(root, 'etc/systemd/system/marketcross.service')).toEqual({ status: 0, output: '' });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('the service is locked down as the issue asks, and runs the installed release', () => {
    const unit = fs.readFileSync(path.join(appliance, 'systemd/marketcross.service'), 'utf8');
    for (const line of [
      'User=marketcross',
      'ProtectSystem=strict',
      'NoNewPrivileges=yes',
      'Restart=on-failure',
      'AmbientCapabilities=CAP_NET_BIND_SERVICE',
      'ReadWritePaths=/var/lib/marketcross -/media -/mnt',
      'WorkingDirectory=/opt/marketcross/current',
    ]) {
      expect(unit).toContain(line);
    }
    expect(unit).toMatch(
      /^ExecStart=\/opt\/marketcross\/node\/bin\/node .*\/opt\/marketcross\/current\/dist\/src\/main\.js serve$/m,
    );
    expect(unit).toMatch(/^MemoryMax=\d+M$/m);
    const env = fs.readFileSync(path.join(appliance, 'systemd/marketcross.env'), 'utf8');
    expect(env).toContain('MARKETCROSS_PORT=80');
  });

  it('the journal is capped', () => {
    expect(fs.readFileSync(path.join(appliance, 'journald/marketcross.conf'), 'utf8')).toMatch(/SystemMaxUse=\d+M/);
  });
});
