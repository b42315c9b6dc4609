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
  // HTTPS sur le réseau du lieu (src/https/)
  httpsName:
    'Le nom du boîtier (MARKETCROSS_HTTPS_NAME) «\u00a0{name}\u00a0» n’est pas un nom de domaine complet comme ' +
    'box.planetdiss.org.',
  httpsDnsHook:
    'Le boîtier a un nom pour HTTPS\u00a0: il lui faut le script DNS qui le prouve (MARKETCROSS_HTTPS_DNS_HOOK). ' +
    'Donnez le chemin complet du script, comme /etc/marketcross/dns-hook.sh\u00a0; «\u00a0{hook}\u00a0» n’en ' +
    'est pas un.',
  httpsPort: 'Le port HTTPS (MARKETCROSS_HTTPS_PORT) «\u00a0{port}\u00a0» n’est pas un nombre entier de 0 à 65535.',
  acmeDirectory:
    'L’adresse de l’autorité de certification (MARKETCROSS_ACME_DIRECTORY) «\u00a0{url}\u00a0» n’est pas une ' +
    'adresse https://\u00a0; laissez-la vide pour Let’s Encrypt.',
  acmeEmail: 'Le contact du certificat (MARKETCROSS_ACME_EMAIL) «\u00a0{email}\u00a0» n’est pas une adresse e-mail.',
  publicUrl:
    'L’adresse publique (MARKETCROSS_PUBLIC_URL) «\u00a0{url}\u00a0» n’est pas une adresse web comme ' +
    'https://market.example.org (http ou https, sans chemin après le nom).',
  secureCookiesOverHttp:
    'MARKETCROSS_SECURE_COOKIES est activé, mais le boîtier sert du HTTP simple et ne fait confiance à aucun ' +
    'proxy inverse pour dire qu’une demande est arrivée en HTTPS\u00a0: les navigateurs ne recevraient jamais ses ' +
    'cookies et chaque formulaire échouerait. Derrière un proxy TLS, activez aussi ' +
    'MARKETCROSS_TRUST_PROXY=true\u00a0; pour qu’il serve lui-même le HTTPS, donnez un nom au boîtier ' +
    '(MARKETCROSS_HTTPS_NAME), et ses cookies deviennent sécurisés d’eux-mêmes\u00a0; sinon, mettez ' +
    'MARKETCROSS_SECURE_COOKIES=false.',
};
