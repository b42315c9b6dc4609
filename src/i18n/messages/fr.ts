import type { Translation } from '../catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'errors.notFound': 'Il n’y a rien ici.',
  'errors.forbidden': 'Vous n’avez pas le droit de faire cela.',
  'errors.signInRequired': 'Veuillez d’abord vous connecter.',
  'errors.invalid': 'Certains champs sont à revoir.',
  'time.justNow': 'à l’instant',
};
