import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';
import { usageFr } from './usage-fr.js';

export const fr: Translation<typeof en> = {
  ...usageFr,
  help: `Marketcross : le boîtier de la communauté.

Usage : marketcross '<'commande> [options]

Commandes :
{commands}

Lancez « marketcross '<'commande> --help » pour les options d’une commande.

Les messages sont dans la langue donnée par --locale en|fr (ou MARKETCROSS_LOCALE),
sinon celle de la communauté, sinon celle du système (LC_ALL, LC_MESSAGES, LANG),
sinon en anglais.`,
  'flags.data': `  --data-dir DOSSIER  où se trouve la base de données (MARKETCROSS_DATA_DIR,
                      ./data par défaut)
  --host HÔTE         l’adresse d’écoute (MARKETCROSS_HOST, 127.0.0.1 par défaut)
  --port PORT         le port d’écoute (MARKETCROSS_PORT, 8080 par défaut)`,
  'flags.p2p': `  --p2p-listen ADR    où les boîtiers voisins joignent celui-ci, une multiadresse
                      TCP ; plusieurs séparées par des virgules
                      (MARKETCROSS_P2P_LISTEN, /ip4/127.0.0.1/tcp/4001 par défaut ;
                      un boîtier pour le lieu utilise /ip4/0.0.0.0/tcp/4001) ;
                      vide, le boîtier tourne seul
  --no-p2p            fait tourner le boîtier seul, sans boîtiers voisins`,

  'summary.serve': 'fait tourner le boîtier : migre la base de données, puis sert l’application web',
  'summary.migrate': 'met à jour le schéma de la base de données',
  'summary.setup': 'crée la communauté et son premier intendant ou sa première intendante (une fois)',
  'summary.demo':
    'remplit un dossier de données vide avec une communauté de démonstration (Diss, Eye ou Harleston), ou fait ' +
    'tourner les trois en fédération',
  'summary.membersList': 'liste les membres : identifiant, nom, type, statut, rôles',
  'summary.tokenCreate': 'crée un jeton d’API pour un membre ; n’affiche que le jeton',
  'summary.backup': 'fait maintenant une sauvegarde vérifiée de la base de données, de la clé et des réglages',
  'summary.restore': 'remet une sauvegarde en place (le boîtier doit être arrêté)',
  'summary.doctor':
    'vérifie le boîtier : base de données, disque, sauvegardes, horloge, tâches, villes voisines ; dit quoi faire',
  'summary.address':
    'comment ouvrir le boîtier : son adresse, un QR code, et le code d’installation tant qu’il n’est pas installé',
  'summary.upgrade': 'passe le boîtier à une nouvelle version installée, sans risque (provision.sh la lance)',
  'summary.peersSelf': 'affiche l’identifiant de pair de ce boîtier et les adresses où les voisins le joignent',
  'summary.peersAdd': 'ajoute (ou renomme, ou ré-adresse) un boîtier voisin',
  'summary.peersList': 'liste les boîtiers voisins',
  'summary.peersRemove': 'retire un boîtier voisin de la liste',

  'run.needsWord': '«\u00a0{first}\u00a0» demande un mot de plus\u00a0: {subcommands}.',
  'run.or': 'ou',
  'run.unknownCommand':
    'Commande inconnue «\u00a0{first}\u00a0». Lancez «\u00a0marketcross --help\u00a0» pour voir les commandes.',
  'run.seeHelp': '{reason}\nLancez «\u00a0marketcross {command} --help\u00a0» pour l’usage.',
  'run.badArguments': '{reason}',
  'run.failed': 'marketcross {command} a échoué\u00a0: {reason}',
  noDatabase:
    'Il n’y a pas de base de données Marketcross dans {dataDir}. Vérifiez --data-dir (ou MARKETCROSS_DATA_DIR), ou ' +
    'créez-y une communauté avec «\u00a0marketcross setup\u00a0» ou «\u00a0marketcross demo\u00a0».',

  'address.loopback': 'Ce boîtier n’écoute que sur {host}, il ne s’ouvre donc que sur le boîtier lui-même\u00a0: {url}',
  'address.openToNetwork':
    'Pour l’ouvrir au réseau du lieu, écoutez sur toutes les adresses\u00a0: MARKETCROSS_HOST=0.0.0.0 (sur un ' +
    'boîtier, dans /etc/marketcross/marketcross.env, puis\u00a0: sudo systemctl restart marketcross).',
  'address.open': 'Ouvrez Marketcross dans un navigateur sur le réseau du lieu\u00a0:',
  'address.fromAnyPhone': 'depuis n’importe quel téléphone ou ordinateur (ou scannez le code ci-dessous)',
  'address.noNetwork':
    'Ce boîtier n’a pas encore d’adresse réseau\u00a0: branchez-le au réseau du lieu (câble ou Wi-Fi), puis ' +
    'relancez «\u00a0sudo marketcross address\u00a0».',
  'address.fromComputers': 'depuis les ordinateurs et les iPhone',
  'address.alsoOn': '(il répond aussi sur {address})',
  'address.openNamed':
    'Ouvrez Marketcross dans un navigateur à l’adresse {url} (HTTPS), depuis n’importe quel téléphone ou ordinateur ' +
    '(ou scannez le code ci-dessous)',
  'address.plainRedirects': 'En HTTP simple ({urls}), les navigateurs y sont renvoyés.',
  'address.noSteward':
    'Ce boîtier n’a pas encore d’intendant·e. Ouvrez {url} et saisissez le code d’installation à usage unique\u00a0:',
  'address.setUp': 'La communauté est installée\u00a0: les intendants se connectent sur {url}',

  'backup.copiedTo': 'Copiée vers {copy}',

  'doctor.box':
    'Boîtier Marketcross dans {dataDir}\u00a0: {pid, select, none {le serveur ne tourne pas} other {le serveur ' +
    'tourne (processus {pid})}}.',
  'doctor.mark': '{level, select, ok {[ ok ]} warn {[attn]} other {[ÉCHEC]}}',
  'doctor.check': '{mark} {name}\u00a0: {detail}',
  'doctor.whatToDo': 'Que faire\u00a0: {advice}',
  'doctor.jobsHeading': 'Tâches planifiées (heures en UTC\u00a0; ! demande votre attention)\u00a0:',
  'doctor.jobRun':
    'dernière {result, select, notYet {pas encore exécutée} other {{lastRun}, {result, select, ok {ok} failed ' +
    '{échec} running {en cours} other {{result}}}{message}}}\u00a0; prochaine {nextRun}',
  'doctor.verdict':
    '{level, select, ok {Tout va bien.} warn {Le boîtier fonctionne, mais quelque chose demandera bientôt votre ' +
    'attention (voir ci-dessus).} other {Quelque chose ne va pas et doit être réparé maintenant (voir ci-dessus).}}',

  'members.badStatus': '--status doit valoir l’un de\u00a0: {statuses}.',
  'members.none':
    '{status, select, any {Pas encore de membres. Lancez «\u00a0marketcross setup\u00a0» pour créer le premier ' +
    'intendant ou la première intendante.} pending {Aucun membre en attente.} active {Aucun membre actif.} ' +
    'declined {Aucun membre refusé.} suspended {Aucun membre suspendu.} other {Aucun membre {status}.}}',
  'members.column.handle': 'IDENTIFIANT',
  'members.column.name': 'NOM',
  'members.column.kind': 'TYPE',
  'members.column.status': 'STATUT',
  'members.column.roles': 'RÔLES',
  'members.adminOf': 'admin de {slug}',

  'migrate.done':
    '{count, plural, =0 {La base de données est à jour.} one {{count, number} migration appliquée.} ' +
    'other {{count, number} ' +
    'migrations appliquées.}}',

  'peers.peerId': 'Identifiant de pair\u00a0: {peerId}',
  'peers.alone':
    'Ce boîtier tourne seul (pas d’adresse d’écoute pour les pairs)\u00a0: lancez-le avec --p2p-listen ' +
    '/ip4/0.0.0.0/tcp/4001 pour le fédérer.',
  'peers.addresses': 'Adresses\u00a0:',
  'peers.addThisOne': 'Sur un boîtier voisin, son intendant·e ajoute celui-ci avec\u00a0:',
  'peers.thisTown': 'cette ville',
  'peers.giveIdAndAddress':
    'Donnez l’identifiant de pair du voisin et son adresse, p. ex. «\u00a0marketcross peers add 12D3KooW… ' +
    '/ip4/192.168.1.20/tcp/4001 --name Eye\u00a0».',
  'peers.giveName': 'Donnez un nom au voisin avec --name, p. ex. --name Eye.',
  'peers.badSibling': '{reasons}',
  'peers.ownId': 'C’est l’identifiant de pair de ce boîtier-ci\u00a0; donnez celui du voisin.',
  'peers.put': 'Voisin {name} ({peerId}) {outcome, select, added {ajouté} other {mis à jour}} à l’adresse {address}.',
  'peers.none':
    "Pas encore de voisins. Ajoutez-en un avec «\u00a0marketcross peers add '<'id-de-pair> '<'multiadresse> --name " +
    'NOM\u00a0».',
  'peers.never': 'jamais',
  'peers.counts': 'vu pour la dernière fois {seen}\treçus {received, number}\trefusés {rejected, number}',
  'peers.giveIdToRemove':
    'Donnez l’identifiant de pair du voisin à retirer («\u00a0marketcross peers list\u00a0» les montre).',
  'peers.noSuchSibling':
    'Aucun voisin n’a l’identifiant de pair {peerId}. «\u00a0marketcross peers list\u00a0» les montre.',
  'peers.removed': 'Voisin {peerId} retiré.',

  'restore.nameOne': 'Donnez un seul fichier de sauvegarde à restaurer.',
  'restore.restored': 'Sauvegarde du {takenAt} (Marketcross {version}) restaurée dans {dataDir}.',
  'restore.replacedKept': 'La base de données remplacée est gardée dans {replaced}.',
  'restore.boxFiles': 'Fichiers du boîtier restaurés\u00a0: {files}.',

  'serve.alreadyRunning': 'Un serveur Marketcross (processus {pid}) tourne déjà sur {dataDir}.',
  'serve.serving': 'Marketcross {version} sert {url} (données dans {dataDir})',
  'serve.plainRedirects': 'En HTTP simple, {url} renvoie les navigateurs vers HTTPS.',
  'serve.setupCode':
    'Ce boîtier n’a pas encore d’intendant·e. Ouvrez {url} et saisissez le code d’installation\u00a0: {code}',
  'serve.stopping': 'Arrêt…',
  'serve.https': 'HTTPS : {what}',
  'serve.httpsFailed': 'HTTPS : impossible d’obtenir un certificat : {reason}',
  'serve.peerListen':
    'Le boîtier n’a pas pu écouter les boîtiers voisins sur {addresses}\u00a0: {reason}. Choisissez une autre ' +
    'adresse avec --p2p-listen, ou faites-le tourner seul avec --no-p2p.',

  'setup.ask.community_name': 'Nom de la communauté (p. ex. SEL de Namur)\u00a0: ',
  'setup.ask.region': 'Région (p. ex. Province de Namur)\u00a0: ',
  'setup.ask.lat': 'Latitude de la communauté (p. ex. 50.4669)\u00a0: ',
  'setup.ask.lon': 'Longitude de la communauté (p. ex. 4.8675)\u00a0: ',
  'setup.ask.vouches_required': 'Parrainages qu’il faut à un nouveau venu pour rejoindre [2]\u00a0: ',
  'setup.ask.steward_name': 'Votre nom (premier intendant ou première intendante)\u00a0: ',
  'setup.ask.steward_contact': 'Votre courriel ou téléphone, pour vous connecter\u00a0: ',
  'setup.ask.about': 'Une ligne sur la communauté (facultatif)\u00a0: ',
  'setup.ask.password': 'Choisissez un mot de passe (au moins 10 caractères)\u00a0: ',
  'setup.ask.passwordAgain': 'Retapez le mot de passe\u00a0: ',
  'setup.noTerminal': 'Il n’y a pas de terminal où poser les questions, il faut donc\u00a0: {names}.',
  'setup.passwordFlags': '--steward-password-file (ou {passwordEnv})',
  'setup.alreadySetUp':
    'Cette communauté est déjà installée\u00a0: elle a un intendant ou une intendante. Connectez-vous sur {url}, ' +
    'ou utilisez un autre --data-dir pour une nouvelle communauté.',
  'setup.done':
    '{community} est installée. L’identifiant du premier intendant ou de la première intendante est @{handle}.',
  'setup.startAndSignIn':
    'Démarrez le boîtier avec «\u00a0marketcross serve\u00a0» et connectez-vous sur {url} avec {contact} et votre ' +
    'mot de passe.',
  'setup.passwordFile': 'Impossible de lire le fichier de mot de passe {file}\u00a0: {reason}.',
  'setup.passwordsDiffer': 'Les deux mots de passe diffèrent\u00a0; réessayez.',
  'setup.notDone': 'L’installation n’a pas été faite\u00a0; corrigez ceci et relancez-la\u00a0:',

  'token.defaultName': 'créé en ligne de commande',
  'token.whose': 'Dites à qui est le jeton avec --member IDENTIFIANT.',
  'token.noMember':
    'Aucun membre n’a l’identifiant «\u00a0{handle}\u00a0». «\u00a0marketcross members list\u00a0» montre les ' +
    'identifiants.',
  'token.notActive':
    '{name} (@{handle}) est {status, select, pending {en attente} declined {refusé·e} suspended {suspendu·e} other ' +
    '{{status}}}\u00a0; seuls les membres actifs peuvent avoir des jetons d’API.',
  'token.badName': '--name\u00a0: {reasons}',
  'token.made':
    'Jeton d’API «\u00a0{name}\u00a0» créé pour @{handle}. Gardez-le secret\u00a0: il agit en son nom. Le membre ' +
    'peut le révoquer sur la page de son compte.',

  'upgrade.nameOne':
    'Donnez un seul dossier de version vers lequel passer, p. ex. /opt/marketcross/releases/0.2.0-1a2b3c4d5e6f.',
  'upgrade.badService': '--service prend un nom de service systemd comme marketcross, pas «\u00a0{service}\u00a0».',
  'upgrade.alreadyInstalled': 'Marketcross {version} était déjà installé.',
  'upgrade.upgraded': 'Mise à jour de Marketcross {from} vers {to} terminée.',
};
