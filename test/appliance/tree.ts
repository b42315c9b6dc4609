import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Gives an empty folder the systemd units a Debian system has (this machine's
 * own), as the image of a real box would: `systemd-analyze --root` needs
 * sysinit.target and friends to check a unit's dependencies.
 */
export function seedBaseSystem(root: string): void {
  fs.cpSync('/usr/lib/systemd/system', path.join(root, 'usr/lib/systemd/system'), {
    recursive: true,
    verbatimSymlinks: true,
  });
}

/**
 * `systemd-analyze verify` on a unit inside an image tree: paths in it (ExecStart=)
 * are looked up in the tree, not on this machine. systemd-analyze prints problems
 * (even unknown keys, which it only warns about) and may still exit 0, so a valid
 * unit is one with no output at all.
 */
export function verifyUnitInTree(root: string, unit: string): { status: number | null; output: string } {
  const run = spawnSync('systemd-analyze', [`--root=${root}`, 'verify', path.join(root, unit)], { encoding: 'utf8' });
  if (run.error) throw run.error;
  return { status: run.status, output: run.stdout + run.stderr };
}
