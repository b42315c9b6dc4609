import QRCode from 'qrcode';
import { ensureSetupCode } from '../community/setup-code.js';
import { boxAddress } from '../health/address.js';
import { namedUrl } from '../health/https-check.js';
import { openBoxDatabase } from './box.js';
import { type CliIO, configFrom, DATA_FLAGS, parseCommandArgs, usageText, type Command } from './command.js';
import type { Config } from '../config.js';

export const addressCommand: Command = {
  name: 'address',
  usage: (words) => usageText(words, 'cli.usage.address'),
  async run(argv, io) {
    const { values } = parseCommandArgs(argv, DATA_FLAGS);
    if (values.help) {
      io.out(this.usage(io.words));
      return 0;
    }
    const config = configFrom(values, io.env);
    const database = await openBoxDatabase(config, io);
    let setupCode: string | null;
    try {
      setupCode = await ensureSetupCode(database.db);
    } finally {
      await database.close();
    }
    const open = await printAddress(config, io);
    const { t } = io.words;
    if (setupCode) {
      io.out(t('cli.address.noSteward', { url: `${open}setup` }));
      io.out(`  ${setupCode}`);
    } else {
      io.out(t('cli.address.setUp', { url: `${open}signin` }));
    }
    return 0;
  },
};

/** Prints where people open the box (and its QR code); returns the address to open. */
async function printAddress(config: Config, io: CliIO): Promise<string> {
  const { t } = io.words;
  const where = boxAddress(config);
  // With a certificate for its name the box serves HTTPS there, and its plain addresses only send browsers on.
  const named = namedUrl(config, new Date());
  if (named) {
    const plain = where.loopbackUrl ? [where.loopbackUrl] : [where.ipUrl, where.localUrl].filter((u) => u !== null);
    io.out(t('cli.address.openNamed', { url: named }));
    io.out(`  ${t('cli.address.plainRedirects', { urls: plain.join(', ') })}`);
    io.out(await QRCode.toString(named, { type: 'terminal', small: true }));
    return named;
  }
  if (where.loopbackUrl) {
    io.out(t('cli.address.loopback', { host: config.host, url: where.loopbackUrl }));
    io.out(t('cli.address.openToNetwork'));
    return where.loopbackUrl;
  }
  const open = where.ipUrl ?? where.localUrl!;
  io.out(t('cli.address.open'));
  if (where.ipUrl) io.out(`  ${where.ipUrl.padEnd(28)} ${t('cli.address.fromAnyPhone')}`);
  else io.out(`  ${t('cli.address.noNetwork')}`);
  io.out(`  ${where.localUrl!.padEnd(28)} ${t('cli.address.fromComputers')}`);
  for (const other of where.addresses.slice(1)) io.out(`  ${t('cli.address.alsoOn', { address: other })}`);
  // Dark modules on a forced white background: scannable on dark and light terminals alike.
  io.out(await QRCode.toString(open, { type: 'terminal', small: true }));
  return open;
}
