import type { Catalogue, Translation } from '../../i18n/catalogue.js';

/**
 * The configuration's words (src/config.ts), part of the CLI's catalogue (`cli.config.*`): a steward reads them when a
 * flag or a variable in /etc/marketcross/marketcross.env is wrong. Kept apart so that config.ts loads only these.
 */
export const configEn = {
  'config.empty':
    'The {setting, select, dataDir {data directory (--data-dir / MARKETCROSS_DATA_DIR)} other {host (--host / MARKETCROSS_HOST)}} is empty; give it a value.',
  'config.host': 'The host (--host / MARKETCROSS_HOST) "{host}" is not a host name or IP address.',
  'config.port': 'The port (--port / MARKETCROSS_PORT) "{port}" is not a whole number from 0 to 65535.',
  'config.p2pListen':
    'The peer listen address (--p2p-listen / MARKETCROSS_P2P_LISTEN) "{address}" is not a TCP multiaddr such as /ip4/0.0.0.0/tcp/4001.',
  'config.boolean': '{name} "{value}" should be true or false.',
} as const satisfies Catalogue;

export const configFr: Translation<typeof configEn> = {
  'config.empty':
    'Le {setting, select, dataDir {dossier des données (--data-dir / MARKETCROSS_DATA_DIR)} other {nom d’hôte (--host / MARKETCROSS_HOST)}} est vide\u00a0; donnez-lui une valeur.',
  'config.host': 'L’hôte (--host / MARKETCROSS_HOST) «\u00a0{host}\u00a0» n’est ni un nom d’hôte ni une adresse IP.',
  'config.port': 'Le port (--port / MARKETCROSS_PORT) «\u00a0{port}\u00a0» n’est pas un nombre entier de 0 à 65535.',
  'config.p2pListen':
    'L’adresse d’écoute pour les boîtiers voisins (--p2p-listen / MARKETCROSS_P2P_LISTEN) «\u00a0{address}\u00a0» n’est pas une multiadresse TCP comme /ip4/0.0.0.0/tcp/4001.',
  'config.boolean': '{name} «\u00a0{value}\u00a0» doit valoir true ou false.',
};
