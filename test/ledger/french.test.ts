import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addActiveMember, startSetUpBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';
import { signedIn, signedInSteward } from '../members/helpers.js';

/** Words that give an English page away (as the French browser test looks for them), whole words only. */
const ENGLISH = /(?<!\p{L})(the|your|you|and|with|this|that|for|of|to|is|are|here|please)(?!\p{L})/iu;
const FRENCH = { 'accept-language': 'fr-FR, fr;q=0.9' };

/** The text a person reads in a page's <main>, tags and scripts taken out. */
function mainText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html)?.[1] ?? '';
  return main
    .replace(/<(script|style)\b[^>]*>[\s\S]*?<\/\1>/gi, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ');
}

describe('the ledger in French', () => {
  let box: TestBox;
  let alice: HttpClient;
  let steward: HttpClient;
  let bobHandle: string;
  let bob: HttpClient;
  beforeAll(async () => {
    box = await startSetUpBox();
    const a = await addActiveMember(box, { displayName: 'Alice Allotment' });
    const b = await addActiveMember(box, { displayName: 'Bob Baker' });
    bobHandle = b.handle;
    alice = await signedIn(box, a.email, a.password);
    bob = await signedIn(box, b.email, b.password);
    steward = await signedInSteward(box);
  });
  afterAll(() => box.close());

  async function frenchPage(client: HttpClient, path: string, words: string[]): Promise<string> {
    const page = await client.get(path, FRENCH);
    expect(page.status, path).toBe(200);
    expect(page.text, path).toContain('<html lang="fr">');
    for (const word of words) expect(page.text, path).toContain(word);
    expect(ENGLISH.exec(mainText(page.text))?.[0], `${path}: ${mainText(page.text)}`).toBeUndefined();
    return page.text;
  }

  it('pays in French: the form, the transfer, the accounts and the statement', async () => {
    const form = await frenchPage(alice, `/ledger/pay?to=${bobHandle}`, ['Payer quelqu’un', 'Montant', 'Motif']);
    const key = /name="idempotency_key" value="([^"]+)"/.exec(form)![1]!;
    const paid = await alice.postForm(
      '/ledger/pay',
      { to: bobHandle, currency: 'DHR', amount: '1:30', description: 'Cours de pain', idempotency_key: key },
      { headers: FRENCH },
    );
    expect(paid.status).toBe(303);
    await frenchPage(alice, paid.location!, ['Paiement\u00a0: 1:30 DHR', 'Bénéficiaire', 'effectué']);
    await frenchPage(alice, '/ledger', ['Mes comptes', 'Solde', 'Derniers échanges', '−1:30']);
    await frenchPage(alice, '/ledger/statement/DHR', ['Relevé', 'Solde actuel', 'Télécharger en CSV']);
    // "de" elides before a name starting with a vowel.
    await frenchPage(bob, '/ledger', ['+1:30 DHR</a> d’Alice Allotment']);
    const csv = await alice.get('/ledger/statement/DHR/csv', FRENCH);
    expect(csv.text.split('\n')[0]).toBe('date,type,avec,motif,montant,montant_unites,solde,solde_unites,id_virement');
  });

  it('shows the currencies and the stewards’ ledger in French', async () => {
    await frenchPage(alice, '/ledger/currencies', ['Monnaies', 'crédit mutuel', 'comptée en minutes']);
    await frenchPage(alice, '/ledger/request', ['Demander un paiement', 'Envoyer la demande']);
    await frenchPage(steward, '/stewards/ledger', ['Le registre des comptes', 'Contrôle de la somme nulle']);
  });
});
