import type { Catalogue } from '../catalogue.js';

/** Words shared by every feature: the errors of `src/lib/errors.ts`, and the site's frame. */
export const en = {
  'errors.notFound': 'There is nothing here.',
  'errors.forbidden': 'You are not allowed to do that.',
  'errors.signInRequired': 'Please sign in first.',
  'errors.invalid': 'Some fields need attention.',
  'time.justNow': 'just now',
} as const satisfies Catalogue;
