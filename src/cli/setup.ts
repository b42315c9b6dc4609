import fs from 'node:fs';
import { hasSteward } from '../community/community.queries.js';
import { setupSchema, setUpCommunity, type SetupInput } from '../community/setup.js';
import { AppError } from '../http/errors.js';
import { parseInput } from '../http/forms.js';
import {
  configFrom,
  DATA_FLAGS,
  DATA_FLAGS_HELP,
  parseCommandArgs,
  UsageError,
  type Command,
  type CommandIO,
} from './command.js';
import { openBoxDatabase, signInUrl } from './box.js';

const PASSWORD_ENV = 'MARKETCROSS_STEWARD_PASSWORD';

type Field = keyof SetupInput;

/**
 * Each setup answer: its flag (the password has none, see the help) and the question asked in a terminal (none for the
 * language: English unless `--locale` says otherwise, and stewards can change it later on the web).
 */
const QUESTIONS: { field: Field; flag: string | null; question: string | null; optional?: true }[] = [
  { field: 'community_name', flag: 'name', question: 'Community name (e.g. PlaNet Diss): ' },
  { field: 'region', flag: 'region', question: 'Region (e.g. South Norfolk): ' },
  { field: 'lat', flag: 'lat', question: 'Latitude of the community (e.g. 52.3765): ' },
  { field: 'lon', flag: 'lon', question: 'Longitude of the community (e.g. 1.1077): ' },
  { field: 'vouches_required', flag: 'vouches', question: 'Vouches a newcomer needs to join [2]: ', optional: true },
  { field: 'steward_name', flag: 'steward-name', question: 'Your name (the first steward): ' },
  { field: 'steward_contact', flag: 'steward-contact', question: 'Your email or phone, to sign in with: ' },
  { field: 'about', flag: 'about', question: 'A line about the community (optional): ', optional: true },
  { field: 'password', flag: null, question: 'Choose a password (at least 10 characters): ' },
  { field: 'locale', flag: 'locale', question: null, optional: true },
];

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
  locale: { type: 'string' },
  'steward-password-file': { type: 'string' },
} as const;

export const setupCommand: Command = {
  name: 'setup',
  usage: `Usage: marketcross setup [options]

Creates the community and its first steward. Works only until the community has
a steward. In a terminal it asks for whatever the flags leave out; without a
terminal (a provisioning script) every required value must be given.

Options:
  --name NAME               the community's name
  --region REGION           its region, e.g. "South Norfolk"
  --lat LAT --lon LON       where it is, in decimal degrees, e.g. 52.3765 1.1077
  --vouches N               vouches a newcomer needs to become a member (default 2)
  --steward-name NAME       the first steward's name
  --steward-contact TEXT    the steward's email or phone, used to sign in
  --about TEXT              a line about the community (optional)
  --locale en|fr            the community's language, for whoever has not chosen
                            theirs (default en; stewards can change it later)
  --steward-password-file FILE
                            read the steward's password from FILE (first line)
${DATA_FLAGS_HELP}

The password can also come from the environment variable ${PASSWORD_ENV}.
There is no --password flag on purpose: command lines are visible to every
user of the machine (ps, /proc) and are kept in shell history.`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, OPTIONS);
    if (values.help) {
      io.out(this.usage);
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
      const names = missing.map((q) => (q.flag ? `--${q.flag}` : `--steward-password-file (or ${PASSWORD_ENV})`));
      throw new UsageError(`There is no terminal to ask in, so these are needed: ${names.join(', ')}.`);
    }

    const database = await openBoxDatabase(config, io.err);
    try {
      if (await hasSteward(database.db)) {
        io.err(
          `This community is already set up: it has a steward. Sign in at ${signInUrl(config)}, or use another --data-dir for a new community.`,
        );
        return 1;
      }
      if (io.ask) {
        for (const q of QUESTIONS) {
          const question = q.question;
          if (given[q.field] === undefined && question !== null)
            given[q.field] = await askUntilValid(io, { ...q, question });
        }
      }
      const parsed = parseInput(setupSchema, given);
      if (!parsed.ok) {
        reportFieldErrors(io, parsed.errors);
        return 1;
      }
      try {
        const { stewardHandle } = await setUpCommunity(database.db, parsed.value, new Date());
        io.out(`${parsed.value.community_name} is set up. The first steward's handle is @${stewardHandle}.`);
        io.out(
          `Start the box with "marketcross serve" and sign in at ${signInUrl(config)} with ${parsed.value.steward_contact} and your password.`,
        );
        return 0;
      } catch (error) {
        if (error instanceof AppError && error.fields) {
          reportFieldErrors(io, error.fields);
          return 1;
        }
        if (error instanceof AppError) {
          io.err(error.message);
          return 1;
        }
        throw error;
      }
    } finally {
      await database.close();
    }
  },
};

/** The password from the file or the environment, never from a flag; a trailing newline is not part of it. */
function readGivenPassword(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  if (file !== undefined) {
    try {
      return fs.readFileSync(file, 'utf8').split(/\r?\n/)[0];
    } catch (error) {
      throw new UsageError(
        `Cannot read the password file ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}.`,
      );
    }
  }
  return env[PASSWORD_ENV];
}

/** Asks one question again until the answer passes setup's own rule for that field. */
async function askUntilValid(io: CommandIO, q: (typeof QUESTIONS)[number] & { question: string }): Promise<string> {
  const ask = io.ask!;
  for (;;) {
    const answer = await ask(q.question, { secret: q.field === 'password' });
    const parsed = parseInput(setupSchema.pick({ [q.field]: true } as Record<Field, true>), { [q.field]: answer });
    if (!parsed.ok) {
      io.err(Object.values(parsed.errors).join(' '));
      continue;
    }
    if (q.field === 'password' && (await ask('Type the password again: ', { secret: true })) !== answer) {
      io.err('The two passwords differ; try again.');
      continue;
    }
    return answer;
  }
}

function reportFieldErrors(io: CommandIO, errors: Record<string, string>): void {
  const flagOf = (field: string) => {
    const flag = QUESTIONS.find((q) => q.field === field)?.flag;
    return flag === undefined ? field : flag === null ? 'password' : `--${flag}`;
  };
  io.err('Setup was not done; fix these and run it again:');
  for (const [field, message] of Object.entries(errors)) io.err(`  ${flagOf(field)}: ${message}`);
}
