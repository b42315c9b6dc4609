import type { Catalogue } from '../../i18n/catalogue.js';
import { usageEn } from './usage-en.js';

/**
 * What the CLI tells stewards (`cli.*`), in English: the source of every other language. Sentences a steward reads in
 * a terminal keep the terminal's plain quotes; `'<'` writes a `<` (ICU would read a bare one as a tag).
 */
export const en = {
  ...usageEn,
  help: `Marketcross: the community box.

Usage: marketcross '<'command> [options]

Commands:
{commands}

Run "marketcross '<'command> --help" for a command's options.

Messages are in the language given by --locale en|fr (or MARKETCROSS_LOCALE),
else the community's, else the system's (LC_ALL, LC_MESSAGES, LANG), else English.`,
  'flags.data': `  --data-dir DIR   where the database lives (MARKETCROSS_DATA_DIR, default ./data)
  --host HOST      address to listen on (MARKETCROSS_HOST, default 127.0.0.1)
  --port PORT      port to listen on (MARKETCROSS_PORT, default 8080)`,
  'flags.p2p': `  --p2p-listen ADDR  where sibling boxes reach this one, a TCP multiaddr; several
                     separated by commas (MARKETCROSS_P2P_LISTEN, default
                     /ip4/127.0.0.1/tcp/4001; a box for the venue uses
                     /ip4/0.0.0.0/tcp/4001); empty runs the box alone
  --no-p2p           run the box alone, without sibling boxes`,

  'summary.serve': 'run the box: migrate the database, then serve the web app',
  'summary.migrate': 'bring the database schema up to date',
  'summary.setup': 'create the community and its first steward (once)',
  'summary.demo':
    'fill an empty data directory with a demo community (Diss, Eye or Harleston), or run all three federated',
  'summary.membersList': 'list the members: handle, name, kind, status, roles',
  'summary.tokenCreate': 'make an API token for a member; prints the token alone',
  'summary.backup': 'take a verified backup of the database, key and settings now',
  'summary.restore': 'put a backup back in place (the box must be stopped)',
  'summary.doctor': 'check the box: database, disk, backups, clock, jobs, neighbouring towns; says what to do',
  'summary.address': 'how to open the box: its address, a QR code, and the setup code until set up',
  'summary.upgrade': 'switch the box to a new installed version, safely (provision.sh runs it)',
  'summary.peersSelf': "print this box's peer id and the addresses siblings reach it on",
  'summary.peersAdd': 'add (or rename, or re-address) a sibling box',
  'summary.peersList': 'list the sibling boxes',
  'summary.peersRemove': 'take a sibling box off the list',

  'run.needsWord': '"{first}" needs one more word: {subcommands}.',
  'run.or': 'or',
  'run.unknownCommand': 'Unknown command "{first}". Run "marketcross --help" to see the commands.',
  'run.seeHelp': '{reason}\nRun "marketcross {command} --help" for usage.',
  'run.badArguments': '{reason}',
  'run.failed': 'marketcross {command} failed: {reason}',
  noDatabase:
    'There is no Marketcross database in {dataDir}. Check --data-dir (or MARKETCROSS_DATA_DIR), or create a ' +
    'community there with "marketcross setup" or "marketcross demo".',

  'address.loopback': 'This box listens on {host} only, so it opens on the box itself: {url}',
  'address.openToNetwork':
    "To open it to the venue's network, listen on every address: MARKETCROSS_HOST=0.0.0.0 (on a box, in " +
    '/etc/marketcross/marketcross.env, then: sudo systemctl restart marketcross).',
  'address.open': "Open Marketcross in a browser on the venue's network:",
  'address.fromAnyPhone': 'from any phone or computer (or scan the code below)',
  'address.noNetwork':
    'This box has no network address yet: connect it to the venue\'s network (cable or Wi-Fi), then run "sudo ' +
    'marketcross address" again.',
  'address.fromComputers': 'from computers and iPhones',
  'address.alsoOn': '(it also answers on {address})',
  'address.openNamed':
    'Open Marketcross in a browser at {url} (HTTPS), from any phone or computer (or scan the code below)',
  'address.plainRedirects': 'Plain HTTP ({urls}) sends browsers there.',
  'address.noSteward': 'This box has no steward yet. Open {url} and enter the one-time setup code:',
  'address.setUp': 'The community is set up: stewards sign in at {url}',

  'backup.copiedTo': 'Copied to {copy}',

  'doctor.box':
    'Marketcross box in {dataDir}: {pid, select, none {the server is not running} other {the server is running ' +
    '(process {pid})}}.',
  'doctor.mark': '{level, select, ok {[ ok ]} warn {[warn]} other {[FAIL]}}',
  'doctor.check': '{mark} {name}: {detail}',
  'doctor.whatToDo': 'What to do: {advice}',
  'doctor.jobsHeading': 'Scheduled jobs (times in UTC; ! needs attention):',
  'doctor.jobRun':
    'last {result, select, notYet {has not run yet} other {{lastRun}, {result}{message}}}; next {nextRun}',
  'doctor.verdict':
    '{level, select, ok {All is well.} warn {The box works, but something needs attention soon (see above).} other ' +
    '{Something is wrong and needs fixing now (see above).}}',

  'members.badStatus': '--status must be one of: {statuses}.',
  'members.none':
    '{status, select, any {No members yet. Run "marketcross setup" to create the first steward.} other {No ' +
    '{status} members.}}',
  'members.column.handle': 'HANDLE',
  'members.column.name': 'NAME',
  'members.column.kind': 'KIND',
  'members.column.status': 'STATUS',
  'members.column.roles': 'ROLES',
  'members.adminOf': 'admin of {slug}',

  'migrate.done': '{count, plural, =0 {The database is up to date.} other {Applied {count, number} migration(s).}}',

  'peers.peerId': 'Peer id: {peerId}',
  'peers.alone':
    'This box runs alone (no peer listen address): start it with --p2p-listen /ip4/0.0.0.0/tcp/4001 to federate.',
  'peers.addresses': 'Addresses:',
  'peers.addThisOne': 'On a sibling box, its steward adds this one with:',
  'peers.thisTown': 'this town',
  'peers.giveIdAndAddress':
    'Give the sibling\'s peer id and its address, e.g. "marketcross peers add 12D3KooW… /ip4/192.168.1.20/tcp/4001 ' +
    '--name Eye".',
  'peers.giveName': 'Give the sibling a name with --name, e.g. --name Eye.',
  'peers.badSibling': '{reasons}',
  'peers.ownId': "That is this box's own peer id; give the sibling's.",
  'peers.put': '{outcome, select, added {Added} other {Updated}} sibling {name} ({peerId}) at {address}.',
  'peers.none': "No siblings yet. Add one with \"marketcross peers add '<'peer-id> '<'multiaddr> --name NAME\".",
  'peers.never': 'never',
  'peers.counts': 'last seen {seen}\treceived {received, number}\trejected {rejected, number}',
  'peers.giveIdToRemove': 'Give the peer id of the sibling to remove ("marketcross peers list" shows them).',
  'peers.noSuchSibling': 'No sibling has the peer id {peerId}. "marketcross peers list" shows them.',
  'peers.removed': 'Removed sibling {peerId}.',

  'restore.nameOne': 'Name one backup file to restore.',
  'restore.restored': 'Restored the backup taken {takenAt} (Marketcross {version}) into {dataDir}.',
  'restore.replacedKept': 'The database it replaced is kept at {replaced}.',
  'restore.boxFiles': 'Restored box files: {files}.',

  'serve.alreadyRunning': 'A Marketcross server (process {pid}) is already running on {dataDir}.',
  'serve.serving': 'Marketcross {version} is serving {url} (data in {dataDir})',
  'serve.plainRedirects': 'Plain HTTP at {url} sends browsers to HTTPS.',
  'serve.setupCode': 'This box has no steward yet. Open {url} and enter the setup code: {code}',
  'serve.stopping': 'Stopping…',
  'serve.https': 'HTTPS: {what}',
  'serve.httpsFailed': 'HTTPS: could not get a certificate: {reason}',
  'serve.peerListen':
    'The box could not listen for sibling boxes on {addresses}: {reason}. Choose another address with ' +
    '--p2p-listen, or run alone with --no-p2p.',

  'setup.ask.community_name': 'Community name (e.g. PlaNet Diss): ',
  'setup.ask.region': 'Region (e.g. South Norfolk): ',
  'setup.ask.lat': 'Latitude of the community (e.g. 52.3765): ',
  'setup.ask.lon': 'Longitude of the community (e.g. 1.1077): ',
  'setup.ask.vouches_required': 'Vouches a newcomer needs to join [2]: ',
  'setup.ask.steward_name': 'Your name (the first steward): ',
  'setup.ask.steward_contact': 'Your email or phone, to sign in with: ',
  'setup.ask.about': 'A line about the community (optional): ',
  'setup.ask.password': 'Choose a password (at least 10 characters): ',
  'setup.ask.passwordAgain': 'Type the password again: ',
  'setup.noTerminal': 'There is no terminal to ask in, so these are needed: {names}.',
  'setup.passwordFlags': '--steward-password-file (or {passwordEnv})',
  'setup.alreadySetUp':
    'This community is already set up: it has a steward. Sign in at {url}, or use another --data-dir for a new ' +
    'community.',
  'setup.done': "{community} is set up. The first steward's handle is @{handle}.",
  'setup.startAndSignIn':
    'Start the box with "marketcross serve" and sign in at {url} with {contact} and your password.',
  'setup.passwordFile': 'Cannot read the password file {file}: {reason}.',
  'setup.passwordsDiffer': 'The two passwords differ; try again.',
  'setup.notDone': 'Setup was not done; fix these and run it again:',

  'token.defaultName': 'made on the command line',
  'token.whose': 'Say whose token it is with --member HANDLE.',
  'token.noMember': 'There is no member with the handle "{handle}". "marketcross members list" shows the handles.',
  'token.notActive': '{name} (@{handle}) is {status}; only active members can have API tokens.',
  'token.badName': '--name: {reasons}',
  'token.made':
    'Made the API token "{name}" for @{handle}. Keep it secret: it acts as them. They can revoke it on their ' +
    'account page.',

  'upgrade.nameOne': 'Name one release folder to upgrade to, e.g. /opt/marketcross/releases/0.2.0-1a2b3c4d5e6f.',
  'upgrade.badService': '--service takes a systemd service name such as marketcross, not "{service}".',
  'upgrade.alreadyInstalled': 'Marketcross {version} was already installed.',
  'upgrade.upgraded': 'Upgraded from Marketcross {from} to {to}.',
} as const satisfies Catalogue;
