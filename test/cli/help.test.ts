import { describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { cli } from './cli-io.js';

describe('marketcross --help', () => {
  it('lists every command', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const name of ['serve', 'migrate', 'setup', 'demo', 'members list', 'token create'])
      expect(run.out).toContain(`  ${name} `);
  });

  it.each(commands.map((c) => c.name))('"%s --help" explains the command and exits 0', async (name) => {
    const run = await cli([...name.split(' '), '--help']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Usage: marketcross ${name}`);
    expect(run.out).toContain('--data-dir');
  });

  it.each(commands.map((c) => [c.name, c] as const))(
    'the command table loads the "%s" command by that name',
    async (name, entry) => {
      expect((await entry.load()).name).toBe(name);
    },
  );

  it('refuses an unknown command or flag with exit code 2', async () => {
    const unknown = await cli(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('Unknown command "frobnicate"');
    const half = await cli(['members']);
    expect(half.code).toBe(2);
    expect(half.err).toContain('"marketcross members list"');
    const flag = await cli(['members', 'list', '--colour']);
    expect(flag.code).toBe(2);
    expect(flag.err).toContain('marketcross members list --help');
  });
});
