import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  title: 'Vos données',
  intro:
    'Tout ce que ce boîtier conserve à votre sujet, par catégorie, avec l’endroit où le consulter. Vous pouvez ' +
    'tout télécharger en une seule archive.',
  accountLink: 'Vos données',
  accountHint: 'tout ce que le boîtier conserve à votre sujet, et son téléchargement',
  count: '{count, plural, =0 {aucun} one {# enregistrement} other {# enregistrements}}',
  seeIt: 'Consulter',
  'fields.title': 'Votre profil, et qui voit chaque partie',
  'fields.field': 'Partie',
  'fields.shownTo': 'Qui la voit',
  'field.name': 'Votre nom',
  'field.about': 'Votre présentation',
  'field.values': 'Vos valeurs',
  'field.links': 'Vos liens',
  'field.location': 'Votre lieu',
  'field.contact': 'Votre courriel et votre téléphone',
  'visibility.everyone': 'toute personne qui utilise le boîtier',
  'visibility.members': 'les membres connectés',
  'visibility.me': 'vous seul·e',
  exactPlace: 'Votre lieu exact n’est jamais montré à personne d’autre que vous ; les autres en voient un arrondi.',
  'kinds.title': 'Ce qui est conservé à votre sujet',
  'export.title': 'Tout télécharger',
  'export.about':
    'Une archive (.tar.gz) où chaque catégorie figure en JSON, pour les logiciels, et en CSV, pour les tableurs, ' +
    'avec les photos de vos annonces et un fichier README qui décrit chaque fichier. Elle est préparée en ' +
    'arrière-plan et conservée un jour.',
  'export.start': 'Préparer mon archive',
  'export.again': 'Préparer une nouvelle archive',
  'export.making': 'Préparation de votre archive : {done} parties écrites sur {total}.',
  'export.waiting': 'Votre archive attend son tour.',
  'export.ready': 'Votre archive est prête (préparée le {madeAt}). Elle sera supprimée le {expiresAt}.',
  'export.download': 'Télécharger mon archive',
  'export.failed':
    'Votre archive n’a pas pu être préparée. Réessayez ; si cela échoue encore, prévenez un·e intendant·e.',
  'export.busy': 'Beaucoup d’archives sont en préparation en ce moment. Réessayez dans quelques minutes.',
  noSuchArchive: 'Cette archive n’existe pas, ou elle a été supprimée au bout d’un jour.',
  'jobs.deleted':
    '{count, plural, one {# archive supprimée au bout d’un jour} other {# archives supprimées au bout d’un jour}}',
  'readme.title': 'Vos données chez {community}',
  'readme.intro':
    'Tout ce que le boîtier de {community} conservait à votre sujet ({handle}) le {madeAt}, un fichier par ' +
    'catégorie dans json/ (pour les logiciels) et de même dans csv/ (pour les tableurs). Les ' +
    'autres membres n’y apparaissent que par leur identifiant. Les heures sont en UTC ; les montants en unités ' +
    'divisionnaires (minutes pour les heures, centièmes sinon).',
  'readme.photos': 'photos/ : les photos de vos annonces, nommées d’après l’identifiant de l’annonce.',
  'readme.files': 'Les fichiers :',
  'section.profile': 'Votre profil : nom, coordonnées, lieu, votre présentation, et qui voit chaque partie',
  'section.values': 'Les valeurs indiquées sur votre profil',
  'section.join_request': 'Votre demande d’adhésion : pourquoi, quand, et qui vous a invité·e',
  'section.invites': 'Les invitations que vous avez faites',
  'section.invited_members': 'Les membres qui ont adhéré avec vos invitations',
  'section.vouches': 'Les parrainages que vous avez donnés et reçus',
  'section.decisions':
    'Les décisions des intendants à votre sujet, et celles que vous avez prises en tant qu’intendant·e',
  'section.password_resets': 'Les liens de réinitialisation du mot de passe faits pour vous, ou par vous',
  'section.sessions': 'Vos connexions : quand chacune a commencé, a servi pour la dernière fois et prend fin',
  'section.home_visits':
    'Votre dernière visite de la page d’accueil (d’où se compte ce qui est « nouveau près de chez vous »)',
  'section.api_tokens': 'Vos jetons d’API (leurs noms et dates, jamais les jetons)',
  'section.groups': 'Les groupes dont vous êtes membre, où vous avez demandé à entrer ou êtes invité·e, et votre rôle',
  'section.groups_started': 'Les groupes que vous avez créés',
  'section.listings': 'Vos offres et demandes, avec leur lieu exact',
  'section.promised_to_me': 'Les annonces que d’autres vous ont promises',
  'section.photos': 'Les photos de vos annonces (les images sont dans photos/)',
  'section.conversations': 'Les conversations sur les annonces : vos réponses, et les réponses à vos annonces',
  'section.messages': 'Les messages de ces conversations, les vôtres et ceux de l’autre personne',
  'section.notices': 'Les avis que le boîtier vous a donnés sur vos annonces',
  'section.accounts': 'Vos comptes dans chaque monnaie : limites et solde',
  'section.payments': 'Les paiements et demandes de paiement que vous avez faits, reçus ou tranchés',
  'section.entries': 'Les écritures de vos comptes',
  'section.account_changes': 'Les changements de limites de vos comptes, et ceux que vous avez faits',
  'section.feedback': 'Les avis donnés et reçus sur les paiements',
  'section.currencies_created': 'Les monnaies que vous avez créées',
  'section.regional_records': 'Les enregistrements de vos annonces partagées avec les boîtiers des villes voisines',
  'section.neighbouring_towns': 'Les boîtiers des villes voisines qui ont reçu vos annonces partagées',
  'section.town_conversations': 'Les conversations avec des personnes des villes voisines',
  'section.town_messages': 'Les messages de ces conversations',
};
