import type { DB } from '../db/database.js';
import { findCommunityLocale } from '../i18n/language.queries.js';
import { isLocale, type Locale } from '../i18n/locales.js';
import { createTranslator, type Translate, type Translator } from '../i18n/translate.js';
import { catalogues } from '../messages.js';

/**
 * The language the CLI speaks to a steward, chosen in this order:
 *
 *  1. `--locale en|fr` on the command line, else the `MARKETCROSS_LOCALE` environment variable: what the person at the
 *     keyboard asked for (a value the box does not speak is skipped; `setup`, which stores the flag as the
 *     community's language, refuses it);
 *  2. the community's default language (`community.default_locale`, chosen at setup, changed by stewards), once the
 *     command has opened the database: the box's stewards share it, whatever the machine's settings;
 *  3. the system's locale, as POSIX orders it: `LC_ALL`, else `LC_MESSAGES`, else `LANG` (`fr_BE.UTF-8` is `fr`; the
 *     first one set decides, so `LC_ALL=C` means English);
 *  4. English.
 *
 * Words printed before the database is open (help, a mistyped flag, the configuration's errors) follow 1, 3 and 4;
 * `setup` before the community exists likewise. `openBoxDatabase` adopts the community's default.
 */
export const LOCALE_ENV = 'MARKETCROSS_LOCALE';

let sharedTranslator: Translator | undefined;

/** One translator over every catalogue, made on first use (the CLI's help needs no more than that). */
function translator(): Translator {
  sharedTranslator ??= createTranslator(catalogues);
  return sharedTranslator;
}

export class CliWords {
  private community: Locale | null = null;

  constructor(
    /** The language asked for with `--locale` or `MARKETCROSS_LOCALE`, if any. */
    private readonly asked: Locale | null,
    /** The system's language (`LC_ALL`, `LC_MESSAGES`, `LANG`), if it is one the box speaks. */
    private readonly system: Locale | null,
  ) {}

  get locale(): Locale {
    return this.asked ?? this.community ?? this.system ?? 'en';
  }

  /** Whether the language was asked for explicitly (a release's own commands are then told it too). */
  get explicit(): Locale | null {
    return this.asked;
  }

  /** The words of a message in the CLI's language at the time of the call. */
  readonly t: Translate = (key, values) => translator().forLocale(this.locale)(key, values);

  /** Follows the community's default language from now on, unless one was asked for. */
  async adoptCommunityDefault(db: DB): Promise<void> {
    const stored = await findCommunityLocale(db).catch(() => null);
    this.community = isLocale(stored) ? stored : null;
  }
}

/** The system's language from the POSIX variables, or null (unset, `C`, `POSIX`, or a language the box lacks). */
export function systemLocale(env: NodeJS.ProcessEnv): Locale | null {
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const value = env[name];
    if (!value) continue;
    const language = value.split(/[_.@-]/)[0]!.toLowerCase();
    return isLocale(language) ? language : null;
  }
  return null;
}

/**
 * The `--locale` value anywhere on the command line (`--locale fr` or `--locale=fr`), and the arguments without it
 * when it came before the command's name (`marketcross --locale fr --help`). After the name it stays: every command
 * accepts the flag, and `setup` also stores it as the community's language.
 */
export function localeFlag(argv: readonly string[]): { value: string | undefined; argv: string[] } {
  let value: string | undefined;
  const rest: string[] = [];
  let leading = true;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const inline = /^--locale=(.*)$/.exec(arg);
    if (arg === '--locale' || inline) {
      value = inline ? inline[1] : argv[i + 1];
      const taken = inline ? [arg] : argv.slice(i, i + 2);
      if (!inline) i++;
      if (!leading) rest.push(...taken);
      continue;
    }
    if (!arg.startsWith('-')) leading = false;
    rest.push(arg);
  }
  return { value, argv: rest };
}

/** The CLI's words for one run; `flag` is the `--locale` value given, if any (checked by the caller). */
export function cliWords(flag: string | undefined, env: NodeJS.ProcessEnv): CliWords {
  const fromEnv = env[LOCALE_ENV];
  const asked = isLocale(flag) ? flag : isLocale(fromEnv) ? fromEnv : null;
  return new CliWords(asked, systemLocale(env));
}
