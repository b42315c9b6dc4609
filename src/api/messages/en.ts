import type { Catalogue } from '../../i18n/catalogue.js';

/** The JSON API's own messages (src/api); its error codes stay English whatever the language. */
export const en = {
  noSuchMember: 'There is no member with that handle that you may see.',
  'field.qText': 'q must be text.',
  'field.qTooLong': 'q can be at most 100 characters.',
  'field.page': 'page must be a whole number from 1 to 10000.',
} as const satisfies Catalogue;
