import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appliance = path.join(process.cwd(), 'appliance');

describe('appliance files', () => {
  it('the service unit passes systemd-analyze verify', () => {
    // Output lists problems; an empty result and exit 0 mean the unit is valid.
    const output = execFileSync('systemd-analyze', ['verify', path.join(appliance, 'systemd/marketcross.service')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(output.trim()).toBe('');
  });

  it('the service is locked down as the issue asks', () => {
    const unit = fs.readFileSync(path.join(appliance, 'systemd/marketcross.service'), 'utf8');
    for (const line of ['User=marketcross', 'ProtectSystem=strict', 'NoNewPrivileges=yes', 'Restart=on-failure', 'AmbientCapabilities=CAP_NET_BIND_SERVICE', 'ReadWritePaths=/var/lib/marketcross -/media -/mnt']) {
      expect(unit).toContain(line);
    }
    expect(unit).toMatch(/^MemoryMax=\d+M$/m);
    const env = fs.readFileSync(path.join(appliance, 'systemd/marketcross.env'), 'utf8');
    expect(env).toContain('MARKETCROSS_PORT=80');
  });

  it('the journal is capped', () => {
    expect(fs.readFileSync(path.join(appliance, 'journald/marketcross.conf'), 'utf8')).toMatch(/SystemMaxUse=\d+M/);
  });
});
