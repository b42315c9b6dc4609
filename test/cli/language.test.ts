import { afterAll, describe, expect, it } from 'vitest';
import { commands } from '../../src/cli/commands.js';
import { localeFlag, systemLocale } from '../../src/cli/language.js';
import { cli, tempDataDir } from './cli-io.js';

describe('the language of the CLI', () => {
  it('reads the system’s locale as POSIX orders it, and finds --locale before or after the command', () => {
    expect(systemLocale({ LANG: 'fr_BE.UTF-8' })).toBe('fr');
    expect(systemLocale({ LC_MESSAGES: 'fr_FR', LANG: 'en_GB.UTF-8' })).toBe('fr');
    expect(systemLocale({ LC_ALL: 'C', LANG: 'fr_FR.UTF-8' })).toBeNull();
    expect(systemLocale({ LANG: 'de_DE.UTF-8' })).toBeNull();
    expect(systemLocale({})).toBeNull();
    expect(localeFlag(['--locale', 'fr', '--help'])).toEqual({ value: 'fr', argv: ['--help'] });
    expect(localeFlag(['doctor', '--locale=fr'])).toEqual({ value: 'fr', argv: ['doctor', '--locale=fr'] });
  });

  it('speaks French with --locale fr, MARKETCROSS_LOCALE=fr or LANG=fr_FR.UTF-8, and English otherwise', async () => {
    const help = await cli(['--locale', 'fr', '--help']);
    expect(help.out).toContain('Commandes :');
    expect(help.out).toContain('vérifie le boîtier');
    expect((await cli(['--help'], { env: { MARKETCROSS_LOCALE: 'fr' } })).out).toContain('Commandes :');
    expect((await cli(['--help'], { env: { LANG: 'fr_FR.UTF-8' } })).out).toContain('Commandes :');
    expect((await cli(['--help'], { env: { LC_ALL: 'C', LANG: 'fr_FR.UTF-8' } })).out).toContain('Commands:');
    expect((await cli(['--help'], { env: { LANG: 'fr_FR.UTF-8', MARKETCROSS_LOCALE: 'en' } })).out).toContain(
      'Commands:',
    );

    const unknown = await cli(['frobnicate'], { env: { LANG: 'fr_FR.UTF-8' } });
    expect(unknown).toMatchObject({
      code: 2,
      err: expect.stringContaining('Commande inconnue «\u00a0frobnicate\u00a0»'),
    });
    const port = await cli(['doctor', '--port', 'eighty', '--locale', 'fr']);
    expect(port.code).toBe(1);
    expect(port.err).toContain('Le port (--port / MARKETCROSS_PORT) «\u00a0eighty\u00a0» n’est pas un nombre entier');
    const data = tempDataDir();
    try {
      const missing = await cli(['members', 'list', '--data-dir', data.dir], { env: { LANG: 'fr_FR.UTF-8' } });
      expect(missing.code).toBe(1);
      expect(missing.err).toContain('Il n’y a pas de base de données Marketcross');
    } finally {
      data.remove();
    }
  });

  it.each(commands.map((c) => c.name))('"%s --help" in French', async (name) => {
    const run = await cli([...name.split(' '), '--help', '--locale', 'fr']);
    expect(run.code).toBe(0);
    expect(run.out).toContain(`Usage : marketcross ${name}`);
    expect(run.out).toContain('--data-dir DOSSIER');
  });
});

describe('a community whose language is French', () => {
  const data = tempDataDir();
  afterAll(() => data.remove());
  const env = { MARKETCROSS_STEWARD_PASSWORD: 'a-long-steward-password' };

  it('speaks French once the database is open, unless the person at the keyboard asks for English', async () => {
    const setup = await cli(
      [
        'setup',
        '--data-dir',
        data.dir,
        ...['--name', 'SEL de Namur', '--region', 'Province de Namur', '--lat', '50.4669', '--lon', '4.8675'],
        ...['--steward-name', 'Anne Dubois', '--steward-contact', 'anne@example.org', '--locale', 'fr'],
      ],
      { env },
    );
    expect(setup.code).toBe(0);
    expect(setup.out).toContain('SEL de Namur est installée.');
    expect(setup.out).toContain('Démarrez le boîtier avec «\u00a0marketcross serve\u00a0»');

    const list = await cli(['members', 'list', '--data-dir', data.dir]);
    expect(list.out).toMatch(/^IDENTIFIANT +NOM +TYPE +STATUT +RÔLES$/m);
    expect((await cli(['members', 'list', '--data-dir', data.dir, '--locale', 'en'])).out).toMatch(/^HANDLE +NAME/m);

    const doctor = await cli(['doctor', '--data-dir', data.dir]);
    expect(doctor.code).toBe(1);
    expect(doctor.out).toContain('[ÉCHEC] Sauvegardes\u00a0: Il n’y a encore aucune sauvegarde.');
    expect(doctor.out).toContain('Que faire\u00a0: Faites-en une maintenant\u00a0: marketcross backup.');
    expect(doctor.out).toContain('[ ok ] Base de données');
    expect(doctor.out).toContain('doit être réparé maintenant');
  });
});
