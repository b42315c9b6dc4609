import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  changedWhileCopied:
    'sauvegarde\u00a0: la base de données a changé pendant la copie\u00a0; nouvelle tentative ({attempt} sur ' +
    '{attempts})',
  keptChanging:
    'La sauvegarde n’a pas pu être vérifiée\u00a0: la base de données n’a cessé de changer pendant la copie. Les ' +
    'sauvegardes précédentes sont intactes.',
  written: 'sauvegarde\u00a0: {file} écrite et vérifiée ({tables} tables, {rows} lignes)',
  copyFailed: 'sauvegarde\u00a0: impossible de copier vers {target}\u00a0: {reason}',
  integrityFailed:
    'La nouvelle sauvegarde n’a pas passé le contrôle d’intégrité ({integrity}). Les sauvegardes précédentes sont ' +
    'intactes.',
  pruned: 'sauvegarde\u00a0: {count, number} ancienne(s) sauvegarde(s) supprimée(s) dans {directory}',
  copyDiffers: 'la copie diffère de la sauvegarde',
  noFile: 'Le fichier {file} n’existe pas.',
  notABackup: '{file} n’est pas une sauvegarde Marketcross ({reason}).',
  damaged: '{file} est endommagé (contrôle d’intégrité\u00a0: {integrity}). Utilisez une autre sauvegarde.',
  noManifest: '{file} n’est pas une sauvegarde Marketcross\u00a0: il n’a pas de manifeste de sauvegarde.',
  wrongCount:
    '{file} est endommagé\u00a0: la table {table} a {actual} lignes, le manifeste en annonce {expected}. Utilisez ' +
    'une autre sauvegarde.',
  'job.done':
    '{file} écrite ({rows, plural, one {# ligne} other {# lignes}}){copiedTo, select, none {} other {, copiée vers ' +
    '{copiedTo}}}{pruned, plural, =0 {} one {, # ancienne sauvegarde supprimée} other {, # anciennes sauvegardes ' +
    'supprimées}}',
  serverRunning:
    'Le boîtier est en marche (processus {pid}). Arrêtez-le d’abord (sur un boîtier\u00a0: sudo systemctl stop ' +
    'marketcross), puis restaurez.',
};
