import type { Catalogue } from '../../i18n/catalogue.js';

/** The opening screen (views/home): the member's day and the four areas of the Diss social model. */
export const en = {
  welcome: 'Welcome, {name}',
  members: '{count, plural, one {# member} other {# members}}',
  intro:
    'A members-only community network, run on this community’s own box. Everyone here is vouched for by people ' +
    'who know them: no anonymous accounts, no bots.',
  askToJoin: 'Ask to join',
  signIn: 'Sign in',

  'day.accounts': 'Your accounts',
  'day.balance': 'Balance',
  'day.canSpend': 'You can still spend',
  'day.limit': 'down to your limit of {limit}',
  'day.waiting': 'Waiting for you',
  'day.nothingWaits': 'Nothing waits for you.',
  'waiting.payments': '{count, plural, one {# payment to accept or decline} other {# payments to accept or decline}}',
  'waiting.replies': '{count, plural, one {# new reply on your listings} other {# new replies on your listings}}',
  'waiting.answers':
    '{count, plural, one {# new answer in a conversation you started} other {# new answers in conversations you ' +
    'started}}',
  'waiting.reminders': '{count, plural, one {# reminder about your listings} other {# reminders about your listings}}',
  'waiting.vouches':
    '{count, plural, one {# join request you could vouch for} other {# join requests you could vouch for}}',
  'waiting.decisions':
    '{count, plural, one {# join request for the stewards to decide} other {# join requests for the stewards to ' +
    'decide}}',
  'waiting.groupRequests': '{count, plural, one {# request to join {name}} other {# requests to join {name}}}',
  'payment.asks': '{name} asks for {amount}, for “{description}”',
  'payment.offersBack': '{name} offers to pay {amount} back, for “{description}”',
  'payment.decide': 'Accept or decline',
  'new.title': '{first, select, yes {Newest near you} other {New near you since your last visit}}',
  'new.since': 'Posted since {date}, within {distance}.',
  'new.none': 'Nothing new near you since your last visit.',
  'new.all': 'All offers and wants near you',

  'synergy.title': 'Synergy — exchange',
  'synergy.about': 'Offers and wants near you, and payments in our local currencies.',
  'synergy.listings': 'Offers and wants near you',
  'synergy.newListing': 'Post an offer or a want',
  'synergy.myListings': 'My listings',
  'synergy.accounts': 'My accounts',
  'synergy.pay': 'Pay someone',
  'synergy.request': 'Ask for a payment',
  'synergy.currencies': 'Our currencies',
  'who.title': 'Who We Are — people',
  'who.about': 'The people, businesses and organisations of the community, their values, and who vouches for whom.',
  'who.directory': 'Member directory',
  'who.requests': 'Join requests to vouch for',
  'who.invite': 'Invite someone you know',
  'who.profile': 'My profile',
  'commons.title': 'Commons — deciding together',
  'commons.about': 'Self-governance: groups within groups, each with its own members, and a fund it can hold.',
  'commons.groups': 'Groups',
  'direction.title': 'Direction — planning',
  'direction.about': 'Planning: what the community needs, and who can help.',
  'direction.wants': 'What people near you need',
  'direction.postWant': 'Say what you need',
} as const satisfies Catalogue;
