import fs from 'node:fs';

/** The systemd unit the box runs under: benchmarks start the server the way it does. */
export const UNIT = 'appliance/systemd/marketcross.service';

/** What the unit gives node: the flags before the script in `ExecStart=`, and the `Environment=` variables. */
export function productionLaunch(unitText = fs.readFileSync(UNIT, 'utf8')): { nodeFlags: string[]; env: Record<string, string> } {
  const env: Record<string, string> = {};
  let nodeFlags: string[] = [];
  for (const line of unitText.split('\n')) {
    const environment = /^Environment=(.*)$/.exec(line.trim());
    if (environment) {
      for (const [, quoted, bare] of environment[1]!.matchAll(/"([^"]*)"|(\S+)/g)) {
        const assignment = quoted ?? bare!;
        const eq = assignment.indexOf('=');
        env[assignment.slice(0, eq)] = assignment.slice(eq + 1);
      }
    }
    const exec = /^ExecStart=(\S+)\s+(.*)$/.exec(line.trim());
    if (exec) {
      const words = exec[2]!.split(/\s+/);
      nodeFlags = words.slice(0, words.findIndex((w) => w.endsWith('.js')));
    }
  }
  return { nodeFlags, env };
}
