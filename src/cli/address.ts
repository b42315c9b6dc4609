import QRCode from 'qrcode';
import { ensureSetupCode } from '../community/setup-code.js';
import { boxAddress } from '../health/address.js';
import { openBoxDatabase } from './box.js';
import { configFrom, DATA_FLAGS, DATA_FLAGS_HELP, parseCommandArgs, type Command } from './command.js';

export const addressCommand: Command = {
  name: 'address',
  usage: `Usage: marketcross address [options]

Prints how people on the venue's network open the box: its IP address (which
every phone can open), its .local name (computers and iPhones), and a QR code
of the address to scan with a phone's camera. Until the community has a
steward, it also prints the one-time setup code for the /setup page, making
the database and the code if there are none yet (the server shows the same
code). provisioning/provision.sh runs it when it has installed the box.

Options:
${DATA_FLAGS_HELP}`,
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage);
      return 0;
    }
    const config = configFrom(values, io.env);
    const database = await openBoxDatabase(config, io.err);
    let setupCode: string | null;
    try {
      setupCode = await ensureSetupCode(database.db);
    } finally {
      await database.close();
    }

    const where = boxAddress(config);
    let open: string;
    if (where.loopbackUrl) {
      open = where.loopbackUrl;
      io.out(`This box listens on ${config.host} only, so it opens on the box itself: ${open}`);
      io.out(
        `To open it to the venue's network, listen on every address: MARKETCROSS_HOST=0.0.0.0 (on a box, in /etc/marketcross/marketcross.env, then: sudo systemctl restart marketcross).`,
      );
    } else {
      open = where.ipUrl ?? where.localUrl!;
      io.out("Open Marketcross in a browser on the venue's network:");
      if (where.ipUrl) io.out(`  ${where.ipUrl.padEnd(28)} from any phone or computer (or scan the code below)`);
      else
        io.out(
          `  This box has no network address yet: connect it to the venue's network (cable or Wi-Fi), then run "sudo marketcross address" again.`,
        );
      io.out(`  ${where.localUrl!.padEnd(28)} from computers and iPhones`);
      for (const other of where.addresses.slice(1)) io.out(`  (it also answers on ${other})`);
      // Dark modules on a forced white background: scannable on dark and light terminals alike.
      io.out(await QRCode.toString(open, { type: 'terminal', small: true }));
    }
    if (setupCode) {
      io.out(`This box has no steward yet. Open ${open}setup and enter the one-time setup code:`);
      io.out(`  ${setupCode}`);
    } else {
      io.out(`The community is set up: stewards sign in at ${open}signin`);
    }
    return 0;
  },
};
