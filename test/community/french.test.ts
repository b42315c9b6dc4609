import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureSetupCode } from '../../src/community/setup-code.js';
import { setUpCommunity } from '../../src/community/setup.js';
import { findCurrencyByCode } from '../../src/ledger/currencies.queries.js';
import { DISS, STEWARD, startTestBox, type TestBox } from '../helpers/box.js';

describe('setting up a community in French', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox();
    await ensureSetupCode(box.database.db);
  });
  afterAll(() => box.close());

  it('refuses a bad setup form in French', async () => {
    const refused = await box.client().postForm(
      '/setup',
      {
        setup_code: '',
        community_name: '',
        region: 'Norfolk',
        lat: '91',
        lon: 'est',
        vouches_required: '30',
        password: '',
      },
      { from: '/setup', headers: { 'accept-language': 'fr' } },
    );
    expect(refused.status).toBe(422);
    for (const words of [
      'Le code d’installation est obligatoire.',
      'Le nom de la communauté est obligatoire.',
      'La latitude doit être comprise entre -90 et 90.',
      'La longitude doit être un nombre comme 1.1077.',
      'Le nombre de parrainages ne peut dépasser 20.',
      'Le mot de passe doit compter au moins 10 caractères.',
    ])
      expect(refused.text).toContain(words);
  });

  it('shows the setup form in French, and names the first currency in the community’s language', async () => {
    const form = await box.client().get('/setup', { 'accept-language': 'fr' });
    expect(form.text).toContain('<html lang="fr">');
    expect(form.text).toContain('Installer le boîtier de votre communauté');
    expect(form.text).toContain('Créer la communauté');
    await setUpCommunity(
      box.database.db,
      {
        community_name: 'SEL de Diss',
        region: 'Norfolk du Sud',
        lat: DISS.lat,
        lon: DISS.lon,
        vouches_required: 2,
        steward_name: STEWARD.name,
        steward_contact: STEWARD.email,
        password: STEWARD.password,
        about: '',
        locale: 'fr',
      },
      box.clock.now(),
    );
    expect((await findCurrencyByCode(box.database.db, 'DHR'))?.name).toBe('Heures de Diss');
  });
});
