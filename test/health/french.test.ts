import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { signedInSteward } from '../members/helpers.js';

describe('the health page in French', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox();
  });
  afterAll(() => box.close());

  it('shows the checks, what to do and the box’s facts in French', async () => {
    const steward = await signedInSteward(box);
    const page = await steward.get('/stewards/health', { 'accept-language': 'fr-BE, fr;q=0.9' });
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<h1>Santé du boîtier</h1>');
    expect(page.text).toContain('Base de données\u00a0: OK');
    expect(page.text).toContain('Sauvegardes\u00a0: Problème');
    expect(page.text).toContain('Il n’y a encore aucune sauvegarde.');
    expect(page.text).toContain('Que faire\u00a0: Faites-en une maintenant');
    expect(page.text).toContain('Mémoire utilisée');
    expect(page.text).toMatch(/\d+,\d\u00a0Mo/); // the memory in use, written as in French
    expect(page.text).toContain('Quelque chose ne va pas et doit être réparé maintenant.');
  });
});
