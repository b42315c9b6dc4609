import type { Catalogue } from '../../i18n/catalogue.js';

/** Signing in, passwords, reset links and API tokens (views/auth). */
export const en = {
  // Signing in (views/auth/signin.eta).
  'signIn.title': 'Sign in',
  'signIn.account': 'Email or phone',
  'signIn.accountHint': 'The one you joined with',
  'signIn.password': 'Password',
  'signIn.submit': 'Sign in',
  'signIn.forgotten': 'Forgotten your password? Ask a steward: they can give you a one-time link to set a new one.',
  'signIn.notMember': 'Not a member yet?',
  'signIn.askToJoin': 'Ask to join',
  'signIn.resetDone': 'Your new password is set. Sign in with it.',
  'signIn.resetRevokedTokens':
    '{count, plural, one {Your access token was revoked too, so no app can reach your account with it: make a new ' +
    'one on your account page if you still need it.} other {Your # access tokens were revoked too, so no app can ' +
    'reach your account with them: make new ones on your account page if you still need them.}}',
  'signIn.noMatch': 'That email/phone and password do not match. Check both and try again.',
  'signIn.throttled':
    'Too many failed attempts to sign in. For safety, signing in is paused: try again in ' +
    '{minutes, plural, one {# minute} other {# minutes}}.',
  'signIn.waitingForSteward': 'Your join request is waiting for a steward to approve it.',
  'signIn.waitingForVouches':
    'Your join request is waiting for {missing, plural, one {# more vouch} other {# more vouches}} from members ' +
    'who know you. A steward can also approve it.',
  'signIn.declined': 'Your join request was declined. Speak to a steward if you think this is a mistake.',
  'signIn.declinedBecause':
    'Your join request was declined ({reason}). Speak to a steward if you think this is a mistake.',
  'signIn.suspended': 'Your membership is suspended. Speak to a steward about it.',
  'signIn.suspendedBecause': 'Your membership is suspended ({reason}). Speak to a steward about it.',
  'field.account.notText': 'Email or phone must be text.',
  'field.account.tooLong': 'Email or phone can be at most {max, number} characters.',
  'field.account.required': 'Email or phone is required.',
  'field.account.form': 'Enter the email address or phone number you joined with.',
  'field.password.notText': 'Password must be text.',
  'field.password.required': 'Password is required.',
  'field.password.tooShort': 'Password must be at least {min, number} characters.',
  'field.password.tooLong': 'Password can be at most {max, number} characters.',

  // The account (views/auth/account.eta).
  'account.title': 'Your account',
  'account.profile': 'Your profile',
  'account.profileHint': 'what others see of you, and who may see each part',
  'account.password': 'Change your password',
  'account.passwordHint': 'signs you out on every other device',
  'account.tokens': 'Access tokens',
  'account.tokensHint': 'let another app use your account through the box’s API',
  'account.passwordChanged': 'Your password is changed. Every other device signed in as you has been signed out.',
  'account.tokensRemain':
    '{count, plural, one {# access token still works as you: an app holding it can still reach your account.} ' +
    'other {# access tokens still work as you: apps holding them can still reach your account.}}',
  'account.reviewTokens': 'See or revoke your tokens',
  'account.tokenRevoked': 'The token is revoked: apps using it can no longer reach your account.',
  'account.back': 'Back to your account',

  // Changing and resetting a password (views/auth/password.eta, reset.eta).
  'password.title': 'Change your password',
  'password.intro': 'After the change, you stay signed in here and are signed out everywhere else.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.newAgain': 'New password again',
  'password.minLength': 'At least {min, number} characters',
  'password.submit': 'Change password',
  'password.throttled':
    'Too many wrong passwords for this account. For safety, changing the password (and signing in) is paused: ' +
    'try again in {minutes, plural, one {# minute} other {# minutes}}.',
  'field.currentPassword.notText': 'Current password must be text.',
  'field.currentPassword.required': 'Current password is required.',
  'field.currentPassword.wrong': 'That is not your current password.',
  'field.newPassword.notText': 'New password must be text.',
  'field.newPassword.tooShort': 'New password must be at least {min, number} characters.',
  'field.newPassword.tooLong': 'New password can be at most {max, number} characters.',
  'field.newPasswordAgain.missing': 'Type the new password again.',
  'field.newPasswordAgain.different': 'The two new passwords are not the same.',
  'reset.title': 'Set a new password',
  'reset.for': 'For',
  'reset.worksUntil': 'This link works once, until',
  'reset.signsOut':
    'Setting a password signs this account out everywhere and revokes its access tokens; then you sign in with the ' +
    'new one.',
  'reset.submit': 'Set password',
  'reset.gone': 'This reset link has expired or has already been used. Ask a steward for a new one.',

  // A steward's reset link for a member (views/auth/reset-link.eta).
  'resetLink.title': 'Reset link for {name}',
  'resetLink.label': 'The link',
  'resetLink.handOver': 'Hand it to {name} in person. It is shown only this once, works once, and expires at',
  'resetLink.careful':
    'Anyone holding the link can set the password, so give it only to them. Making another link stops this one ' +
    'working.',
  'resetLink.intro':
    'If {name} has forgotten their password, make a one-time link for them to set a new one. The box sends no ' +
    'mail: you hand the link over in person. It works once, for 24 hours, and making it is recorded in the ' +
    'stewards’ log.',
  'resetLink.submit': 'Make a reset link',
  'resetLink.back': 'Back to {name}’s profile',
  noSuchMember: 'There is no member with that handle.',

  // API tokens (views/auth/tokens.eta).
  'tokens.title': 'Access tokens',
  'tokens.intro':
    'A token lets another app (a script, a phone app) read the box’s API as you: it sees exactly what you may ' +
    'see. Keep it secret; revoke it here when you no longer use it. What the API offers is described in the ' +
    'box’s README, under “JSON API”.',
  'tokens.newLabel': 'Your new token “{name}”',
  'tokens.newHint': 'Copy it now: it is shown only this once.',
  'tokens.yours': 'Your tokens',
  'tokens.none': 'You have no tokens.',
  'tokens.made': 'made',
  'tokens.lastUsed': 'last used',
  'tokens.neverUsed': 'never used',
  'tokens.revoke': 'Revoke',
  'tokens.make': 'Make a token',
  'tokens.name': 'Name',
  'tokens.nameHint': 'What it is for, such as “my phone” or “noticeboard script”',
  'tokens.submit': 'Make token',
  'tokens.noSuchToken': 'You have no token with that number.',
  'field.tokenName.notText': 'Name must be text.',
  'field.tokenName.tooLong': 'Name can be at most {max, number} characters.',
  'field.tokenName.required': 'Name is required.',
} as const satisfies Catalogue;
