import type { Catalogue } from '../../i18n/catalogue.js';

/** Setting up the community box (views/community/setup), and the names setup gives what it creates. */
export const en = {
  title: 'Set up your community box',
  intro:
    'This creates your community and makes you its first steward. You need the setup code printed in the box’s ' +
    'log when it started (the provisioning script shows it too).',
  code: 'Setup code',
  codeHint: 'Like K7QM-2XPA-9RTD',
  codeWrong: 'That is not the setup code. It is printed in the box’s log when the server starts.',
  community: 'Your community',
  name: 'Community name',
  nameHint: 'For example: PlaNet Diss',
  region: 'Region',
  regionHint: 'Boxes in one region share listings, for example: South Norfolk',
  lat: 'Latitude of the centre',
  latHint: 'Diss is {value}',
  lon: 'Longitude of the centre',
  lonHint: 'Diss is {value}',
  vouches: 'Vouches needed to join',
  vouchesHint: 'How many members must vouch for a newcomer (a steward can also approve)',
  about: 'About the community',
  steward: 'You, the first steward',
  stewardName: 'Your name',
  contact: 'Email or phone',
  contactHint: 'You sign in with this',
  password: 'Password',
  passwordHint: 'At least 10 characters',
  create: 'Create the community',
  alreadySetUp: 'This community is already set up.',
  // The first currency's name, in the community's language: the town is the community name's last word.
  currencyName: '{town} Hours',
  currencyNameNoTown: 'Community Hours',
} as const satisfies Catalogue;
