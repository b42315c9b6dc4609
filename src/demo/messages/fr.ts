import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  usage: `Usage : marketcross demo [--town VILLE] [--if-empty] [options]
        marketcross demo --region [--data-dir DOSSIER] [--port PORT] [--p2p-port PORT]

Crée une communauté de démonstration. Par défaut {community} : une trentaine
de membres à Diss et dans les villages alentour, des groupes sur trois
niveaux, deux demandes d’adhésion en attente de parrainages, environ 300
annonces et un grand livre, et un intendant pour se connecter. --town eye ou
--town harleston en crée une plus petite (une dizaine de membres, 50 annonces,
dont la moitié partagées avec les villes voisines) dans cette ville, pour
lancer à la main des boîtiers séparés et en faire des voisins
(« marketcross peers »). Toutes les villes de démonstration sont dans la
région « {region} ». Le mot de passe de chaque membre de démonstration est
affiché : n’utilisez jamais la démonstration pour une vraie communauté.

Elle refuse de toucher à un dossier de données qui contient déjà une
communauté.

--region lance ensemble sur cette machine les boîtiers des trois villes de
démonstration, voisins les uns des autres : Diss, Eye et Harleston, chacun
avec son dossier de données sous DOSSIER (./{parent} par défaut, chacun rempli
à la première utilisation), son port web (PORT, PORT+1, PORT+2 ; {webPort}
par défaut) et son port de pair sur 127.0.0.1 ({p2pPort}, {p2pPort1}, {p2pPort2} par
défaut). Une annonce partagée avec les villes voisines dans un boîtier apparaît
dans la recherche des autres. Ctrl-C arrête les trois.

Options :
  --town VILLE     quelle ville de démonstration : {towns} (diss par défaut)
  --if-empty       quand le dossier de données contient déjà une communauté,
                   la laisser et sortir sans erreur (pour les scripts qui
                   lancent le boîtier de démonstration)
  --region         lance les boîtiers des trois villes, fédérés (voir plus haut)
  --p2p-port PORT  avec --region : le premier port de pair ({p2pPort} par défaut)
{dataFlags}`,
  regionWithTown: '--region lance les trois villes de démonstration\u00a0; retirez --town.',
  p2pPortAlone: '--p2p-port va avec --region.',
  noSuchTown: 'Il n’y a pas de ville de démonstration «\u00a0{town}\u00a0»\u00a0: choisissez parmi {towns}.',
  badPort: '{flag} doit être un numéro de port de 1 à 65533 (les boîtiers utilisent celui-ci et les deux suivants).',
  alreadyThere:
    'La communauté de démonstration {name} est déjà dans {dataDir}\u00a0; laissée telle quelle. Connectez-vous en ' +
    'tant que {contact} avec le mot de passe de démonstration «\u00a0{password}\u00a0» (sauf s’il a été changé).',
  otherLeft: '{dataDir} contient déjà une communauté ({name})\u00a0; laissée telle quelle.',
  notEmpty:
    '{dataDir} contient déjà une communauté ({name})\u00a0; la démonstration ne remplit qu’un dossier de données ' +
    'vide. Utilisez-en un autre, p. ex. «\u00a0marketcross demo --data-dir data-demo\u00a0».',
  created:
    'Communauté de DÉMONSTRATION {community} créée dans {dataDir} ({seconds, number, ::.0 group-off}\u00a0s)\u00a0:',
  counts:
    '{members, number} membres ' +
    '({pending, plural, one {# demande d’adhésion} other {# demandes d’adhésion}} en attente de ' +
    'parrainages), {groups, number} groupes, {places, number} lieux, {listings, number} annonces.',
  signInAs: 'Connectez-vous en tant qu’intendant\u00a0:',
  handle: 'identifiant\u00a0:',
  email: 'courriel\u00a0:',
  password: 'mot de passe\u00a0:',
  isADemo:
    'Ceci est une démonstration\u00a0: chaque membre de démonstration a ce même mot de passe. Démarrez le boîtier ' +
    'avec «\u00a0marketcross serve --data-dir {dataDir}\u00a0» et ouvrez {url}.',
  'region.alreadyRunning':
    'Un serveur Marketcross (processus {pid}) tourne déjà sur {dataDir}. Arrêtez-le d’abord (un autre ' +
    '«\u00a0marketcross demo --region\u00a0» tourne-t-il\u00a0?).',
  'region.portInUse':
    'Le port {port} sur {host} (port {what, select, web {web} other {de pair}} {de_town}) est déjà utilisé. ' +
    'Choisissez d’autres ports avec --port (web, {webPort} par défaut) et --p2p-port (pairs, {p2pPort} par ' +
    'défaut)\u00a0; chaque boîtier prend le suivant.',
  'region.couldNotAdd': 'Impossible d’ajouter {sibling} comme voisin {de_town}\u00a0: {reason}',
  'region.siblings': '{town}\u00a0: voisins {siblings}',
  'region.created':
    '{town}\u00a0: communauté de DÉMONSTRATION {community} créée dans {dataDir} ' +
    '({members, number} membres, {listings, number} ' +
    'annonces, {seconds, number, ::.0 group-off}\u00a0s).',
  'region.otherCommunity':
    '{dataDir} contient la communauté {name} (région {region}), pas la démonstration {de_town}. Utilisez un autre ' +
    'dossier avec --data-dir, ou supprimez celui-ci.',
  'region.reusing': '{town}\u00a0: la communauté de démonstration déjà dans {dataDir} est utilisée.',
  'region.stoppedBeforeServing':
    'Le boîtier {de_town} s’est arrêté avant de servir ({bySignal, select, yes {signal {signal}} other {code de ' +
    'sortie {code}}})\u00a0; voyez ses lignes plus haut. Arrêt des autres.',
  'region.noneLeft':
    'Le boîtier {de_town} s’est arrêté ({bySignal, select, yes {signal {signal}} other {code de sortie ' +
    '{code}}})\u00a0; plus aucun boîtier ne tourne.',
  'region.oneStopped':
    'Le boîtier {de_town} s’est arrêté {clean, select, yes {} other {de façon inattendue }}({bySignal, select, yes ' +
    '{signal {signal}} other {code de sortie {code}}})\u00a0; {others} continuent de tourner. Ctrl-C les arrête.',
  'region.and': ' et ',
  'region.stopping': 'Arrêt {de_towns}…',
  'region.killing': 'Le boîtier {de_town} ne s’est pas arrêté en {seconds}\u00a0s\u00a0: il est tué.',
  'region.running':
    'Trois boîtiers de DÉMONSTRATION fédérés tournent, région «\u00a0{region}\u00a0», chacun voisin des deux ' +
    'autres\u00a0:',
  'region.signIn': 'connexion\u00a0: {contact} / {password}',
  'region.tryIt':
    'Publiez une annonce à {second} en cochant «\u00a0Partager avec les villes voisines\u00a0», puis cherchez-la à ' +
    '{first}\u00a0: elle arrive en quelques secondes, marquée de sa ville.',
  'region.stopHint':
    'Tous les membres de démonstration d’une ville ont son mot de passe\u00a0: c’est une démonstration. Appuyez ' +
    'sur Ctrl-C pour arrêter les trois.',
};
