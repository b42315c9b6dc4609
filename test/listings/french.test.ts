import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { OFFER_FORM, postListingForm, startWithAliceBobCarol } from './helpers.js';

const FRENCH = { 'accept-language': 'fr' };

describe('the listings pages in French', () => {
  let box: TestBox;
  let asAlice: HttpClient;
  let asBob: HttpClient;
  let id: string;
  beforeAll(async () => {
    ({ box, asAlice, asBob } = await startWithAliceBobCarol());
    id = await postListingForm(asAlice, { terms: 'swap' });
  });
  afterAll(() => box.close());

  it('shows the search in French, with distances written as in France', async () => {
    const page = await asBob.get('/listings', FRENCH);
    expect(page.status).toBe(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Offres et demandes');
    expect(page.text).toContain('Publier une offre ou une demande');
    expect(page.text).toContain('Troc');
    expect(page.text).toMatch(/à \d+(,\d)? k?m/);
    // What "Use my location" says while it works is the page's, for the script to show.
    expect(page.text).toContain('data-asking="Demande de votre position au navigateur…"');
  });

  it('shows a listing, its form and my listings in French', async () => {
    const listing = await asBob.get(`/listings/${id}`, FRENCH);
    expect(listing.text).toContain('<html lang="fr">');
    expect(listing.text).toContain('Ça m’intéresse');
    expect(listing.text).toMatch(/publiée (à l’instant|il y a)/);
    const form = await asAlice.get('/listings/new', FRENCH);
    expect(form.text).toContain('Partager avec les villes voisines');
    const mine = await asAlice.get('/listings/mine', FRENCH);
    expect(mine.text).toContain('Mes annonces');
    expect(mine.text).toContain('Retirer');
  });

  it('writes the numbers in a form’s refusal as in France', async () => {
    const tooLong = { ...OFFER_FORM, description: 'x'.repeat(4001) };
    const refused = await asAlice.postForm('/listings', tooLong, { from: '/listings/new', headers: FRENCH });
    expect(refused.status).toBe(422);
    // French groups thousands with a narrow no-break space: 4 000, never 4000 nor 4,000.
    expect(refused.text).toContain('La description peut compter au plus 4\u202f000 caractères.');
    const english = await asAlice.postForm('/listings', tooLong, { from: '/listings/new' });
    expect(english.text).toContain('Description can be at most 4,000 characters.');
  });

  it('refuses bad input over the API in the language the client asks for', async () => {
    const answer = await box.client().request('GET', '/api/v1/listings?limit=0&kind=swap', {
      headers: { accept: 'application/json', ...FRENCH },
    });
    expect(answer.status).toBe(422);
    expect(await answer.json()).toEqual({
      error: {
        code: 'invalid',
        message: 'Certains champs sont à revoir.',
        fields: { limit: 'limit doit être au moins 1.', kind: 'kind doit être offer ou want.' },
      },
    });
  });
});
