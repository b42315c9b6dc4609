import { createApiToken } from '../auth/api-tokens.js';
import { DomainError, fieldsOf } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { findMemberByHandle } from '../members/members.queries.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, UsageError, usageText, type Command } from './command.js';

export const tokenCreateCommand: Command = {
  name: 'token create',
  usage: (words) => usageText(words, 'cli.usage.tokenCreate', { defaultName: words.t('cli.token.defaultName') }),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, member: { type: 'string' }, name: { type: 'string' } });
    const { t } = io.words;
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const handle = values.member?.trim().replace(/^@/, '').toLowerCase();
    if (!handle) throw new UsageError(msg('cli.token.whose'));
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      const member = await findMemberByHandle(database.db, handle);
      if (!member) {
        io.err(t('cli.token.noMember', { handle }));
        return 1;
      }
      // Tokens of members who are not active do not work (the API checks on every use); making one would only mislead.
      if (member.status !== 'active') {
        io.err(t('cli.token.notActive', { name: member.displayName, handle, status: member.status }));
        return 1;
      }
      const name = values.name ?? t('cli.token.defaultName');
      let token: string;
      try {
        token = await createApiToken(database.db, member.id, name, new Date());
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        const reasons =
          Object.values(fieldsOf(error))
            .map((problem) => t(problem))
            .join(' ') || t(error.reason);
        throw new UsageError(msg('cli.token.badName', { reasons }));
      }
      io.out(token);
      io.err(t('cli.token.made', { name: name.trim(), handle }));
      return 0;
    });
  },
};
