import { createApiToken } from '../auth/api-tokens.js';
import { ValidationError } from '../http/errors.js';
import { findMemberByHandle } from '../members/members.queries.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, UsageError, type Command } from './command.js';

const DEFAULT_NAME = 'made on the command line';

export const tokenCreateCommand: Command = {
  name: 'token create',
  usage: `Usage: marketcross token create --member HANDLE [--name NAME] [options]

Makes a personal access token for the JSON API (/api/v1/…) that acts as the
member. Prints the token alone on standard output, so a script can capture it:
  TOKEN=$(marketcross token create --member maggie-hart --name backup-script)
Everything else goes to standard error. The token is shown only this once; the
member sees it, and can revoke it, on their account page.

Options:
  --member HANDLE  the active member the token acts as
  --name NAME      what the token is for (default "${DEFAULT_NAME}")
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, member: { type: 'string' }, name: { type: 'string' } });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const handle = values.member?.trim().replace(/^@/, '').toLowerCase();
    if (!handle) throw new UsageError('Say whose token it is with --member HANDLE.');
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
      const member = await findMemberByHandle(database.db, handle);
      if (!member) {
        io.err(`There is no member with the handle "${handle}". "marketcross members list" shows the handles.`);
        return 1;
      }
      // Tokens of members who are not active do not work (the API checks on every use); making one would only mislead.
      if (member.status !== 'active') {
        io.err(`${member.displayName} (@${handle}) is ${member.status}; only active members can have API tokens.`);
        return 1;
      }
      const name = values.name ?? DEFAULT_NAME;
      let token: string;
      try {
        token = await createApiToken(database.db, member.id, name, new Date());
      } catch (error) {
        if (error instanceof ValidationError)
          throw new UsageError(`--name: ${Object.values(error.fields ?? {}).join(' ')}`);
        throw error;
      }
      io.out(token);
      io.err(
        `Made the API token "${name.trim()}" for @${handle}. Keep it secret: it acts as them. They can revoke it on their account page.`,
      );
      return 0;
    });
  },
};
