import type { MemberKind, MemberStatus } from '../members/members.table.js';
import { findMembersWithStatus } from '../members/members.queries.js';
import { withBoxDatabase } from './box.js';
import { msg } from '../lib/messages.js';
import type { Translate } from '../i18n/translate.js';
import { configFrom, DATA_FLAGS, parseCommandArgs, UsageError, usageText, type Command } from './command.js';
import { findGroupsAdministered } from './members-list.queries.js';

const STATUSES: MemberStatus[] = ['pending', 'active', 'declined', 'suspended'];

/** One line of the list: what a steward needs to manage the box, not a profile. */
interface MemberListing {
  handle: string;
  name: string;
  kind: MemberKind;
  status: MemberStatus;
  /** The community role ("member" or "steward"), then "admin of <slug>" for each group the member administers. */
  roles: string[];
}

export const membersListCommand: Command = {
  name: 'members list',
  usage: (words) => usageText(words, 'cli.usage.membersList', { statuses: STATUSES.join(', ') }),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, json: { type: 'boolean' }, status: { type: 'string' } });
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const status = values.status;
    if (status !== undefined && !STATUSES.includes(status as MemberStatus)) {
      throw new UsageError(msg('cli.members.badStatus', { statuses: STATUSES.join(', ') }));
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io, async (database) => {
      const [records, administered] = await Promise.all([
        findMembersWithStatus(database.db, status ? [status as MemberStatus] : STATUSES),
        findGroupsAdministered(database.db),
      ]);
      const members: MemberListing[] = records.map((m) => ({
        handle: m.handle,
        name: m.displayName,
        kind: m.kind,
        status: m.status,
        roles: [m.role, ...(administered.get(m.id) ?? []).map((slug) => `admin of ${slug}`)],
      }));
      if (values.json) io.out(JSON.stringify(members, null, 2));
      else if (members.length === 0) io.err(io.words.t('cli.members.none', { status: status ?? 'any' }));
      else io.out(formatTable(members, io.words.t));
      return 0;
    });
  },
};

/** The list for people: the heading and roles in the CLI's language (kinds and statuses are the database's words). */
function formatTable(members: MemberListing[], t: Translate): string {
  const heading = ['handle', 'name', 'kind', 'status', 'roles'].map((column) => t(`cli.members.column.${column}`));
  const roles = (m: MemberListing) =>
    m.roles.map((role) => (role.startsWith('admin of ') ? t('cli.members.adminOf', { slug: role.slice(9) }) : role));
  const rows = [heading, ...members.map((m) => [m.handle, m.name, m.kind, m.status, roles(m).join(', ')])];
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => [...row[column]!].length)));
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column === row.length - 1 ? cell : cell.padEnd(widths[column]! + cell.length - [...cell].length),
        )
        .join('  '),
    )
    .join('\n');
}
