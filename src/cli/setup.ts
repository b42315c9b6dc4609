import fs from 'node:fs';
import { hasSteward } from '../community/community.queries.js';
import { setupSchema, setUpCommunity, type SetupInput } from '../community/setup.js';
import type { OpenDatabase } from '../db/open.js';
import { DomainError, fieldsOf } from '../lib/errors.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { msg } from '../lib/messages.js';
import { openBoxDatabase, signInUrl } from './box.js';
import {
  type CliIO,
  configFrom,
  DATA_FLAGS,
  parseCommandArgs,
  UsageError,
  usageText,
  type Command,
} from './command.js';
import type { Config } from '../config.js';

const PASSWORD_ENV = 'MARKETCROSS_STEWARD_PASSWORD';

type Field = keyof SetupInput;

/**
 * Each setup answer: its flag (the password has none, see the help) and whether a terminal asks for it (the question
 * is `cli.setup.ask.<field>`; none for the language: English unless `--locale` says otherwise, and stewards can change
 * it later on the web).
 */
const QUESTIONS: { field: Field; flag: string | null; asked: boolean; optional?: true }[] = [
  { field: 'community_name', flag: 'name', asked: true },
  { field: 'region', flag: 'region', asked: true },
  { field: 'lat', flag: 'lat', asked: true },
  { field: 'lon', flag: 'lon', asked: true },
  { field: 'vouches_required', flag: 'vouches', asked: true, optional: true },
  { field: 'steward_name', flag: 'steward-name', asked: true },
  { field: 'steward_contact', flag: 'steward-contact', asked: true },
  { field: 'about', flag: 'about', asked: true, optional: true },
  { field: 'password', flag: null, asked: true },
  { field: 'locale', flag: 'locale', asked: false, optional: true },
];

type Question = (typeof QUESTIONS)[number];

const OPTIONS = {
  ...DATA_FLAGS,
  name: { type: 'string' },
  region: { type: 'string' },
  lat: { type: 'string' },
  lon: { type: 'string' },
  vouches: { type: 'string' },
  'steward-name': { type: 'string' },
  'steward-contact': { type: 'string' },
  about: { type: 'string' },
  'steward-password-file': { type: 'string' },
} as const;

export const setupCommand: Command = {
  name: 'setup',
  usage: (words) => usageText(words, 'cli.usage.setup', { passwordEnv: PASSWORD_ENV }),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);

    const given: Partial<Record<Field, string>> = {};
    for (const { field, flag } of QUESTIONS) {
      const value = flag ? (values as Record<string, string | undefined>)[flag] : undefined;
      if (value !== undefined) given[field] = value;
    }
    const password = readGivenPassword(values['steward-password-file'], io.env);
    if (password !== undefined) given.password = password;

    const missing = QUESTIONS.filter((q) => !q.optional && given[q.field] === undefined);
    if (missing.length > 0 && !io.ask) {
      const password = io.words.t('cli.setup.passwordFlags', { passwordEnv: PASSWORD_ENV });
      const names = missing.map((q) => (q.flag ? `--${q.flag}` : password));
      throw new UsageError(msg('cli.setup.noTerminal', { names: names.join(', ') }));
    }

    const database = await openBoxDatabase(config, io);
    try {
      return await setUp(database, config, given, io);
    } finally {
      await database.close();
    }
  },
};

/** Asks for what is missing, checks it all, and creates the community; the exit code. */
async function setUp(
  database: OpenDatabase,
  config: Config,
  given: Partial<Record<Field, string>>,
  io: CliIO,
): Promise<number> {
  const { t } = io.words;
  if (await hasSteward(database.db)) {
    io.err(t('cli.setup.alreadySetUp', { url: signInUrl(config) }));
    return 1;
  }
  if (io.ask) {
    for (const q of QUESTIONS) if (given[q.field] === undefined && q.asked) given[q.field] = await askUntilValid(io, q);
  }
  const read = readInput(setupSchema, given);
  if (!read.ok) {
    reportFieldErrors(io, fieldWords(read.problems, t));
    return 1;
  }
  try {
    const { stewardHandle } = await setUpCommunity(database.db, read.value, new Date());
    io.out(t('cli.setup.done', { community: read.value.community_name, handle: stewardHandle }));
    io.out(t('cli.setup.startAndSignIn', { url: signInUrl(config), contact: read.value.steward_contact }));
    return 0;
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    const fields = fieldsOf(error);
    if (Object.keys(fields).length > 0) reportFieldErrors(io, fieldWords(fields, t));
    else io.err(t(error.reason));
    return 1;
  }
}

/** The password from the file or the environment, never from a flag; a trailing newline is not part of it. */
function readGivenPassword(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (file !== undefined) {
    try {
      return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      throw new UsageError(msg('cli.setup.passwordFile', { file, reason }));
    }
  }
  return env[PASSWORD_ENV];
}

/** Asks one question again until the answer passes setup's own rule for that field. */
async function askUntilValid(io: CliIO, q: Question): Promise<string> {
  const ask = io.ask!;
  const { t } = io.words;
  for (;;) {
    const answer = await ask(t(`cli.setup.ask.${q.field}`), { secret: q.field === 'password' });
    const read = readInput(setupSchema.pick({ [q.field]: true } as Record<Field, true>), { [q.field]: answer });
    if (!read.ok) {
      io.err(Object.values(fieldWords(read.problems, t)).join(' '));
      continue;
    }
    if (q.field === 'password' && (await ask(t('cli.setup.ask.passwordAgain'), { secret: true })) !== answer) {
      io.err(t('cli.setup.passwordsDiffer'));
      continue;
    }
    return answer;
  }
}

function reportFieldErrors(io: CliIO, errors: Record<string, string>): void {
  const flagOf = (field: string) => {
    const flag = QUESTIONS.find((q) => q.field === field)?.flag;
    return flag === undefined ? field : flag === null ? 'password' : `--${flag}`;
  };
  io.err(io.words.t('cli.setup.notDone'));
  for (const [field, message] of Object.entries(errors)) io.err(`  ${flagOf(field)}: ${message}`);
}
