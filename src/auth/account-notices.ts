import type { Translate } from '../i18n/translate.js';

/** What `/account?done=…` (or `/account/tokens?done=…`) confirms after a POST redirected there. */
const DONE_NOTICES: Record<string, string> = {
  password: 'auth.account.passwordChanged',
  revoked: 'auth.account.tokenRevoked',
};

export function doneNotice(done: unknown, t: Translate): string | undefined {
  const key = typeof done === 'string' && Object.hasOwn(DONE_NOTICES, done) ? DONE_NOTICES[done] : undefined;
  return key ? t(key) : undefined;
}
