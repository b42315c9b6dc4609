import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'name.database': 'Base de données',
  'name.disk': 'Espace disque',
  'name.backups': 'Sauvegardes',
  'name.clock': 'Horloge',
  'name.jobs': 'Tâches planifiées',
  'name.siblings': 'Villes voisines',
  'name.https': 'HTTPS',

  bytes:
    '{unit, select, gb {{value, number, ::.0 group-off}\u00a0Go} mb {{value, number, ::.0 group-off}\u00a0Mo} ' +
    'other {{value}\u00a0ko}}',
  age: '{unit, select, lessThanHour {il y a moins d’une heure} hours {il y a {count, plural, one {# heure} other {# heures}}} other {il y a {count, number} jours}}',
  duration:
    '{unit, select, underSecond {moins d’une seconde} seconds {{count, number}\u00a0s} ' +
    'other {{count, number}\u00a0min}}',

  'database.healthy': 'En bon état, {size}.',
  'database.damaged': 'La base de données signale des dégâts\u00a0: {verdict}',
  'database.restore': "Arrêtez le boîtier et restaurez la dernière sauvegarde\u00a0: marketcross restore '<'fichier>.",
  'database.unreadable': 'La base de données est illisible\u00a0: {reason}',
  'database.checkFolder':
    'Vérifiez le dossier des données et ses droits d’accès\u00a0; restaurez la dernière sauvegarde si le fichier ' +
    'est endommagé.',

  'disk.free': '{free} libres sur {total} sur le volume des données.',
  'disk.full':
    'La carte est presque pleine\u00a0: le boîtier risque de ne plus rien enregistrer. Supprimez d’anciens ' +
    'fichiers du dossier des sauvegardes ou déplacez-les sur une clé USB, ou prenez une carte plus grande.',
  'disk.low':
    'L’espace commence à manquer. Copiez les anciennes sauvegardes sur une clé USB et supprimez-les du boîtier.',

  'backups.none': 'Il n’y a encore aucune sauvegarde.',
  'backups.takeOne': 'Faites-en une maintenant\u00a0: marketcross backup. Le boîtier en fait aussi une chaque nuit.',
  'backups.latest': 'La dernière sauvegarde est {name}, faite {age}.',
  'backups.stale':
    'La sauvegarde de la nuit n’a pas tourné depuis plus de deux jours. Faites-en une maintenant avec marketcross ' +
    'backup, et cherchez dans le journal du boîtier pourquoi celle de la nuit a échoué.',

  'clock.says': 'L’horloge du boîtier indique {now}.',
  'clock.tooEarly': 'C’est avant que ce boîtier ait pu être installé.',
  'clock.wentBack': 'Le boîtier a déjà enregistré des heures jusqu’à {newest}\u00a0: l’horloge a reculé.',
  'clock.setIt':
    'Branchez le boîtier à un réseau qui donne l’heure d’internet, ou réglez l’heure à la main (sudo date -s ' +
    '"AAAA-MM-JJ HH:MM"), puis redémarrez Marketcross.',

  'siblings.none': 'Aucune ville voisine n’est sur la liste de ce boîtier.',
  'siblings.noPeerLayer':
    '{count, plural, one {# ville voisine est} other {# villes voisines sont}} sur la liste, mais le boîtier ' +
    'tourne sans sa couche pair-à-pair (--no-p2p), donc aucune n’est jointe.',
  'siblings.setListen':
    'Mettez MARKETCROSS_P2P_LISTEN=/ip4/0.0.0.0/tcp/4001 dans /etc/marketcross/marketcross.env (et retirez ' +
    '--no-p2p s’il a été ajouté), puis redémarrez\u00a0: sudo systemctl restart marketcross.',
  'siblings.connected':
    '{connected} sur {total} {live, select, yes {{connected, plural, one {connectée} other {connectées}}} other ' +
    '{{connected, plural, one {vue} other {vues}} par le serveur ces dernières minutes}}{connected, plural, =0 {} ' +
    'other {\u00a0: {names}}}.',
  'siblings.away':
    '{name}\u00a0: {live, select, yes {pas connectée} other {pas vue récemment}}, {seen, select, never {jamais ' +
    'vue} other {vue pour la dernière fois {age}}}.',
  'siblings.fromTheFuture':
    'Les enregistrements {de_names} sont rejetés comme venant du futur : leurs heures ont plus d’un jour ' +
    'd’avance sur l’horloge de ce boîtier ({now}). Si l’horloge de {count, plural, one {cette ville} other {ces ' +
    'villes}} est juste, celle de ce boîtier retarde.',
  'siblings.checkClock':
    'Comparez l’horloge de ce boîtier avec celle d’un téléphone. Si elle retarde, branchez le boîtier à un réseau ' +
    'qui donne l’heure d’internet, ou réglez l’heure à la main (sudo date -s "AAAA-MM-JJ HH:MM"), puis redémarrez ' +
    'Marketcross. Si elle est juste, demandez aux intendants des autres villes de vérifier l’horloge de leur boîtier.',
  'siblings.awayTooLong':
    '{names} {count, plural, one {est absente} other {sont absentes}} depuis plus d’un jour\u00a0: le boîtier est ' +
    'peut-être éteint ou a changé d’adresse. Ce boîtier continue d’essayer. Vérifiez l’adresse sur la page Villes ' +
    'voisines et demandez aux intendants de cette ville.',

  'https.plain':
    'Ce boîtier n’a pas de nom, il sert donc du HTTP en clair\u00a0: sur le Wi-Fi, n’importe qui à côté peut lire ce ' +
    'que les gens envoient (mots de passe, paiements). Pour servir du HTTPS, donnez-lui un nom sous le domaine de ' +
    'votre communauté (la section «\u00a0HTTPS sur le réseau du lieu\u00a0» du README).',
  'https.none':
    'Pas encore de certificat pour {name}{had, select, none {\u00a0: le boîtier sert du HTTP en clair} other { ' +
    '(celui qu’il a est pour {had})}}.',
  'https.ended':
    'Le certificat de {name} a expiré le {until}\u00a0: les téléphones mettent les gens en garde contre le boîtier.',
  'https.obtained': 'Certificat obtenu pour {name}, valable jusqu’au {until, date, medium}.',
  'https.valid':
    'Le certificat de {name} est valable jusqu’au {until} (encore {days, plural, one {# jour} other {# jours}}).',
  'https.failed': 'La dernière demande de certificat, à {at}, a échoué\u00a0: {error}',
  'https.notYet': 'Le boîtier en demande un à son démarrage et deux fois par jour, dès qu’il a internet.',
  'https.needsInternet':
    'Vérifiez que le boîtier atteint internet (son réseau filaire ou le partage de connexion d’un téléphone), puis ' +
    'redémarrez-le\u00a0: sudo systemctl restart marketcross.',
  'https.checkHook':
    'Essayez le script DNS à la main sur le boîtier\u00a0: sudo -u marketcross env CERTBOT_DOMAIN={name} ' +
    'CERTBOT_VALIDATION=test {hook} auth doit ajouter un enregistrement TXT pour _acme-challenge.{name} chez votre ' +
    'fournisseur DNS (lancez-le ensuite avec cleanup). Corrigez ce qu’il signale (un jeton d’API expiré, une ' +
    'mauvaise zone), puis redémarrez le boîtier\u00a0: il réessaie à son démarrage.',
  'https.unresolved':
    '{name} ne mène nulle part sur ce réseau\u00a0: les téléphones d’ici ne peuvent pas ouvrir le boîtier par son nom.',
  'https.resolves': '{name} mène à ce boîtier ({addresses}).',
  'https.elsewhere': '{name} mène à {addresses}, qui n’est pas ce boîtier.',
  'https.addToRouter':
    'Sur le Wi-Fi du boîtier lui-même, son nom marche toujours. Sur la box ou le routeur d’un lieu, ajoutez une ' +
    'entrée DNS locale (souvent appelée «\u00a0hôte DNS\u00a0», «\u00a0DNS local\u00a0» ou «\u00a0DNS ' +
    'statique\u00a0») de {name} vers l’adresse du boîtier indiquée plus bas, ou donnez au boîtier une adresse fixe ' +
    'et faites pointer {name} vers elle dans le DNS de votre domaine.',

  'jobs.checkServer':
    'Les tâches ne tournent que si le serveur tourne. Vérifiez-le avec «\u00a0sudo systemctl status ' +
    'marketcross\u00a0»\u00a0; démarrez-le avec «\u00a0sudo systemctl start marketcross\u00a0», ou redémarrez-le ' +
    's’il tourne.',
  'jobs.none': 'Aucune tâche n’a encore été planifiée sur ce boîtier\u00a0: le serveur les planifie à son démarrage.',
  'jobs.allRan': '{count, plural, one {La tâche a tourné comme prévu.} other {Les # tâches ont tourné comme prévu.}}',
  'jobs.overdue': '{job} aurait dû tourner à {dueAt} mais ne l’a pas fait.',
  'jobs.stuck': '{job} a démarré à {startedAt} et n’a pas fini.',
  'jobs.restart': 'Redémarrez le serveur\u00a0: sudo systemctl restart marketcross.',
  'jobs.failed': '{job} a échoué à sa dernière exécution, à {startedAt}\u00a0: {message}.',
  'jobs.noReason': 'aucune raison n’a été enregistrée',
  'jobs.readLog':
    'Lisez ce qui n’a pas marché dans le journal du boîtier\u00a0: sudo journalctl -u marketcross --since ' +
    '"{startedAt}". La tâche sera retentée à sa prochaine heure\u00a0; si elle échoue encore, demandez de l’aide ' +
    'en transmettant ce message.',
  'jobs.never': 'jamais',
  'jobs.at': '{at}',
  'jobs.ranTook': '{at} (durée\u00a0: {took})',
  'jobs.notScheduled': 'pas planifiée',

  'page.title': 'Santé du boîtier',
  'page.verdict':
    '{level, select, ok {Tout va bien.} warn {Le boîtier fonctionne, mais quelque chose demandera bientôt votre ' +
    'attention.} other {Quelque chose ne va pas et doit être réparé maintenant.}}',
  'page.mark': '{level, select, ok {OK} warn {Attention} other {Problème}}',
  'page.checkHeading': '{name}\u00a0: {mark}',
  'page.whatToDo': 'Que faire\u00a0: {advice}',
  'page.jobs': 'Tâches planifiées',
  'page.noJobs': 'Aucune tâche n’a encore été planifiée\u00a0: le serveur les planifie à son démarrage.',
  'page.jobsIntro':
    'Ce que le boîtier fait tout seul\u00a0: la sauvegarde de la nuit, les rappels, le rangement. Les heures sont ' +
    'en UTC.',
  'page.needsAttention': '(demande votre attention, voir plus haut)',
  'page.lastRun': 'Dernière exécution',
  'page.result': 'Résultat',
  'page.resultValue': '{result, select, ok {OK} failed {Échec} running {En cours} other {Pas encore exécutée}}',
  'page.nextRun': 'Prochaine exécution',
  'page.thisBox': 'Ce boîtier',
  'page.version': 'Version',
  'page.versionValue': 'Marketcross {version}',
  'page.runningFor': 'En marche depuis',
  'page.minutes': '{count, plural, one {# minute} other {# minutes}}',
  'page.memory': 'Mémoire utilisée',
  'page.peerId': 'Identifiant de pair',
  'page.peerIdNote': 'les villes voisines ajoutent ce boîtier grâce à lui\u00a0:',
  'page.siblingsLink': 'Villes voisines',
  'page.address': 'Adresse',
  'page.also': '(aussi {addresses})',
  'page.scan':
    'Les téléphones qui ne peuvent pas ouvrir marketcross.local peuvent scanner ce code ou taper l’adresse ci-dessus.',
  'page.qrAlt': 'QR code de {url}',
  'page.doctorBefore': 'Sur le boîtier lui-même,',
  'page.doctorAfter': 'affiche les mêmes vérifications.',
};
