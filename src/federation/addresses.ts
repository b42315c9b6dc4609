import { networkAddresses } from '../health/checks.js';

/**
 * The addresses a sibling can dial, from the addresses the box listens on: a
 * wildcard (0.0.0.0 or ::) stands for every address the machine has, so it is
 * spelled out with the machine's own, which is what a sibling's steward types.
 */
export function siblingAddresses(listen: readonly string[]): string[] {
  const spelled = listen.flatMap((address) => {
    const wildcard = /^\/ip4\/0\.0\.0\.0\/tcp\/(\d+)$/.exec(address) ?? /^\/ip6\/::\/tcp\/(\d+)$/.exec(address);
    if (!wildcard) return [address];
    const own = networkAddresses().filter((ip) => !ip.includes(':'));
    return own.length > 0 ? own.map((ip) => `/ip4/${ip}/tcp/${wildcard[1]}`) : [`/ip4/127.0.0.1/tcp/${wildcard[1]}`];
  });
  return [...new Set(spelled)];
}
