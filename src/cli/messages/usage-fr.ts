import type { Translation } from '../../i18n/catalogue.js';
import type { usageEn } from './usage-en.js';

export const usageFr: Translation<typeof usageEn> = {
  'usage.serve': `Usage : marketcross serve [options]

Fait tourner l’application web jusqu’à son arrêt (Ctrl-C ou SIGTERM). Met
d’abord la base de données à jour. Tant que la communauté n’a pas
d’intendant·e, affiche un code d’installation à usage unique pour la page
/setup.

Les boîtiers voisins (les villes d’à côté) joignent celui-ci sur l’adresse
d’écoute pour les pairs ; « marketcross peers » gère la liste des voisins.

Options :
{dataFlags}
{p2pFlags}`,
  'usage.migrate': `Usage : marketcross migrate [options]

Applique toutes les migrations en attente en une seule transaction : si l’une
échoue, la base de données reste telle quelle et la commande sort avec un
code non nul.

Options :
{dataFlags}`,
  'usage.setup': `Usage : marketcross setup [options]

Crée la communauté et son premier intendant ou sa première intendante. Ne
fonctionne que tant que la communauté n’a pas d’intendant·e. Dans un terminal,
demande tout ce que les options ne donnent pas ; sans terminal (un script
d’installation), chaque valeur requise doit être donnée.

Options :
  --name NOM                le nom de la communauté
  --region RÉGION           sa région, p. ex. « South Norfolk »
  --lat LAT --lon LON       où elle se trouve, en degrés décimaux, p. ex. 52.3765 1.1077
  --vouches N               parrainages qu’il faut à un nouveau venu pour devenir
                            membre (2 par défaut)
  --steward-name NOM        le nom de l’intendant·e
  --steward-contact TEXTE   son courriel ou téléphone, pour se connecter
  --about TEXTE             une ligne sur la communauté (facultatif)
  --locale en|fr            la langue de la communauté, pour qui n’a pas choisi
                            la sienne (en par défaut ; les intendants peuvent
                            la changer plus tard)
  --steward-password-file FICHIER
                            lit le mot de passe de l’intendant·e dans FICHIER
                            (première ligne)
{dataFlags}

Le mot de passe peut aussi venir de la variable d’environnement {passwordEnv}.
Il n’y a pas d’option --password, exprès : les lignes de commande sont visibles
de tous les utilisateurs de la machine (ps, /proc) et restent dans
l’historique du shell.`,
  'usage.membersList': `Usage : marketcross members list [--json] [--status STATUT] [options]

Liste tous les membres, dans l’ordre où ils ont rejoint, avec leur identifiant,
leur nom, leur type, leur statut et leurs rôles (le rôle dans la communauté,
« member » ou « steward », puis chaque groupe qu’ils administrent).

Options :
  --json           un tableau JSON sur la sortie standard, pour les scripts
  --status STATUT  seulement les membres de ce statut : {statuses}
{dataFlags}`,
  'usage.tokenCreate': `Usage : marketcross token create --member IDENTIFIANT [--name NOM] [options]

Crée un jeton d’accès personnel à l’API JSON (/api/v1/…) qui agit au nom du
membre. N’affiche que le jeton sur la sortie standard, pour qu’un script
puisse le récupérer :
  TOKEN=$(marketcross token create --member maggie-hart --name backup-script)
Tout le reste va sur la sortie d’erreur. Le jeton n’est montré que cette
fois-ci ; le membre le voit, et peut le révoquer, sur la page de son compte.

Options :
  --member IDENTIFIANT  le membre actif au nom duquel le jeton agit
  --name NOM            à quoi sert le jeton (par défaut « {defaultName} »)
{dataFlags}`,
  'usage.backup': `Usage : marketcross backup [options]

Écrit un seul fichier, '<'dossier des données>/backups/marketcross-manual-'<'heure UTC>.db :
une copie cohérente de la base de données (sans risque pendant que le boîtier
tourne) avec la clé et les réglages du boîtier, vérifiée (intégrité, nombre de
lignes). Elle est gardée jusqu’à ce que vous la supprimiez : seules les
sauvegardes de la nuit sont élaguées (les 14 dernières quotidiennes et les 8
dernières hebdomadaires sont gardées). Une
clé USB contenant un fichier nommé .marketcross-backups (montée sous /media ou
/mnt) en reçoit aussi une copie.

Options :
{dataFlags}`,
  'usage.restore': `Usage : marketcross restore '<'fichier de sauvegarde> [options]

Vérifie d’abord la sauvegarde (intégrité, nombre de lignes), puis remplace la
base de données, la clé du boîtier et ses réglages par ceux de la sauvegarde.
La base de données remplacée est gardée dans '<'dossier des données>/replaced/.
Refuse tant que le serveur tourne : arrêtez-le d’abord (sur un boîtier :
sudo systemctl stop marketcross).

Options :
{dataFlags}`,
  'usage.doctor': `Usage : marketcross doctor [options]

Vérifie la base de données, l’espace disque libre, la dernière sauvegarde,
l’horloge, les tâches planifiées (la sauvegarde de la nuit, les rappels, le
rangement : une tâche dont la dernière exécution a échoué, ou qui n’a pas
tourné quand elle aurait dû, est un avertissement) et les villes voisines
(celles que le serveur a vues ces dernières minutes ; une absente depuis plus
d’un jour est un avertissement), dit quoi faire pour chaque problème, et
liste la dernière exécution de chaque tâche. Code de sortie 0 quand rien n’est
à réparer tout de suite, 1 sinon. Sans risque pendant que le boîtier sert.

Options :
{dataFlags}`,
  'usage.address': `Usage : marketcross address [options]

Affiche comment les gens sur le réseau du lieu ouvrent le boîtier : son
adresse IP (que tout téléphone peut ouvrir), son nom .local (ordinateurs et
iPhone), et un QR code de l’adresse à scanner avec l’appareil photo d’un
téléphone. Tant que la communauté n’a pas d’intendant·e, affiche aussi le
code d’installation à usage unique pour la page /setup, en créant la base de
données et le code s’il n’y en a pas encore (le serveur montre le même code).
provisioning/provision.sh la lance après avoir installé le boîtier.

Options :
{dataFlags}`,
  'usage.upgrade': `Usage : marketcross upgrade '<'dossier de version> [--service NOM] [options]

Fait passer le boîtier à une autre version installée : un dossier de version
dans /opt/marketcross/releases/, préparé par provisioning/provision.sh (qui
lance cette commande quand on le relance avec une nouvelle version de
Marketcross).

  1. sauvegarde la base de données, la clé et les réglages, et vérifie la
     sauvegarde ;
  2. fait pointer /opt/marketcross/current vers la nouvelle version ;
  3. lance les migrations de base de données de la nouvelle version ;
  4. avec --service, redémarre le service et attend qu’il réponde.

Si une étape échoue, elle remet la version précédente, restaure la base de
données depuis cette sauvegarde, et sort avec le code 1 en disant ce qui s’est
passé et quoi faire.

Elle ne modifie jamais la base de données sous un serveur en marche. Avec
--service NOM, elle arrête d’abord ce service systemd et le redémarre à la fin
(la nouvelle version, ou la précédente après un échec) ; sans, elle refuse
tant qu’un serveur tourne : arrêtez-le d’abord.

Lancez-la en root : elle modifie /opt/marketcross et le service. La
sauvegarde, les migrations et la restauration tournent sous le propriétaire
du dossier des données, pour que chaque fichier écrit reste au service.

Options :
  --service NOM     le service systemd qui fait tourner le boîtier (sur un
                    boîtier : marketcross)
{dataFlags}
  (--host et --port disent où le service redémarré répond sur /healthz.)`,
  'usage.peersSelf': `Usage : marketcross peers self [options]

Affiche l’identifiant de pair de ce boîtier (en créant la clé du boîtier s’il
n’en a pas encore), les adresses où les boîtiers voisins peuvent le joindre,
et la ligne que l’intendant·e d’un voisin tape pour l’ajouter.

Options :
{dataFlags}
{p2pFlags}`,
  'usage.peersAdd': `Usage : marketcross peers add '<'id-de-pair> '<'multiadresse> --name NOM [options]

Ajoute un boîtier voisin : ce boîtier s’y connectera, acceptera les annonces
qu’il partage, et partagera avec lui ses propres annonces régionales. Les
intendants des deux boîtiers doivent s’ajouter l’un l’autre. Ajouter un
boîtier déjà sur la liste met à jour son nom et son adresse.

  '<'id-de-pair>     l’identifiant de pair du voisin (« marketcross peers self »
                    sur ce boîtier)
  '<'multiadresse>   où le joindre, par exemple /ip4/192.168.1.20/tcp/4001

Options :
  --name NOM   comment l’appeler, en général sa ville (requis)
{dataFlags}`,
  'usage.peersList': `Usage : marketcross peers list [--json] [options]

Liste les boîtiers voisins : nom, identifiant de pair, adresse, dernière fois
vu, et combien d’enregistrements chacun a envoyés qui ont été acceptés et
refusés. Qui est connecté en ce moment se voit sur la page des intendants du
boîtier en marche.

Options :
  --json           un tableau JSON sur la sortie standard, pour les scripts
{dataFlags}`,
  'usage.peersRemove': `Usage : marketcross peers remove '<'id-de-pair> [options]

Retire un voisin de la liste : ce boîtier s’en déconnecte, le refuse
désormais, et cesse de montrer les annonces qu’il a partagées.

Options :
{dataFlags}`,
};
