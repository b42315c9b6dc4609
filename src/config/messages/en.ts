import type { Catalogue } from '../../i18n/catalogue.js';

/**
 * The configuration's words (src/config.ts): a steward reads them when a flag or a variable in
 * /etc/marketcross/marketcross.env is wrong. There is no database yet, so the CLI shows them in the language of
 * `--locale`, `MARKETCROSS_LOCALE` or the system's.
 */
export const en = {
  empty:
    'The {setting, select, dataDir {data directory (--data-dir / MARKETCROSS_DATA_DIR)} other {host (--host / ' +
    'MARKETCROSS_HOST)}} is empty; give it a value.',
  host: 'The host (--host / MARKETCROSS_HOST) "{host}" is not a host name or IP address.',
  port: 'The port (--port / MARKETCROSS_PORT) "{port}" is not a whole number from 0 to 65535.',
  p2pListen:
    'The peer listen address (--p2p-listen / MARKETCROSS_P2P_LISTEN) "{address}" is not a TCP multiaddr such as ' +
    '/ip4/0.0.0.0/tcp/4001.',
  boolean: '{name} "{value}" should be true or false.',
  // HTTPS on the venue network (src/https/)
  httpsName: 'The box’s name (MARKETCROSS_HTTPS_NAME) "{name}" is not a full domain name such as box.planetdiss.org.',
  httpsDnsHook:
    'The box has a name for HTTPS, so it needs the DNS hook that proves it (MARKETCROSS_HTTPS_DNS_HOOK): give the ' +
    'full path of the script, such as /etc/marketcross/dns-hook.sh; "{hook}" is not one.',
  httpsPort: 'The HTTPS port (MARKETCROSS_HTTPS_PORT) "{port}" is not a whole number from 0 to 65535.',
  acmeDirectory:
    'The certificate authority’s address (MARKETCROSS_ACME_DIRECTORY) "{url}" is not an https:// address; leave it ' +
    'unset for Let’s Encrypt.',
  acmeEmail: 'The certificate contact (MARKETCROSS_ACME_EMAIL) "{email}" is not an email address.',
  publicUrl:
    'The public address (MARKETCROSS_PUBLIC_URL) "{url}" is not a web address such as https://market.example.org ' +
    '(http or https, with no path after the name).',
  secureCookiesOverHttp:
    'MARKETCROSS_SECURE_COOKIES is set, but the box serves plain HTTP and trusts no reverse proxy to say a ' +
    'request came over HTTPS, so browsers could never get its cookies and every form would fail. Behind a TLS ' +
    'proxy, set MARKETCROSS_TRUST_PROXY=true too; to serve HTTPS itself, give the box a name ' +
    '(MARKETCROSS_HTTPS_NAME), and its cookies become secure by themselves; otherwise set ' +
    'MARKETCROSS_SECURE_COOKIES=false.',
} as const satisfies Catalogue;
