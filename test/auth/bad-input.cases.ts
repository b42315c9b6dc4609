import { addActiveMember, STEWARD } from '../helpers/box.js';
import { type FormSpec, next, PASSWORD, type PathCase } from '../helpers/bad-input.js';

/** Bad input for signing in, passwords, reset links and access tokens (the runner is test/helpers/bad-input.ts). */

const signIn: FormSpec = {
  name: 'sign in',
  as: 'visitor',
  required: ['account', 'password'],
  text: ['account', 'password'],
  notShown: ['password'],
  async target({ box }) {
    return {
      from: '/signin',
      action: '/signin',
      valid: () => ({ account: STEWARD.email, password: STEWARD.password }),
      refusedLater: () => ({ account: STEWARD.email, password: 'not-the-password' }),
      // Wrong passwords count towards the throttle (5 per account, 20 per address in 15 minutes): let each case start
      // afresh.
      beforeCase: () => box.clock.advanceMinutes(16),
      alsoInvalid: () => [{ account: 'not an email or a phone', password: STEWARD.password }],
    };
  },
};

const changePassword: FormSpec = {
  name: 'change password',
  as: 'member',
  required: ['current_password', 'new_password', 'new_password_again'],
  text: ['current_password', 'new_password', 'new_password_again'],
  notShown: ['current_password', 'new_password', 'new_password_again'],
  // Nobody's password is longer than 200 characters, so an oversized one is simply not theirs;
  // the repeat is only compared with the new password.
  tooLong: { current_password: /not your current password/, new_password_again: /not the same/ },
  async target({ me }) {
    const fields = (current_password: string, new_password: string, new_password_again = new_password) => ({
      current_password,
      new_password,
      new_password_again,
    });
    return {
      from: '/account/password',
      action: '/account/password',
      valid: () => fields(me!.password, 'another-long-password'),
      alsoInvalid: () => [
        fields(me!.password, 'another-long-password', 'another-long-passwort'),
        fields(me!.password, 'short'),
        fields('not-my-password', 'another-long-password'),
      ],
    };
  },
};

const accessTokens: FormSpec = {
  name: 'access tokens',
  as: 'member',
  required: ['name'],
  text: ['name'],
  async target() {
    return { from: '/account/tokens', action: '/account/tokens', valid: () => ({ name: `my phone ${next()}` }) };
  },
};

const resetPassword: FormSpec = {
  name: 'reset a password through a link',
  as: 'visitor',
  required: ['new_password', 'new_password_again'],
  text: ['new_password', 'new_password_again'],
  notShown: ['new_password', 'new_password_again'],
  tooLong: { new_password_again: /not the same/ },
  async target({ box, steward }) {
    // A link works once: each case gets a fresh one, issued through the steward's form.
    const member = await addActiveMember(box);
    let path = '';
    return {
      get from() {
        return path;
      },
      get action() {
        return path;
      },
      beforeCase: async () => {
        const issued = await (await steward()).postForm(
          `/members/${member.handle}/reset-link`,
          {},
          { from: `/members/${member.handle}/reset-link` },
        );
        if (issued.status !== 303 || !issued.location) throw new Error(`no reset link made: ${issued.status}`);
        const found = /https?:\/\/[^/"<\s]+(\/reset\/[\w-]+)/.exec(
          (await (await steward()).get(issued.location)).text,
        )?.[1];
        if (!found) throw new Error('no reset link on its page');
        path = found;
      },
      valid: () => ({ new_password: 'a-new-long-password', new_password_again: 'a-new-long-password' }),
      alsoInvalid: () => [
        { new_password: 'a-new-long-password', new_password_again: 'a-new-long-passwort' },
        { new_password: 'short', new_password_again: 'short' },
      ],
    };
  },
};

export const forms: FormSpec[] = [signIn, changePassword, accessTokens, resetPassword];

export const paths = (): PathCase[] => [
  { method: 'GET', as: 'steward', path: '/members/{}/reset-link' },
  { method: 'POST', as: 'steward', path: '/members/{}/reset-link' },
  { method: 'GET', as: 'visitor', path: '/reset/{}' },
  {
    method: 'POST',
    as: 'visitor',
    path: '/reset/{}',
    fields: { new_password: PASSWORD, new_password_again: PASSWORD },
  },
  { method: 'POST', as: 'member', path: '/account/tokens/{}/revoke' },
];
