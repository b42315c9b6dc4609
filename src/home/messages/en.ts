import type { Catalogue } from '../../i18n/catalogue.js';

/** The opening screen (views/home): the four areas of the Diss social model. */
export const en = {
  welcome: 'Welcome, {name}',
  members: '{count, plural, one {# member} other {# members}}',
  pendingLink: '{count, plural, one {# join request is} other {# join requests are}} waiting',
  pendingRest: 'for members who know them to vouch.',
  intro:
    'A members-only community network, run on this community’s own box. Everyone here is vouched for by people ' +
    'who know them: no anonymous accounts, no bots.',
  askToJoin: 'Ask to join',
  signIn: 'Sign in',
  'synergy.title': 'Synergy',
  'synergy.about': 'Exchange: offers and wants near you, and payments in our local currencies.',
  'synergy.listings': 'Offers and wants near you',
  'synergy.newListing': 'Post an offer or a want',
  'synergy.myListings': 'My listings',
  'synergy.accounts': 'My accounts',
  'synergy.pay': 'Pay someone',
  'synergy.request': 'Ask for a payment',
  'synergy.currencies': 'Our currencies',
  'who.title': 'Who We Are',
  'who.about': 'The people, businesses and organisations of the community, their values, and who vouches for whom.',
  'who.directory': 'Member directory',
  'who.requests': 'Join requests to vouch for',
  'who.invite': 'Invite someone you know',
  'commons.title': 'Commons',
  'commons.about': 'Self-governance: groups within groups, and later discussions, documents, proposals and polls.',
  'commons.groups': 'Groups',
  'commons.soon': 'Not here yet: discussions, proposals and polls.',
  'direction.title': 'Direction',
  'direction.about': 'Planning: events, tasks ("somebody should"), needs, rides and the community fund.',
  'direction.soon': 'Not here yet: the planning tools are being built.',
} as const satisfies Catalogue;
