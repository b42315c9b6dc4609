import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  empty:
    'Le {setting, select, dataDir {dossier des données (--data-dir / MARKETCROSS_DATA_DIR)} other {nom d’hôte ' +
    '(--host / MARKETCROSS_HOST)}} est vide\u00a0; donnez-lui une valeur.',
  host: 'L’hôte (--host / MARKETCROSS_HOST) «\u00a0{host}\u00a0» n’est ni un nom d’hôte ni une adresse IP.',
  port: 'Le port (--port / MARKETCROSS_PORT) «\u00a0{port}\u00a0» n’est pas un nombre entier de 0 à 65535.',
  p2pListen:
    'L’adresse d’écoute pour les boîtiers voisins (--p2p-listen / MARKETCROSS_P2P_LISTEN) «\u00a0{address}\u00a0» ' +
    'n’est pas une multiadresse TCP comme /ip4/0.0.0.0/tcp/4001.',
  boolean: '{name} «\u00a0{value}\u00a0» doit valoir true ou false.',
};
