import { describe, expect, it } from 'vitest';
import { asAlice, asBob, startGroup } from './fixture.js';

const FR = { 'accept-language': 'fr-BE,fr;q=0.9' };

/** The groups' pages, forms and refusals in French, for a browser that asks for it. */
export function inFrench(): void {
  describe('in French', () => {
    it('shows the tree, a group’s page and its form in French', async () => {
      const slug = await startGroup(asAlice, { name: 'Jardin partagé', join_policy: 'invite' });
      const tree = await asAlice.get('/groups', FR);
      expect(tree.text).toContain('<html lang="fr">');
      expect(tree.text).toContain('<h1>Groupes</h1>');
      expect(tree.text).toMatch(/Jardin partagé<\/a>\s*<span class="meta">1 membre · vous\u00a0: admin/);

      const page = await asAlice.get(`/groups/${slug}`, FR);
      expect(page.text).toContain('<html lang="fr">');
      expect(page.text).toContain('Sur invitation uniquement.');
      expect(page.text).toContain('Vous êtes admin de ce groupe.');
      expect(page.text).toContain('Inviter un membre');

      const edit = await asAlice.get(`/groups/${slug}/edit`, FR);
      expect(edit.text).toContain('<title>Modifier Jardin partagé');
      expect(edit.text).toContain('Qui peut le rejoindre');
      expect(edit.text).toContain('La suppression de Jardin partagé est définitive.');
      expect(edit.text).toContain('son adhésion');
    });

    it('says what is wrong in French', async () => {
      const form = '/groups/new?parent=community';
      const empty = await asAlice.postForm(
        form,
        { name: '', slug: 'Pas Bon', purpose: '', join_policy: 'open', visibility: 'members' },
        { from: form, headers: FR },
      );
      expect(empty.status).toBe(422);
      expect(empty.text).toContain('Le nom est obligatoire.');
      expect(empty.text).toContain('L’adresse web ne peut contenir que des lettres minuscules');

      const slug = await startGroup(asAlice, { name: 'Club privé', join_policy: 'invite' });
      const refused = await asBob.postForm(`/groups/${slug}/join`, {}, { from: `/groups/${slug}`, headers: FR });
      expect(refused.status).toBe(403);
      expect(refused.text).toContain('Club privé est sur invitation uniquement.');
    });
  });
}
