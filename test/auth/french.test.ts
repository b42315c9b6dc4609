import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox, STEWARD, type TestBox } from '../helpers/box.js';
import { signedInSteward } from '../members/helpers.js';

const FR = { 'accept-language': 'fr-BE, fr;q=0.9' };

describe('signing in and the account in French', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it('shows the sign-in form, and its refusals, in French', async () => {
    const visitor = box.client();
    const form = await visitor.get('/signin', FR);
    expect(form.text).toContain('<html lang="fr">');
    expect(form.text).toContain('<h1>Se connecter</h1>');
    expect(form.text).toContain('E-mail ou téléphone');
    expect(form.text).toContain('Mot de passe oublié\u202f?');
    const empty = await visitor.postForm('/signin', { account: '', password: '' }, { headers: FR });
    expect(empty.status).toBe(422);
    expect(empty.text).toContain('L’e-mail ou le téléphone est obligatoire.');
    const wrong = await visitor.postForm(
      '/signin',
      { account: STEWARD.email, password: 'not-the-password' },
      {
        headers: FR,
      },
    );
    expect(wrong.status).toBe(422);
    expect(wrong.text).toContain('ne correspondent pas');
  });

  it('shows the account, the password form and the tokens in French', async () => {
    const steward = await signedInSteward(box);
    const account = await steward.get('/account', FR);
    expect(account.text).toContain('<html lang="fr">');
    expect(account.text).toContain('<h1>Votre compte</h1>');
    expect(account.text).toContain('Jetons d’accès');
    const password = await steward.get('/account/password', FR);
    expect(password.text).toContain('Au moins 10 caractères');
    const made = await steward.postForm('/account/tokens', { name: 'téléphone' }, { from: '/account/tokens' });
    expect(made.status).toBe(303);
    const tokens = await steward.get('/account/tokens', FR);
    expect(tokens.text).toContain('Votre nouveau jeton «\u00a0téléphone\u00a0»');
    expect(tokens.text).toContain('jamais utilisé');
    expect(tokens.text).toMatch(/créé le <time datetime="[^"]+">\d+ \S+ \d{4}/);
  });
});
