import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  output: '  {line}',
  starting: 'Mise à jour de Marketcross {from} ({fromId}) vers {to} ({toId}).',
  alreadyInstalled: 'Marketcross {version} ({id}) est déjà la version installée\u00a0: rien à faire.',
  nothingInstalled:
    'Aucune version n’est installée dans {link}, il n’y a donc rien à mettre à jour. provisioning/provision.sh ' +
    'installe la première version.',
  notRoot:
    'La mise à jour modifie {dir}, ce que cet utilisateur n’a pas le droit de faire\u00a0: lancez-la en root ' +
    '(sudo). Rien n’a été changé.',
  stopping: 'Arrêt du service {name}…',
  couldNotStop:
    'La mise à jour n’a pas commencé\u00a0: le service {name} n’a pas pu être arrêté ({cause}). Rien n’a été ' +
    'changé. Que faire\u00a0: lancez «\u00a0sudo systemctl status {name}\u00a0», puis réessayez.',
  serverRunning:
    'Un serveur Marketcross (processus {pid}) tourne sur {dataDir}, et la mise à jour ne doit pas modifier la base ' +
    'de données sous ses pieds. Rien n’a été changé. Arrêtez-le d’abord (sur un boîtier\u00a0: sudo systemctl stop ' +
    'marketcross), ou laissez la mise à jour arrêter et redémarrer le service elle-même\u00a0: --service ' +
    'marketcross.',
  noDatabase: 'Il n’y a pas encore de base de données dans {dataDir}\u00a0: rien à sauvegarder ni à migrer.',
  takingBackup: 'Sauvegarde de la base de données, de la clé et des réglages…',
  backupFailed: 'La mise à jour n’a pas commencé\u00a0: la sauvegarde a échoué\u00a0: {cause}',
  backupFailedNothingChanged:
    'Rien n’a été changé\u00a0: le boîtier est toujours sous Marketcross {version}{serviceNote}.',
  backupFailedWhatToDo:
    'Que faire\u00a0: «\u00a0sudo marketcross doctor\u00a0» montre ce qui ne va pas (souvent un disque ' +
    'plein)\u00a0; corrigez-le, puis relancez la mise à jour.',
  backupTaken: 'Sauvegarde faite et vérifiée\u00a0: {file}',
  backupSaidNothing: 'la commande de sauvegarde n’a pas dit où elle a écrit la sauvegarde',
  migrating: 'Migration de la base de données avec Marketcross {version}…',
  startingService: 'Démarrage du service {name} avec Marketcross {version}…',
  rollingBack:
    'La mise à jour a échoué {step, select, switching {au passage à la nouvelle version} migrating {pendant la ' +
    'migration de la base de données} starting {au démarrage de la nouvelle version} other {pendant la mise à ' +
    'jour}}\u00a0; retour à Marketcross {version}…',
  done: 'Mise à jour vers Marketcross {version} ({id}) terminée. La version précédente reste dans {previous}{withBackup, select, yes {\u00a0; la sauvegarde faite avant est {backup}} other {}}.',
  failedWhile:
    'La mise à jour vers Marketcross {version} a échoué {step, select, switching {au passage à la nouvelle ' +
    'version} migrating {pendant la migration de la base de données} starting {au démarrage de la nouvelle ' +
    'version} other {pendant la mise à jour}}\u00a0:',
  backOnPrevious:
    'Le boîtier est revenu à Marketcross {version} ({id}){withBackup, select, yes {, avec sa base de données ' +
    'restaurée depuis la sauvegarde faite juste avant ({backup})} other {}}{serviceNote}.',
  backOnPreviousWhatToDo:
    'Que faire\u00a0: rien n’est perdu, et le boîtier fonctionne comme avant. Gardez le message ci-dessus et ' +
    'transmettez-le à qui vous fournit les mises à jour de Marketcross\u00a0; refaites la mise à jour quand une ' +
    'version corrigée existera. «\u00a0sudo marketcross doctor\u00a0» vérifie le boîtier.',
  serviceRunningAgain: ', et son service tourne de nouveau',
  serviceNotRestarted:
    ', mais son service n’a pas redémarré ({reason})\u00a0; démarrez-le avec\u00a0: sudo systemctl start {name}',
  undoFailed:
    '{what, select, stopping {l’arrêt de la nouvelle version} switching {le retour à la version précédente} other ' +
    '{la restauration de la base de données depuis la sauvegarde}} a échoué ({reason})',
  undoIncomplete: 'Le retour à la version précédente n’a pas complètement réussi\u00a0: {problems}.',
  byHand:
    'Que faire, sur le boîtier, une ligne à la fois\u00a0:\n  sudo systemctl stop {name}\n  sudo ln -sfn {target} ' +
    '{link}\n{withBackup, select, yes {  sudo marketcross restore {backup}\n} other {}}  sudo systemctl start ' +
    '{name}\n  sudo marketcross doctor',
  exitCode: 'code de sortie {code}',
  incomplete:
    '{dir} n’est pas une version complète de Marketcross (il y manque {missing}). provisioning/provision.sh ' +
    'prépare les versions\u00a0; lancez-le depuis la nouvelle version.',
  packageUnreadable: '{dir}/package.json est illisible\u00a0: {reason}.',
  noVersion: '{dir}/package.json n’indique pas de version.',
  outsideReleases:
    '{dir} n’est pas dans le dossier des versions d’un boîtier installé (comme /opt/marketcross/releases/). ' +
    'provisioning/provision.sh y place les nouvelles versions.',
  systemctlMissing: 'systemctl n’a pas pu être lancé ({reason})',
  systemctlFailed:
    '«\u00a0systemctl {verb} {name}\u00a0» a échoué\u00a0: {silent, select, yes {code de sortie {code}} other ' +
    '{{said}}}',
  stillRunning: 'le serveur (processus {pid}) tourne encore {seconds} secondes après l’ordre d’arrêt',
  serviceStopped: 'le service {name} s’est arrêté au lieu de servir (sudo journalctl -u {name} -n 50 dit pourquoi)',
  notServing:
    'le boîtier n’a pas répondu sur {url} en version {version} dans les {seconds} secondes ({last, select, ' +
    'answered {il a répondu {status}} answeredAs {il a répondu {status} en version {answeredAs}} error {{reason}} ' +
    'other {pas encore de réponse}})',
};
