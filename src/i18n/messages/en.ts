import type { Catalogue } from '../catalogue.js';

/** Words shared by every feature: the errors of `src/lib/errors.ts`, and the site's frame. */
export const en = {
  'errors.notFound': 'There is nothing here.',
  'errors.forbidden': 'You are not allowed to do that.',
  'errors.signInRequired': 'Please sign in first.',
  'errors.invalid': 'Some fields need attention.',
  'errors.badRequest': 'The request could not be understood.',
  'errors.methodNotAllowed': 'That action is not available here.',
  'errors.tooLarge': 'What you sent is too large.',
  'errors.unsupportedType': 'That kind of content is not accepted here.',
  'errors.unhandled': 'The request could not be handled.',
  'errors.internal': 'Something went wrong on the box. It has been logged; please try again.',
  'errors.title.notFound': 'Not found',
  'errors.title.forbidden': 'Not allowed',
  'errors.title.tooLarge': 'Too large',
  'errors.title.tooManyAttempts': 'Too many attempts',
  'errors.title.internal': 'Something went wrong',
  'errors.title.check': 'Please check',
  backHome: 'Back to the home page',
  'time.justNow': 'just now',
} as const satisfies Catalogue;
