import type { Catalogue } from '../../i18n/catalogue.js';

/**
 * The box's health, as `marketcross doctor` prints it and the stewards' health page shows it: the checks (what each
 * found, what to do) and the page's own words. The advice is for volunteers with no programming background.
 */
export const en = {
  'name.database': 'Database',
  'name.disk': 'Disk space',
  'name.backups': 'Backups',
  'name.clock': 'Clock',
  'name.jobs': 'Scheduled jobs',
  'name.siblings': 'Neighbouring towns',
  'name.https': 'HTTPS',

  bytes:
    '{unit, select, gb {{value, number, ::.0 group-off} GB} mb {{value, number, ::.0 group-off} MB} other {{value} ' +
    'kB}}',
  age: '{unit, select, lessThanHour {less than an hour ago} hours {{count, number} hours ago} other {{count, number} days ago}}',
  duration: '{unit, select, underSecond {under a second} seconds {{count, number} s} other {{count, number} min}}',

  'database.healthy': 'Healthy, {size}.',
  'database.damaged': 'The database reports damage: {verdict}',
  'database.restore': "Stop the box and restore the latest backup: marketcross restore '<'file>.",
  'database.unreadable': 'The database cannot be read: {reason}',
  'database.checkFolder':
    'Check the data directory and its permissions; restore the latest backup if the file is damaged.',

  'disk.free': '{free} free of {total} on the data volume.',
  'disk.full':
    'The card is nearly full: the box may stop saving. Delete old files in the backups folder or move them to a ' +
    'USB drive, or use a larger card.',
  'disk.low': 'Space is getting low. Copy old backups to a USB drive and delete them from the box.',

  'backups.none': 'There is no backup yet.',
  'backups.takeOne': 'Take one now: marketcross backup. The box also takes one every night.',
  'backups.latest': 'The latest backup is {name}, taken {age}.',
  'backups.stale':
    'The nightly backup has not run for more than two days. Take one now with marketcross backup, and check the ' +
    "box's log for why the nightly one failed.",

  'clock.says': "The box's clock says {now}.",
  'clock.tooEarly': 'That is before this box could have been set up.',
  'clock.wentBack': 'The box has already stored times up to {newest}: the clock has gone back.',
  'clock.setIt':
    'Connect the box to a network with internet time, or set the time by hand (sudo date -s "YYYY-MM-DD HH:MM"), ' +
    'then restart Marketcross.',

  'siblings.none': "No neighbouring town is on this box's list.",
  'siblings.noPeerLayer':
    '{count, number} neighbouring {count, plural, one {town is} other {towns are}} on the list, ' +
    'but the box runs without ' +
    'its peer layer (--no-p2p), so none is reached.',
  'siblings.setListen':
    'Set MARKETCROSS_P2P_LISTEN=/ip4/0.0.0.0/tcp/4001 in /etc/marketcross/marketcross.env (and remove --no-p2p if ' +
    'it was added), then restart: sudo systemctl restart marketcross.',
  'siblings.connected':
    '{connected} of {total} {live, select, yes {connected} other {seen by the server in the last few ' +
    'minutes}}{connected, plural, =0 {} other {: {names}}}.',
  'siblings.away':
    '{name}: {live, select, yes {not connected} other {not seen lately}}, {seen, select, never {never seen} other ' +
    '{last seen {age}}}.',
  'siblings.fromTheFuture':
    "Records from {names} are being refused as from the future: their times are more than a day ahead of this box's " +
    "clock ({now}). If {count, plural, one {that town's clock is} other {those towns' clocks are}} right, this " +
    "box's clock is behind.",
  'siblings.checkClock':
    "Compare this box's clock with a phone's. If it is behind, connect the box to a network with internet time, or " +
    'set the time by hand (sudo date -s "YYYY-MM-DD HH:MM"), then restart Marketcross. If it is right, ask the ' +
    "other towns' stewards to check their boxes' clocks.",
  'siblings.awayTooLong':
    '{names} {count, plural, one {has} other {have}} been away for more than a day: the box may be switched off or ' +
    'have a new address. This box keeps trying. Check the address on the Neighbouring towns page and ask that ' +
    "town's stewards.",

  'https.plain':
    'This box has no name, so it serves plain HTTP: on the Wi-Fi anyone nearby can read what people send (passwords, ' +
    'payments). To serve HTTPS, give it a name under your community’s domain (the README’s “HTTPS on the venue ' +
    'network”).',
  'https.none':
    'No certificate for {name} yet{had, select, none {, so the box serves plain HTTP} other { (the one it has is ' +
    'for {had})}}.',
  'https.ended': 'The certificate for {name} ended on {until}: phones warn people away from the box.',
  'https.obtained': 'Obtained a certificate for {name}, valid until {until, date, medium}.',
  'https.valid': 'The certificate for {name} is valid until {until} ({days, plural, one {# day} other {# days}} left).',
  'https.failed': 'The last try to get a certificate, at {at}, failed: {error}',
  'https.notYet': 'The box asks for one when it starts and twice a day, whenever it has internet.',
  'https.needsInternet':
    'Make sure the box reaches the internet (its wired network or a phone’s hotspot), then restart it: sudo ' +
    'systemctl restart marketcross.',
  'https.checkHook':
    'Check the DNS hook by hand on the box: sudo -u marketcross env CERTBOT_DOMAIN={name} CERTBOT_VALIDATION=test ' +
    '{hook} auth should add a TXT record for _acme-challenge.{name} at your DNS provider (then run it with cleanup). ' +
    'Fix what it says (an expired API token, a wrong zone), then restart the box: it tries again when it starts.',
  'https.unresolved': '{name} does not lead anywhere on this network, so phones here cannot open the box by its name.',
  'https.resolves': '{name} leads to this box ({addresses}).',
  'https.elsewhere': '{name} leads to {addresses}, which is not this box.',
  'https.addToRouter':
    'On the box’s own Wi-Fi its name always works. On a venue’s router, add a local DNS entry (often called “DNS ' +
    'host”, “local DNS” or “static DNS”) from {name} to the box’s address shown below, or give the box a fixed ' +
    'address and point {name} at it in your domain’s DNS.',

  'jobs.checkServer':
    'Jobs run only while the server runs. Check it with "sudo systemctl status marketcross"; start it with "sudo ' +
    'systemctl start marketcross", or restart it if it is running.',
  'jobs.none': 'No job has been scheduled on this box yet: the server schedules them when it starts.',
  'jobs.allRan': 'All {count, number} jobs ran as planned.',
  'jobs.overdue': '{job} should have run at {dueAt} but has not.',
  'jobs.stuck': '{job} started at {startedAt} and has not finished.',
  'jobs.restart': 'Restart the server: sudo systemctl restart marketcross.',
  'jobs.failed': '{job} failed its last run, at {startedAt}: {message}.',
  'jobs.noReason': 'no reason was recorded',
  'jobs.readLog':
    'Read what went wrong in the box\'s log: sudo journalctl -u marketcross --since "{startedAt}". The job is ' +
    'tried again at its next time; if it fails again, ask for help and pass on that message.',
  'jobs.never': 'never',
  'jobs.at': '{at}',
  'jobs.ranTook': '{at} (took {took})',
  'jobs.notScheduled': 'not scheduled',

  // The stewards' health page (views/health/index.eta).
  'page.title': 'Box health',
  'page.verdict':
    '{level, select, ok {All is well.} warn {The box works, but something needs attention soon.} other {Something ' +
    'is wrong and needs fixing now.}}',
  'page.mark': '{level, select, ok {OK} warn {Attention} other {Problem}}',
  'page.checkHeading': '{name}: {mark}',
  'page.whatToDo': 'What to do: {advice}',
  'page.jobs': 'Scheduled jobs',
  'page.noJobs': 'No job has been scheduled yet: the server schedules them when it starts.',
  'page.jobsIntro': 'What the box does by itself: the nightly backup, reminders, tidying up. Times are UTC.',
  'page.needsAttention': '(needs attention, see above)',
  'page.lastRun': 'Last run',
  'page.result': 'Result',
  'page.resultValue': '{result, select, ok {OK} failed {Failed} running {Running now} other {Has not run yet}}',
  'page.nextRun': 'Next run',
  'page.thisBox': 'This box',
  'page.version': 'Version',
  'page.versionValue': 'Marketcross {version}',
  'page.runningFor': 'Running for',
  'page.minutes': '{count, number, ::group-off} minutes',
  'page.memory': 'Memory in use',
  'page.peerId': 'Peer id',
  'page.peerIdNote': 'neighbouring towns add this box by it:',
  'page.siblingsLink': 'Neighbouring towns',
  'page.address': 'Address',
  'page.also': '(also {addresses})',
  'page.scan': 'Phones that cannot open marketcross.local can scan this code or type the address above.',
  'page.qrAlt': 'QR code of {url}',
  'page.doctorBefore': 'On the box itself,',
  'page.doctorAfter': 'prints the same checks.',
} as const satisfies Catalogue;
