import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'siblings.title': 'Villes voisines',
  'siblings.intro':
    'Les boîtiers des villes voisines avec lesquels celui-ci est fédéré\u00a0: nos membres y trouvent les annonces ' +
    'que leurs membres partagent avec les villes voisines, et les leurs trouvent les nôtres. Les intendants des ' +
    'deux boîtiers doivent s’ajouter mutuellement.',
  'siblings.back': 'Retour à la page des intendants',
  'siblings.self': 'Ce boîtier',
  'siblings.giveThis': 'Donnez aux intendants d’un boîtier voisin cet identifiant de pair et une adresse\u00a0:',
  'siblings.alone': 'Ce boîtier fonctionne seul\u00a0: il a été démarré sans adresse d’écoute pour les pairs',
  'siblings.startWith': 'Démarrez-le avec',
  'siblings.toFederate': 'pour le fédérer.',
  'siblings.heading': 'Boîtiers voisins',
  'siblings.none': 'Aucun boîtier voisin pour l’instant.',
  'siblings.connected': 'connecté',
  'siblings.notConnected': 'non connecté',
  'siblings.lastSeen': 'vu pour la dernière fois {when}',
  'siblings.never': 'jamais',
  'siblings.records': 'Enregistrements reçus\u00a0: {received, number} · rejetés\u00a0: {rejected, number}',
  'siblings.lastRejected': 'Dernier rejet\u00a0: {reason}',
  'siblings.remove': 'Retirer',
  'siblings.unknownCount':
    'Enregistrements de boîtiers absents de cette liste\u00a0: {count, number}, non affichés ici. ' +
    'Le plus récent venait de',
  'siblings.unknownVia': 'transmis par {via} ({when}).',
  'siblings.unknownAdvice':
    'Un boîtier voisin transmet les annonces de tous les boîtiers acceptés par ses intendants\u00a0; ajoutez ce ' +
    'boîtier ici si les vôtres sont d’accord aussi.',
  'discovered.heading': 'Vus sur ce réseau, en attente d’approbation',
  'discovered.intro':
    'Des boîtiers trouvés sur le réseau local. Aucun n’est digne de confiance tant que vous ne l’avez pas ajouté ' +
    'avec un nom.',
  'discovered.seen': 'vu {when}',
  'discovered.add': 'Ajouter…',
  'add.heading': 'Ajouter un boîtier voisin',
  'add.name': 'Nom',
  'add.nameHint': 'En général sa ville, par exemple\u00a0: Eye',
  'add.peerId': 'Identifiant de pair',
  'add.peerIdHint':
    'Commence par 12D3KooW\u00a0: sur la page de ses intendants ou avec «\u00a0marketcross peers self\u00a0»',
  'add.address': 'Adresse',
  'add.addressHint': 'Par exemple\u00a0: /ip4/192.168.1.20/tcp/4001',
  'add.submit': 'Ajouter ce boîtier',
  'add.ownPeerId': 'C’est l’identifiant de pair de ce boîtier-ci\u00a0; donnez celui du boîtier voisin.',
  'field.name.notText': 'Le nom doit être du texte.',
  'field.name.tooLong': 'Le nom ne peut dépasser {max, number} caractères.',
  'field.name.required': 'Le nom est obligatoire.',
  'field.peerId.required': 'L’identifiant de pair est obligatoire.',
  'field.peerId.tooLong': 'Un identifiant de pair ne dépasse pas {max, number} caractères.',
  'field.peerId.form':
    'Ce n’est pas l’identifiant de pair d’un boîtier\u00a0: il commence par «\u00a012D3KooW\u00a0» et compte 52 ' +
    'caractères. Copiez-le depuis «\u00a0marketcross peers self\u00a0» sur le boîtier voisin, ou depuis la page ' +
    'de ses intendants.',
  'field.address.required': 'L’adresse est obligatoire.',
  'field.address.tooLong': 'Une adresse ne dépasse pas {max, number} caractères.',
  'field.address.form':
    'L’adresse doit ressembler à /ip4/192.168.1.20/tcp/4001 (ou /dns4/eye-box.example.org/tcp/4001).',
  'field.address.otherPeer': 'L’adresse se termine par un autre identifiant de pair que celui indiqué.',
  noSuchSibling: 'Aucun boîtier voisin n’a cet identifiant de pair.',
  'conversations.notFound': 'Il n’y a pas de conversation avec cette personne sur cette annonce.',
};
