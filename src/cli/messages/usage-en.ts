import type { Catalogue } from '../../i18n/catalogue.js';

/**
 * The help of every command (`marketcross <command> --help`), part of the CLI's catalogue (`cli.usage.*`). Each is
 * wrapped at 80 columns; `{dataFlags}` and `{p2pFlags}` are the shared flags' lines (`cli.flags.*`). ICU quoting:
 * '<' writes a '<' (a bare one would open a tag).
 */
export const usageEn = {
  'usage.serve': `Usage: marketcross serve [options]

Runs the web app until stopped (Ctrl-C or SIGTERM). Brings the database up to
date first. Until the community has a steward, prints a one-time setup code for
the /setup page.

Sibling boxes (neighbouring towns) reach this one on the peer listen address;
"marketcross peers" manages the list of siblings.

Options:
{dataFlags}
{p2pFlags}`,
  'usage.migrate': `Usage: marketcross migrate [options]

Applies every pending migration in one transaction: if one fails, the database
is left as it was and the command exits non-zero.

Options:
{dataFlags}`,
  'usage.setup': `Usage: marketcross setup [options]

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
{dataFlags}

The password can also come from the environment variable {passwordEnv}.
There is no --password flag on purpose: command lines are visible to every
user of the machine (ps, /proc) and are kept in shell history.`,
  'usage.membersList': `Usage: marketcross members list [--json] [--status STATUS] [options]

Lists every member, in the order they joined, with their handle, name, kind,
status and roles (the community role, "member" or "steward", then each group
they administer).

Options:
  --json           one JSON array on standard output, for scripts
  --status STATUS  only members with this status: {statuses}
{dataFlags}`,
  'usage.tokenCreate': `Usage: marketcross token create --member HANDLE [--name NAME] [options]

Makes a personal access token for the JSON API (/api/v1/…) that acts as the
member. Prints the token alone on standard output, so a script can capture it:
  TOKEN=$(marketcross token create --member maggie-hart --name backup-script)
Everything else goes to standard error. The token is shown only this once; the
member sees it, and can revoke it, on their account page.

Options:
  --member HANDLE  the active member the token acts as
  --name NAME      what the token is for (default "{defaultName}")
{dataFlags}`,
  'usage.backup': `Usage: marketcross backup [options]

Writes one file, '<'data dir>/backups/marketcross-manual-'<'UTC time>.db: a consistent
copy of the database (safe while the box runs) with the box's key and settings,
checked (integrity, row counts). It is kept until you delete it: only the nightly
backups are pruned (the last 14 daily and 8 weekly are kept). A USB drive holding a file named
.marketcross-backups (mounted under /media or /mnt) gets a copy too.

Options:
{dataFlags}`,
  'usage.restore': `Usage: marketcross restore '<'backup file> [options]

Checks the backup first (integrity, row counts), then replaces the database,
the box's key and its settings with the ones in the backup. The database it
replaces is kept in '<'data dir>/replaced/. Refuses while the server runs: stop
it first (on a box: sudo systemctl stop marketcross).

Options:
{dataFlags}`,
  'usage.doctor': `Usage: marketcross doctor [options]

Checks the database, the free disk space, the latest backup, the clock, the
scheduled jobs (the nightly backup, reminders, tidying: a job that failed its
last run, or did not run when it should have, is a warning) and the
neighbouring towns (which the server saw in the last few minutes; one away for
more than a day is a warning), says what to do about each problem, and lists
each job's last run. Exit code 0 when nothing
needs fixing now, 1 when something does. Safe to run while the box is serving.

Options:
{dataFlags}`,
  'usage.address': `Usage: marketcross address [options]

Prints how people on the venue's network open the box: its IP address (which
every phone can open), its .local name (computers and iPhones), and a QR code
of the address to scan with a phone's camera. Until the community has a
steward, it also prints the one-time setup code for the /setup page, making
the database and the code if there are none yet (the server shows the same
code). provisioning/provision.sh runs it when it has installed the box.

Options:
{dataFlags}`,
  'usage.upgrade': `Usage: marketcross upgrade '<'release folder> [--service NAME] [options]

Switches the box to another installed version: a release folder in
/opt/marketcross/releases/, prepared by provisioning/provision.sh (which runs
this command when it is run again with a new version of Marketcross).

  1. takes a backup of the database, key and settings, and checks it;
  2. points /opt/marketcross/current at the new release;
  3. runs the new release's database migrations;
  4. with --service, starts the service again and waits until it answers.

If a step fails, it puts the previous version back, restores the database
from that backup, and exits 1 saying what happened and what to do.

It never changes the database under a running server. With --service NAME it
stops that systemd service first and starts it again at the end (the new
version, or the previous one after a failure); without it, it refuses while
a server runs: stop it first.

Run it as root: it changes /opt/marketcross and the service. The backup,
migrations and restore run as the owner of the data directory, so every file
they write stays the service's.

Options:
  --service NAME   the systemd service running the box (on a box: marketcross)
{dataFlags}
  (--host and --port say where the restarted service answers /healthz.)`,
  'usage.peersSelf': `Usage: marketcross peers self [options]

Prints this box's peer id (making the box's key if it has none yet) and the
addresses sibling boxes can reach it on, and the line a sibling's steward types
to add it.

Options:
{dataFlags}
{p2pFlags}`,
  'usage.peersAdd': `Usage: marketcross peers add '<'peer-id> '<'multiaddr> --name NAME [options]

Adds a sibling box: this box will connect to it, accept the listings it
shares, and share its own regional listings with it. Both boxes' stewards must
add each other. Adding a box already on the list updates its name and address.

  '<'peer-id>     the sibling's peer id ("marketcross peers self" on that box)
  '<'multiaddr>   where to reach it, such as /ip4/192.168.1.20/tcp/4001

Options:
  --name NAME   what to call it, usually its town (required)
{dataFlags}`,
  'usage.peersList': `Usage: marketcross peers list [--json] [options]

Lists the sibling boxes: name, peer id, address, when last seen, and how many
records each sent that were accepted and rejected. Whether each is connected
now is on the stewards' page of the running box.

Options:
  --json           one JSON array on standard output, for scripts
{dataFlags}`,
  'usage.peersRemove': `Usage: marketcross peers remove '<'peer-id> [options]

Takes a sibling off the list: this box disconnects from it, refuses it from
then on, and stops showing the listings it shared.

Options:
{dataFlags}`,
} as const satisfies Catalogue;
