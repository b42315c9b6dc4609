import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  title: 'Installer le boîtier de votre communauté',
  intro:
    'Cette étape crée votre communauté et fait de vous sa première intendante ou son premier intendant. Il vous ' +
    'faut le code d’installation inscrit dans le journal du boîtier à son démarrage (le script d’installation ' +
    'l’affiche aussi).',
  code: 'Code d’installation',
  codeHint: 'Du type K7QM-2XPA-9RTD',
  codeWrong: 'Ce n’est pas le code d’installation. Il est inscrit dans le journal du boîtier au démarrage du serveur.',
  community: 'Votre communauté',
  name: 'Nom de la communauté',
  nameHint: 'Par exemple\u00a0: SEL de Diss',
  region: 'Région',
  regionHint: 'Les boîtiers d’une même région partagent leurs annonces, par exemple\u00a0: Norfolk du Sud',
  lat: 'Latitude du centre',
  latHint: 'Diss est à {value}',
  lon: 'Longitude du centre',
  lonHint: 'Diss est à {value}',
  vouches: 'Parrainages nécessaires pour adhérer',
  vouchesHint:
    'Combien de membres doivent se porter garants d’un nouveau venu (un·e intendant·e peut aussi accepter la demande)',
  about: 'Présentation de la communauté',
  steward: 'Vous, premier·e intendant·e',
  stewardName: 'Votre nom',
  contact: 'E-mail ou téléphone',
  contactHint: 'Il sert à vous connecter',
  password: 'Mot de passe',
  passwordHint: 'Au moins 10 caractères',
  create: 'Créer la communauté',
  alreadySetUp: 'Cette communauté est déjà installée.',
  currencyName: 'Heures de {town}',
  currencyNameNoTown: 'Heures de la communauté',
};
