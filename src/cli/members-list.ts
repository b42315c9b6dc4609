import type { MemberKind, MemberStatus } from '../members/members.table.js';
import { findMembersWithStatus } from '../members/members.queries.js';
import { withBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, UsageError, type Command } from './command.js';
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
  usage: `Usage: marketcross members list [--json] [--status STATUS] [options]

Lists every member, in the order they joined, with their handle, name, kind,
status and roles (the community role, "member" or "steward", then each group
they administer).

Options:
  --json           one JSON array on standard output, for scripts
  --status STATUS  only members with this status: ${STATUSES.join(', ')}
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, { ...DATA_FLAGS, json: { type: 'boolean' }, status: { type: 'string' } });
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const status = values.status;
    if (status !== undefined && !STATUSES.includes(status as MemberStatus)) {
      throw new UsageError(`--status must be one of: ${STATUSES.join(', ')}.`);
    }
    const config = configFrom(values, io.env);
    return withBoxDatabase(config, io.err, async (database) => {
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
      else if (members.length === 0)
        io.err(
          status ? `No ${status} members.` : 'No members yet. Run "marketcross setup" to create the first steward.',
        );
      else io.out(formatTable(members));
      return 0;
    });
  },
};

function formatTable(members: MemberListing[]): string {
  const rows = [
    ['HANDLE', 'NAME', 'KIND', 'STATUS', 'ROLES'],
    ...members.map((m) => [m.handle, m.name, m.kind, m.status, m.roles.join(', ')]),
  ];
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
