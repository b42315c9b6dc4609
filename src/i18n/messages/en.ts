import type { Catalogue } from '../catalogue.js';

/** Words shared by every feature: the errors of `src/lib/errors.ts`, and the site's frame. */
export const en = {
  'errors.notFound': 'There is nothing here.',
  'errors.csrf': 'This form has expired or did not come from this box. Go back, reload the page and try again.',
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
  // A request Node refused before the app saw it (src/http/malformed-request.ts).
  'errors.title.addressTooLong': 'Address too long',
  'errors.title.badRequest': 'Bad request',
  'errors.addressTooLong':
    'That address is too long for the box to read. If you were searching, use fewer words: only the first 200 ' +
    'characters of a search are used.',
  'errors.notUnderstood': 'The box could not understand that request.',
  'errors.headersTooLarge': 'The request headers (or the address) are too large.',
  startAgain: 'Start again',
  backHome: 'Back to the home page',
  'field.required': 'This field is required.',
  'field.invalid': 'This value is not valid.',
  'field.number': 'Enter a number.',
  'field.tooShort': 'Too short (at least {min, number} characters).',
  'field.tooLong': 'Too long (at most {max, number} characters).',
  'field.tooSmall': 'Must be at least {min, number}.',
  'field.tooLarge': 'Must be at most {max, number}.',
  'field.tooFew': 'Choose at least {min, number}.',
  'field.tooMany': 'Choose at most {max, number}.',
  'field.choose': 'Choose one of the options.',
  'field.format': 'This is not in the expected form.',
  'time.justNow': 'just now',

  // The frame of every page (views/layout.eta).
  'frame.product': 'Marketcross',
  'frame.skip': 'Skip to content',
  'frame.nav.main': 'Main',
  'frame.nav.more': 'More',
  'frame.nav.listings': 'Offers & wants',
  'frame.nav.accounts': 'Accounts',
  'frame.nav.myListings': 'My listings',
  'frame.nav.new': '{count, plural, one {new} other {new}}',
  'frame.nav.menu': 'Menu',
  'frame.nav.members': 'Members',
  'frame.nav.groups': 'Groups',
  'frame.nav.stewards': 'Stewards',
  'frame.nav.join': 'Join',
  'frame.nav.signIn': 'Sign in',
  'frame.signOut': 'Sign out',
  'frame.footer': 'Runs on this community’s own box with Marketcross. Your data stays here.',

  // The partials every form uses (views/partials).
  'form.optional': '(optional)',
  'form.check': 'Please check the form:',

  // Choosing a language: the footer switcher, a member's own setting, the community's default.
  'language.name.en': 'English',
  'language.name.fr': 'Français',
  'language.switcher': 'Language',
  'language.unknown': 'Choose one of the languages offered.',
  'language.save': 'Save',
  'language.saved': 'Saved.',
  'language.memberTitle': 'Your language',
  'language.memberIntro':
    'The box shows its pages, and the messages of its API, in the language you choose here, on every device you ' +
    'sign in on.',
  'language.memberLegend': 'Show the box in',
  'language.followBrowser': 'The language of my browser',
  'language.backToAccount': 'Back to your account',
  'language.communityTitle': 'The community’s language',
  'language.communityIntro':
    'Visitors whose browser asks for none of the box’s languages, and members who have not chosen theirs, see the ' +
    'box in this language.',
  'language.communityLegend': 'The community’s language',
  'language.backToStewards': 'Back to the stewards’ page',
  'language.setupLabel': 'Language of the community',
  'language.setupHint': 'For whoever has not chosen theirs; you can change it later',
  'errors.stewardsOnly': 'Only stewards can do that.',
  'errors.invalidToken':
    'The access token is not valid: it may have been revoked. Make a new one on your profile page.',
} as const satisfies Catalogue;
