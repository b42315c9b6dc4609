import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insertPlace } from '../../src/members/places.queries.js';
import { startSetUpBox, type TestBox } from '../helpers/box.js';
import { joinFields, signedInMember } from './helpers.js';

const FRENCH = { 'accept-language': 'fr-BE,fr;q=0.9' };

describe('the members’ pages in French', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startSetUpBox({ vouchesRequired: 2 });
    await insertPlace(box.database.db, { name: 'Roydon', lat: 52.378, lon: 1.083 });
  });
  afterAll(() => box.close());

  it('asks to join, says what is missing, and lists the request for vouching, in French', async () => {
    const visitor = box.client();
    const form = await visitor.get('/join', FRENCH);
    expect(form.text).toContain('<html lang="fr">');
    expect(form.text).toContain('Demander à adhérer à PlaNet Diss');
    expect(form.text).toContain('Envoyer ma demande');
    expect(form.text).toContain('Absent de la liste\u00a0: je tape des coordonnées');
    const sent = await visitor.postForm('/join', joinFields(), { headers: FRENCH });
    expect(sent.status).toBe(303);
    const page = await visitor.get(sent.location!, FRENCH);
    expect(page.text).toContain('Demande envoyée');
    expect(page.text).toContain('<strong>2 parrainages</strong>');

    const { client } = await signedInMember(box);
    const requests = await client.get('/members/requests', FRENCH);
    expect(requests.text).toContain('<html lang="fr">');
    expect(requests.text).toContain('Demandes d’adhésion');
    expect(requests.text).toContain('Rencontré·e en personne');
    expect(requests.text).toContain('0 sur 2 parrainages');
    const vouched = await client.postForm('/members/nell-newcomer/vouch', { relation: 'met_in_person', note: '' });
    expect(vouched.status).toBe(303);
    const after = await client.get(vouched.location!, FRENCH);
    expect(after.text).toContain('Votre parrainage de Nell Newcomer est enregistré.');
  });

  it('shows the directory and a profile in French', async () => {
    const { client, member } = await signedInMember(box, { displayName: 'Mathilde Petit' });
    const directory = await client.get('/members?q=mathilde', FRENCH);
    expect(directory.text).toContain('<html lang="fr">');
    expect(directory.text).toContain('1 membre');
    const profile = await client.get(`/members/${member.handle}`, FRENCH);
    expect(profile.text).toContain('Voici votre profil tel que vous le voyez');
    expect(profile.text).toContain('Modifier votre profil');
    const invites = await client.get('/invites', FRENCH);
    expect(invites.text).toContain('Créer un lien d’invitation');
  });
});
