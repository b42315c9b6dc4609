import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  noSuchMember: 'Aucun membre que vous pouvez voir n’a cet identifiant.',
  'field.qText': 'q doit être du texte.',
  'field.qTooLong': 'q ne peut dépasser 100 caractères.',
  'field.page': 'page doit être un nombre entier de 1 à 10000.',
};
