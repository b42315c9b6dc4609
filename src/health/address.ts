import os from 'node:os';
import type { Config } from '../config.js';

/**
 * How people on the venue's network reach the box: by its IP address, which
 * every phone can open (many Android phones cannot resolve `.local` names),
 * and by its `.local` name, which avahi announces for computers and iPhones.
 * Shown on the stewards' health page and by `marketcross address`.
 */
export interface BoxAddress {
  /** The box's IPv4 addresses people can reach it on; empty when it listens on loopback only or has no network yet. */
  addresses: string[];
  /** `http://<first address>/`: the address to show, and to put in the QR code. */
  ipUrl: string | null;
  /** `http://<host name>.local/`, when the box listens beyond loopback. */
  localUrl: string | null;
  /** Where a box listening on loopback only can be opened (on the box itself). */
  loopbackUrl: string | null;
}

export function boxAddress(config: Config, network: { addresses?: string[]; hostname?: string } = {}): BoxAddress {
  const port = config.port === 80 ? '' : `:${config.port}`;
  if (/^(127\.|::1$|localhost$)/.test(config.host)) {
    const host = config.host.includes(':') ? `[${config.host}]` : config.host;
    return { addresses: [], ipUrl: null, localUrl: null, loopbackUrl: `http://${host}${port}/` };
  }
  // A box told to listen on one address is reachable there only; on every address, by each of its own.
  const everyAddress = config.host === '0.0.0.0' || config.host === '::';
  const addresses = everyAddress ? (network.addresses ?? networkAddresses()) : [config.host];
  const first = addresses[0];
  return {
    addresses,
    ipUrl: first ? `http://${first.includes(':') ? `[${first}]` : first}${port}/` : null,
    localUrl: `http://${network.hostname ?? os.hostname()}.local${port}/`,
    loopbackUrl: null,
  };
}

/** The box's IPv4 addresses on its networks (not loopback). */
export function networkAddresses(): string[] {
  return Object.values(os.networkInterfaces())
    .flat()
    .filter((a): a is os.NetworkInterfaceInfo => !!a && !a.internal && a.family === 'IPv4')
    .map((a) => a.address);
}
