import type { Translation } from '../catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'errors.notFound': 'Il n’y a rien ici.',
  'errors.forbidden': 'Vous n’avez pas le droit de faire cela.',
  'errors.signInRequired': 'Veuillez d’abord vous connecter.',
  'errors.invalid': 'Certains champs sont à revoir.',
  'errors.badRequest': 'La demande n’a pas pu être comprise.',
  'errors.methodNotAllowed': 'Cette action n’est pas disponible ici.',
  'errors.tooLarge': 'Ce que vous avez envoyé est trop volumineux.',
  'errors.unsupportedType': 'Ce type de contenu n’est pas accepté ici.',
  'errors.unhandled': 'La demande n’a pas pu être traitée.',
  'errors.internal': 'Un problème est survenu sur la boîte. Il a été consigné\u00a0; veuillez réessayer.',
  'errors.title.notFound': 'Introuvable',
  'errors.title.forbidden': 'Non autorisé',
  'errors.title.tooLarge': 'Trop volumineux',
  'errors.title.tooManyAttempts': 'Trop de tentatives',
  'errors.title.internal': 'Un problème est survenu',
  'errors.title.check': 'À vérifier',
  backHome: 'Retour à l’accueil',
  'time.justNow': 'à l’instant',
};
