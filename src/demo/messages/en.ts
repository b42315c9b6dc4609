import type { Catalogue } from '../../i18n/catalogue.js';

/** What `marketcross demo` prints (the demo data itself is user data: names, listings, stay as written). */
export const en = {
  usage: `Usage: marketcross demo [--town TOWN] [--if-empty] [options]
       marketcross demo --region [--data-dir DIR] [--port PORT] [--p2p-port PORT]

Creates a demo community. By default {community}: about 30 members in
Diss and the villages around it, groups three levels deep, two join requests
waiting for vouches, about 300 listings and a ledger, and a steward to sign in
as. --town eye or --town harleston makes a smaller one (about 10 members, 50
listings, half of them shared with neighbouring towns) in that town, so
separate boxes can be started by hand and made siblings ("marketcross peers").
Every demo town is in the region "{region}". Every demo member's password
is printed: never use the demo for a real community.

It refuses to touch a data directory that already holds a community.

--region starts the three demo towns' boxes together on this machine, made
siblings of each other: Diss, Eye and Harleston, each with its own data folder
under DIR (default ./{parent}, each filled on first use), web port
(PORT, PORT+1, PORT+2; default {webPort}) and peer port on 127.0.0.1 (default
{p2pPort}, {p2pPort1}, {p2pPort2}). A listing shared with neighbouring towns in one box
appears in the others' search. Ctrl-C stops all three.

Options:
  --town TOWN      which demo town: {towns} (default diss)
  --if-empty       when the data directory already holds a community, leave it
                   and exit successfully (for scripts that start the demo box)
  --region         run the three towns' boxes, federated (see above)
  --p2p-port PORT  with --region: the first peer port (default {p2pPort})
{dataFlags}`,
  regionWithTown: '--region runs all three demo towns; leave out --town.',
  p2pPortAlone: '--p2p-port goes with --region.',
  noSuchTown: 'There is no demo town "{town}": choose one of {towns}.',
  badPort: '{flag} must be a port number from 1 to 65533 (the boxes use it and the next two).',
  alreadyThere:
    'The demo community {name} is already in {dataDir}; left as it is. Sign in as {contact} with the demo password ' +
    '"{password}" (unless it was changed).',
  otherLeft: '{dataDir} already holds a community ({name}); left as it is.',
  notEmpty:
    '{dataDir} already holds a community ({name}); the demo only fills an empty data directory. Use another one, ' +
    'e.g. "marketcross demo --data-dir data-demo".',
  created: 'Created the DEMO community {community} in {dataDir} ({seconds, number, ::.0 group-off} s):',
  counts:
    '{members, number} members ({pending, number} join {pending, plural, one {request} other {requests}} ' +
    'waiting for vouches), ' +
    '{groups, number} groups, {places, number} places, {listings, number} listings.',
  signInAs: 'Sign in as the steward:',
  handle: 'handle:',
  email: 'email:',
  password: 'password:',
  isADemo:
    'This is a demo: every demo member has that same password. Start the box with "marketcross serve --data-dir ' +
    '{dataDir}" and open {url}.',
  'region.alreadyRunning':
    'A Marketcross server (process {pid}) is already running on {dataDir}. Stop it first (is another "marketcross ' +
    'demo --region" running?).',
  'region.portInUse':
    "Port {port} on {host} ({town}'s {what, select, web {web} other {peer}} port) is already in use. Choose other " +
    'ports with --port (web, default {webPort}) and --p2p-port (peers, default {p2pPort}); each box takes the next ' +
    'one.',
  'region.couldNotAdd': 'Could not add {sibling} as a sibling of {town}: {reason}',
  'region.siblings': '{town}: siblings {siblings}',
  'region.created':
    '{town}: created the DEMO community {community} in {dataDir} ' +
    '({members, number} members, {listings, number} listings, ' +
    '{seconds, number, ::.0 group-off} s).',
  'region.otherCommunity':
    '{dataDir} holds the community {name} (region {region}), not the {town} demo. Use another folder with ' +
    '--data-dir, or delete that one.',
  'region.reusing': '{town}: using the demo community already in {dataDir}.',
  'region.stoppedBeforeServing':
    'The {town} box stopped before it was serving ({bySignal, select, yes {signal {signal}} other {exit code ' +
    '{code}}}); see its lines above. Stopping the others.',
  'region.noneLeft':
    'The {town} box stopped ({bySignal, select, yes {signal {signal}} other {exit code {code}}}); no box is left ' +
    'running.',
  'region.oneStopped':
    'The {town} box stopped {clean, select, yes {} other {unexpectedly }}({bySignal, select, yes {signal {signal}} ' +
    'other {exit code {code}}}); {others} keep running. Ctrl-C stops them.',
  'region.and': ' and ',
  'region.stopping': 'Stopping {towns}…',
  'region.killing': 'The {town} box did not stop within {seconds} s: killing it.',
  'region.running': 'Three federated DEMO boxes are running, region "{region}", each a sibling of the other two:',
  'region.signIn': 'sign in: {contact} / {password}',
  'region.tryIt':
    'Post a listing in {second} with "Share with neighbouring towns" ticked, then search for it in {first}: it ' +
    'arrives within seconds, labelled with its town.',
  'region.stopHint': 'Every demo member of a town has its password: it is a demo. Press Ctrl-C to stop all three.',
} as const satisfies Catalogue;
