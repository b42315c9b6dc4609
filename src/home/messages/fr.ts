import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  welcome: 'Bienvenue, {name}',
  members: '{count, plural, one {# membre} other {# membres}}',
  pendingLink: '{count, plural, one {# demande d’adhésion attend} other {# demandes d’adhésion attendent}}',
  pendingRest: 'que des membres qui connaissent ces personnes se portent garants.',
  intro:
    'Un réseau communautaire réservé à ses membres, hébergé sur le propre boîtier de la communauté. Chaque membre ' +
    'a été parrainé par des personnes qui le connaissent\u00a0: ni comptes anonymes, ni robots.',
  askToJoin: 'Demander à adhérer',
  signIn: 'Se connecter',
  'synergy.title': 'Synergie',
  'synergy.about':
    'Échanger\u00a0: les offres et demandes près de chez vous, et les paiements dans nos monnaies locales.',
  'synergy.listings': 'Offres et demandes près de chez vous',
  'synergy.newListing': 'Publier une offre ou une demande',
  'synergy.myListings': 'Mes annonces',
  'synergy.accounts': 'Mes comptes',
  'synergy.pay': 'Payer quelqu’un',
  'synergy.request': 'Demander un paiement',
  'synergy.currencies': 'Nos monnaies',
  'who.title': 'Qui sommes-nous',
  'who.about':
    'Les personnes, entreprises et associations de la communauté, leurs valeurs, et qui se porte garant de qui.',
  'who.directory': 'Annuaire des membres',
  'who.requests': 'Demandes d’adhésion à parrainer',
  'who.invite': 'Inviter quelqu’un que vous connaissez',
  'commons.title': 'Communs',
  'commons.about':
    'Autogouvernance\u00a0: des groupes dans des groupes, et bientôt des discussions, des documents, des ' +
    'propositions et des sondages.',
  'commons.groups': 'Groupes',
  'commons.soon': 'Pas encore là\u00a0: discussions, propositions et sondages.',
  'direction.title': 'Orientation',
  'direction.about':
    'Organiser\u00a0: événements, tâches («\u00a0il faudrait que quelqu’un…\u00a0»), besoins, covoiturages et ' +
    'caisse commune.',
  'direction.soon': 'Pas encore là\u00a0: les outils d’organisation sont en construction.',
};
