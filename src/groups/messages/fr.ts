import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  title: 'Groupes',
  memberCount: '{count, plural, one {# membre} other {# membres}}',
  breadcrumb: 'Fil d’Ariane',
  role: '{role, select, admin {admin} other {membre}}',

  'index.intro':
    'Des groupes dans des groupes, à commencer par la communauté tout entière. Rejoignez ceux qui vous tiennent à ' +
    'cœur, ou créez le vôtre au sein d’un groupe dont vous êtes membre.',
  'index.hidden': 'Les groupes de la communauté sont réservés à ses membres.',
  'index.signIn': 'Connectez-vous',
  'index.signInRest': 'pour les voir.',
  'index.start': 'Créer un groupe',
  'tree.you':
    'vous\u00a0: {status, select, requested {demande envoyée} invited {invitation reçue} admin {admin} other {membre}}',

  'show.allGroups': 'Tous les groupes',
  'show.policy':
    '{policy, select, open {Ouvert\u00a0: tout membre peut le rejoindre.} request {Sur demande\u00a0: ses admins ' +
    'acceptent les nouveaux membres.} other {Sur invitation uniquement.}}',
  'show.visibility':
    '{visibility, select, everyone {Visible par toute personne qui utilise le boîtier.} members {Visible par les ' +
    'membres de la communauté uniquement.} other {Visible par ses propres membres uniquement.}}',
  'show.root': 'La communauté tout entière\u00a0: on y entre quand des membres se portent garants.',
  'show.hiddenParent': 'Il n’est jamais montré à qui ne peut pas voir {parent}.',
  'show.edit': 'Modifier le groupe',
  'show.subgroups': 'Groupes au sein {de_name}',
  'show.none': 'Aucun pour l’instant.',
  'show.startInside': 'Créer un groupe au sein {de_name}',

  'panel.heading': 'Membres',
  'panel.askToJoinCommunity': 'Demander à rejoindre la communauté',
  'panel.or': 'ou',
  'panel.signInLower': 'se connecter',
  'panel.signIn': 'Connectez-vous',
  'panel.signInRest': 'pour le rejoindre ou voir qui en fait partie.',
  'panel.rootMember':
    'Vous en faites partie, comme toute la communauté{steward, select, yes {\u202f; en tant qu’intendant·e, vous ' +
    'êtes l’un de ses admins} other {}}.',
  'panel.join': 'Rejoindre {name}',
  'panel.request': 'Demander à rejoindre',
  'panel.inviteOnly': 'Ce groupe est sur invitation uniquement\u00a0: l’un de ses admins peut vous inviter.',
  'panel.requested': 'Vous avez demandé à le rejoindre\u202f; l’un de ses admins vous répondra.',
  'panel.withdrawRequest': 'Retirer ma demande',
  'panel.invited': 'Vous êtes invité·e à le rejoindre.',
  'panel.accept': 'Accepter l’invitation',
  'panel.decline': 'Refuser',
  'panel.youAre': 'Vous êtes {role, select, admin {admin} other {membre}} de ce groupe.',
  'panel.onlyMember': 'Vous en êtes le seul membre\u202f; pour le fermer, supprimez-le depuis sa page de modification.',
  'panel.successor': 'Qui devient admin quand vous partez\u202f?',
  'panel.handOver': 'Partir et passer la main',
  'panel.leave': 'Quitter {name}',
  'panel.admins': 'Admins',
  'panel.stewards': 'Les intendants prennent soin de la communauté et de son boîtier.',
  'panel.everyone': 'Toute la communauté',
  'panel.makeMember': 'Rendre simple membre',
  'panel.makeAdmin': 'Nommer admin',
  'panel.remove': 'Retirer',
  'panel.stepDown': 'Ne plus être admin',
  'panel.asking': 'Demandes pour rejoindre',
  'panel.nobodyWaiting': 'Personne n’attend.',
  'panel.approve': 'Accepter',
  'panel.invitedHeading': 'Invitations',
  'panel.withdrawInvitation': 'Retirer l’invitation',
  'panel.inviteLabel': 'Inviter un membre',
  'panel.inviteHint': 'Son identifiant, comme dans l’adresse de son profil\u00a0: /members/identifiant',
  'panel.invite': 'Inviter',

  'form.newTitle': 'Créer un groupe',
  'form.editTitle': 'Modifier {name}',
  'form.inside': 'Il se trouvera au sein de',
  'form.insideRest': ', et vous en serez le premier admin.',
  'form.onlyThoseWhoSee': 'Quel que soit votre choix, seules les personnes qui voient {name} verront ce groupe.',
  'form.notDeleted': '{name} n’a pas été supprimé\u00a0:',
  'form.seeWhy': 'voir ce qui l’empêche',
  'form.name': 'Nom',
  'form.nameHint': 'Par exemple\u00a0: Repair Café',
  'form.slug': 'Adresse web',
  'form.slugHint':
    'La fin de l’adresse /groups/…\u00a0: lettres minuscules, chiffres et traits d’union. Laissée vide, elle est ' +
    'tirée du nom.',
  'form.purpose': 'Raison d’être',
  'form.purposeHint': 'À quoi sert le groupe, en une phrase ou deux',
  'form.joinPolicy': 'Qui peut le rejoindre',
  'form.policy.open': 'Ouvert',
  'form.policy.openHint': 'tout membre peut le rejoindre',
  'form.policy.request': 'Sur demande',
  'form.policy.requestHint': 'les admins acceptent chaque demande',
  'form.policy.invite': 'Sur invitation',
  'form.policy.inviteHint': 'seules les personnes invitées par les admins',
  'form.visibility': 'Qui peut le voir',
  'form.visibility.everyone': 'Tout le monde',
  'form.visibility.everyoneHint': 'visible par toute personne qui utilise le boîtier, connectée ou non',
  'form.visibility.members': 'Les membres de la communauté',
  'form.visibility.membersHint': 'membres connectés uniquement',
  'form.visibility.group': 'Ses propres membres',
  'form.visibility.groupHint': 'caché à tous les autres\u00a0: ni listé, ni compté, ni trouvable',
  'form.save': 'Enregistrer',
  'form.start': 'Créer le groupe',
  'form.cancel': 'Annuler',
  'form.deleteHeading': 'Supprimer {name}',
  'form.notDeletedStrong': '{name} n’a pas été supprimé.',
  'form.cannotDelete': 'Il ne peut pas être supprimé\u00a0:',
  'form.deleteIntro': 'La suppression {de_name} est définitive. Sa page disparaît, et avec elle\u00a0:',
  'form.untouched': 'Les autres annonces des membres, leurs comptes et leurs paiements ne sont pas touchés.',
  'form.deleteForGood': 'Supprimer {name} définitivement',

  'deletion.subgroups':
    '{count, plural, one {Il contient # groupe\u00a0: supprimez-le d’abord.} ' +
    'other {Il contient # groupes\u00a0: supprimez-les d’abord.}}',
  'deletion.openListings':
    '{count, plural, one {# annonce est réservée à ce groupe et toujours ouverte\u00a0: son auteur peut changer qui ' +
    'la voit ou la retirer.} other {# annonces sont réservées à ce groupe et toujours ouvertes\u00a0: leurs auteurs ' +
    'peuvent changer qui les voit ou les retirer.}}',
  'deletion.currency':
    'La monnaie du groupe {code} ({name}) a {accounts, plural, one {# compte} other {# comptes}}\u00a0: un groupe ' +
    'dont la monnaie est utilisée ne peut pas être supprimé, car les soldes de ses membres y resteraient bloqués.',
  'deletion.fund':
    'La caisse du groupe compte {transfers, plural, one {# virement} other {# virements}} en {code} et un solde de ' +
    '{balance} {code}\u00a0: un groupe dont la caisse a servi ne peut pas être supprimé, car son argent et son ' +
    'relevé resteraient bloqués.',
  'deletion.memberships': '{count, plural, one {son adhésion} other {ses # adhésions}}',
  'deletion.requests': '{count, plural, one {# demande pour le rejoindre} other {# demandes pour le rejoindre}}',
  'deletion.invitations': '{count, plural, one {# invitation} other {# invitations}}',
  'deletion.closedListings':
    '{count, plural, one {# annonce close (retirée, conclue ou archivée) qui était réservée à ce groupe, avec ses ' +
    'photos et ses réponses\u00a0: son auteur la perd de son historique} other {# annonces closes (retirées, ' +
    'conclues ou archivées) qui étaient réservées à ce groupe, avec leurs photos et leurs réponses\u00a0: leurs ' +
    'auteurs les perdent de leur historique}}',
  'deletion.unusedCurrency': 'sa monnaie {code} ({name}), que personne n’a utilisée',

  'errors.noSuchGroup': 'Ce groupe n’existe pas, ou il ne vous est pas ouvert.',
  'errors.notAdmin': 'Seuls les admins {de_name} peuvent faire cela.',
  'errors.joinFirst': 'Rejoignez d’abord {name}\u00a0: seuls ses membres peuvent y créer un groupe.',
  'errors.root':
    'Toute la communauté en fait partie, et ses intendants en sont les admins\u202f; l’adhésion ne se change pas ici.',
  'errors.askInstead':
    '{name} fait accepter les nouveaux membres par ses admins\u00a0: demandez plutôt à le rejoindre.',
  'errors.inviteOnly': '{name} est sur invitation uniquement.',
  'errors.openGroup': '{name} est ouvert\u00a0: rejoignez-le directement.',
  'errors.lastAdmin':
    'Un groupe a besoin d’au moins un admin. Nommez d’abord admin un autre membre, ou désignez-en un en partant.',
  'errors.badSuccessor': 'Le nouvel admin doit être un autre membre de ce groupe.',
  'errors.noSuchHandle': 'Aucun membre actif n’a l’identifiant {handle}.',
  'errors.alreadyMember': '@{handle} est déjà membre.',
  'errors.inviteParentFirst': '@{handle} ne peut pas voir {parent}\u00a0: invitez d’abord cette personne là-bas.',
  'errors.noSuchRequest': 'Cette demande n’existe pas\u00a0: on y a peut-être déjà répondu.',
  'errors.notInGroup': 'Ce membre ne fait pas partie de ce groupe.',
  'errors.slugTaken': 'Un autre groupe a déjà cette adresse web\u202f; choisissez-en une autre.',

  'field.nameText': 'Le nom doit être du texte.',
  'field.nameRequired': 'Le nom est obligatoire.',
  'field.nameTooLong': 'Le nom ne peut dépasser 80 caractères.',
  'field.slugText': 'L’adresse web doit être du texte.',
  'field.slugTooLong': 'L’adresse web ne peut dépasser 60 caractères.',
  'field.slugForm':
    'L’adresse web ne peut contenir que des lettres minuscules, des chiffres et des traits d’union isolés, comme ' +
    'repair-cafe.',
  'field.slugReserved': 'Cette adresse web est réservée\u202f; choisissez-en une autre.',
  'field.purposeText': 'La raison d’être doit être du texte.',
  'field.purposeTooLong': 'La raison d’être ne peut dépasser 2000 caractères.',
  'field.joinPolicy': 'Qui peut le rejoindre\u00a0: choisissez open, request ou invite.',
  'field.visibility': 'Qui peut le voir\u00a0: choisissez everyone, members ou group.',
  'field.rootVisibility': 'Qui peut le voir\u00a0: choisissez everyone ou members.',
  'field.role': 'Le rôle doit être admin ou member.',
  'field.handleText': 'L’identifiant doit être du texte.',
  'field.handleTooLong': 'L’identifiant ne peut dépasser 40 caractères.',
  'field.handleRequired': 'L’identifiant est obligatoire\u00a0: qui le groupe doit-il inviter\u202f?',
  'field.successorText': 'Le nouvel admin doit être un identifiant.',
  'field.successorTooLong': 'Le nouvel admin ne peut dépasser 40 caractères.',
};
