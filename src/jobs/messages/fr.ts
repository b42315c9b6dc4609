import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  cutShort: 'Interrompue\u00a0: le serveur s’est arrêté pendant cette exécution.',
  error: '{error}',
  asRecorded: '{words}',
};
