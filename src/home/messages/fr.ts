import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  welcome: 'Bienvenue, {name}',
  members: '{count, plural, one {# membre} other {# membres}}',
  intro:
    'Un réseau communautaire réservé à ses membres, hébergé sur le propre boîtier de la communauté. Chaque membre ' +
    'a été parrainé par des personnes qui le connaissent\u00a0: ni comptes anonymes, ni robots.',
  askToJoin: 'Demander à adhérer',
  signIn: 'Se connecter',

  'day.accounts': 'Vos comptes',
  'day.balance': 'Solde',
  'day.canSpend': 'Vous pouvez encore dépenser',
  'day.limit': 'jusqu’à votre limite de {limit}',
  'day.waiting': 'Ce qui vous attend',
  'day.nothingWaits': 'Rien ne vous attend.',
  'waiting.payments':
    '{count, plural, one {# paiement à accepter ou refuser} other {# paiements à accepter ou refuser}}',
  'waiting.replies':
    '{count, plural, one {# nouvelle réponse à vos annonces} other {# nouvelles réponses à vos annonces}}',
  'waiting.answers':
    '{count, plural, one {# nouvelle réponse dans une conversation que vous avez lancée} other {# nouvelles ' +
    'réponses dans des conversations que vous avez lancées}}',
  'waiting.reminders': '{count, plural, one {# rappel sur vos annonces} other {# rappels sur vos annonces}}',
  'waiting.vouches':
    '{count, plural, one {# demande d’adhésion pour laquelle vous pourriez vous porter garant} other {# demandes ' +
    'd’adhésion pour lesquelles vous pourriez vous porter garant}}',
  'waiting.decisions':
    '{count, plural, one {# demande d’adhésion à trancher par les intendants} other {# demandes d’adhésion à ' +
    'trancher par les intendants}}',
  'waiting.groupRequests':
    '{count, plural, one {# demande pour rejoindre {name}} other {# demandes pour rejoindre {name}}}',
  'payment.asks': '{name} vous demande {amount}, pour «\u00a0{description}\u00a0»',
  'payment.offersBack': '{name} propose de vous rembourser {amount}, pour «\u00a0{description}\u00a0»',
  'payment.decide': 'Accepter ou refuser',
  'new.title':
    '{first, select, yes {Les dernières offres et demandes près de chez vous} other {Nouveautés près de chez vous ' +
    'depuis votre dernière visite}}',
  'new.since': 'Publiées depuis le {date}, à moins de {distance}.',
  'new.none': 'Rien de nouveau près de chez vous depuis votre dernière visite.',
  'new.all': 'Toutes les offres et demandes près de chez vous',

  'synergy.title': 'Synergie — échanger',
  'synergy.about': 'Les offres et demandes près de chez vous, et les paiements dans nos monnaies locales.',
  'synergy.listings': 'Offres et demandes près de chez vous',
  'synergy.newListing': 'Publier une offre ou une demande',
  'synergy.myListings': 'Mes annonces',
  'synergy.accounts': 'Mes comptes',
  'synergy.pay': 'Payer quelqu’un',
  'synergy.request': 'Demander un paiement',
  'synergy.currencies': 'Nos monnaies',
  'who.title': 'Qui sommes-nous — les membres',
  'who.about':
    'Les personnes, entreprises et associations de la communauté, leurs valeurs, et qui se porte garant de qui.',
  'who.directory': 'Annuaire des membres',
  'who.requests': 'Demandes d’adhésion à parrainer',
  'who.invite': 'Inviter quelqu’un que vous connaissez',
  'who.profile': 'Mon profil',
  'commons.title': 'Communs — décider ensemble',
  'commons.about':
    'Autogouvernance\u00a0: des groupes dans des groupes, chacun avec ses membres, et une caisse s’il en a une.',
  'commons.groups': 'Groupes',
  'direction.title': 'Orientation — s’organiser',
  'direction.about': 'S’organiser\u00a0: ce dont la communauté a besoin, et qui peut aider.',
  'direction.wants': 'Ce dont les gens ont besoin près de chez vous',
  'direction.postWant': 'Dire ce dont vous avez besoin',
};
