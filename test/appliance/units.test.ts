import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const appliance = path.join(process.cwd(), 'appliance');

describe('appliance files', () => {
  it('the service unit passes systemd-analyze verify', () => {
    // systemd-analyze prints problems (even unknown keys, which it only warns about) and may still exit 0: no output means a valid unit.
    const run = spawnSync('systemd-analyze', ['verify', path.join(appliance, 'systemd/marketcross.service')], { encoding: 'utf8' });
    expect(run.error).toBeUndefined();
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
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
