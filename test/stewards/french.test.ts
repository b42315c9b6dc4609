import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { startBoxWithSteward } from '../members/helpers.js';

const FR = { 'accept-language': 'fr' };

describe('the stewards’ pages in French', () => {
  let box: TestBox;
  let steward: HttpClient;
  beforeAll(async () => {
    ({ box, steward } = await startBoxWithSteward());
  });
  afterAll(() => box.close());

  it('shows the members list and the decisions log in French', async () => {
    await addActiveMember(box, { displayName: 'Paula Pending', status: 'pending', whyJoin: 'Je fais du pain' });
    const page = await steward.get('/stewards', FR);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('<h1>Intendants</h1>');
    expect(page.text).toContain('Une personne attend d’être acceptée');
    expect(page.text).toContain('Membres et demandes d’adhésion');
    expect(page.text).toContain('en attente d’acceptation');
    expect(page.text).toContain('Accepter');
    expect(page.text).toContain('Premier ou première intendant·e, à l’installation.');
    const log = await steward.get('/stewards/decisions', FR);
    expect(log.text).toContain('<h1>Journal des décisions</h1>');
  });

  it('refuses a decision without its reason in French', async () => {
    const member = await addActiveMember(box, { displayName: 'Sid Suspended' });
    const refused = await steward.postForm(
      `/stewards/members/${member.handle}/suspend`,
      { reason: '' },
      { from: '/stewards', headers: FR },
    );
    expect(refused.status).toBe(422);
    expect(refused.text).toContain('Donnez un motif\u00a0: il est conservé dans le journal des décisions.');
  });

  it('shows the places and the neighbouring towns in French', async () => {
    const places = await steward.get('/stewards/places', FR);
    expect(places.text).toContain('<h1>Lieux</h1>');
    expect(places.text).toContain('Ajouter le lieu');
    const siblings = await steward.get('/stewards/siblings', FR);
    expect(siblings.text).toContain('<h1>Villes voisines</h1>');
    expect(siblings.text).toContain('Aucun boîtier voisin pour l’instant.');
    expect(siblings.text).toContain('Ajouter un boîtier voisin');
  });
});
