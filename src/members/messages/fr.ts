import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'kind.person': 'Particulier',
  'kind.business': 'Entreprise',
  'kind.organisation': 'Association',
  'relation.met_in_person': 'Rencontré·e en personne',
  'relation.worked_with': 'Nous avons travaillé ensemble',
  'relation.neighbour': 'Voisin·e',
  'relation.other': 'Autrement',
  'visibility.everyone': 'toute personne utilisant le boîtier',
  'visibility.members': 'les membres seulement',
  'visibility.me': 'moi seul·e',
  'status.pending': 'en attente',
  'status.active': 'actif·ve',
  'status.declined': 'refusé·e',
  'status.suspended': 'suspendu·e',
  near: 'Près de {place}',

  'directory.title': 'Membres',
  'directory.intro': 'Les personnes, entreprises et associations de la communauté.',
  'directory.introVisitor':
    'Les personnes, entreprises et associations de la communauté qui se montrent aux visiteurs.',
  'directory.signIn': 'Connectez-vous',
  'directory.signInRest': 'pour voir tout le monde.',
  'directory.searchLabel': 'Chercher par nom, présentation ou valeurs',
  'directory.search': 'Chercher',
  'directory.searching': 'Recherche…',
  'directory.count': '{count, plural, one {# membre} other {# membres}}',
  'directory.countMatching':
    '{count, plural, one {# membre correspond} other {# membres correspondent}} à «\u00a0{q}\u00a0»',
  'directory.values': 'Valeurs',
  'directory.pages': 'Pages',
  'directory.previous': 'Précédente',
  'directory.next': 'Suivante',
  'directory.page': 'Page {page, number} sur {pages, number}',

  'join.title': 'Demander à adhérer',
  'join.heading': 'Demander à adhérer à {community}',
  'join.invited': '{name} vous a invité·e. Adhérer par son lien vaut parrainage de sa part.',
  'join.intro':
    'Ici, chacun est connu de quelqu’un. Dès que {count, plural, one {# membre se porte garant} other {# membres se ' +
    'portent garants}} pour vous, ou qu’un·e intendant·e accepte votre demande, vous pourrez vous connecter avec ' +
    'l’e-mail ou le téléphone et le mot de passe indiqués ici.',
  'join.name': 'Votre nom',
  'join.nameHint': 'Ou le nom de votre entreprise ou association',
  'join.kindLegend': 'Vous adhérez en tant que',
  'join.contact': 'E-mail ou téléphone',
  'join.contactHint': 'Il sert à vous connecter. Vous seul·e le voyez, sauf si vous en décidez autrement.',
  'join.password': 'Mot de passe',
  'join.passwordHint': 'Au moins 10 caractères',
  'join.why': 'Pourquoi vous aimeriez adhérer',
  'join.whyHint':
    'Une ligne ou deux pour les membres qui se porteront garants pour vous\u00a0: qui vous êtes, qui vous connaît ici',
  'join.send': 'Envoyer ma demande',
  'join.throttled':
    'Trop de demandes d’adhésion sont venues de votre réseau ces derniers instants. Réessayez dans ' +
    '{minutes, plural, one {# minute} other {# minutes}}.',
  'location.legend': 'Où vous êtes, à peu près',
  'location.notListed': 'Absent de la liste\u00a0: je tape des coordonnées',
  'location.noPlaces': 'Aucun lieu dans la liste pour l’instant\u00a0: tapez des coordonnées',
  'location.hint':
    'Choisissez le lieu le plus proche, ou tapez vos coordonnées (si vous faites les deux, les coordonnées ' +
    'l’emportent). Votre position exacte reste privée\u00a0: les autres ne voient que le nom du lieu ou un point ' +
    'arrondi à 200\u00a0m environ.',
  'location.nearest': 'Lieu le plus proche',
  'location.lat': 'Latitude',
  'location.lon': 'Longitude',
  'location.example': 'Par exemple {example}',
  'location.useMine': 'Utiliser ma position',
  'sent.title': 'Demande envoyée',
  'sent.active': 'Vous êtes membre\u00a0: le parrainage de la personne qui vous a invité·e suffisait.',
  'sent.signIn': 'Connectez-vous',
  'sent.signInRest': 'avec l’e-mail ou le téléphone et le mot de passe indiqués.',
  'sent.waiting': 'Merci. Votre demande attend des membres {de_community} qui vous connaissent.',
  'sent.needs': 'Il lui faut encore',
  'sent.moreVouches': '{count, plural, one {# parrainage} other {# parrainages}}',
  'sent.inviterCounts': '(celui de la personne qui vous a invité·e compte déjà)',
  'sent.needsRest':
    ', ou l’accord d’un·e intendant·e. Prévenez les personnes qui vous connaissent que vous avez fait la demande.',
  'sent.soon': 'Dès que votre adhésion sera acceptée, vous pourrez',
  'sent.soonSignIn': 'vous connecter',
  'sent.soonRest': 'avec l’e-mail ou le téléphone et le mot de passe indiqués.',
  'sent.gone':
    'Aucune demande d’adhésion envoyée depuis ce navigateur à afficher. Une demande s’affiche ici quelques minutes ' +
    'après son envoi, dans le navigateur qui l’a envoyée. Si vous en avez envoyé une, elle attend des membres qui ' +
    'vous connaissent\u00a0: vous pourrez vous connecter une fois acceptée.',
  noCommunity: 'Ce boîtier n’a pas encore de communauté.',

  'requests.title': 'Demandes d’adhésion',
  'requests.intro':
    'Ces personnes ont demandé à adhérer. Ne vous portez garant que de quelqu’un que vous connaissez, et dites ' +
    'comment. Chacune a besoin de {count, plural, one {# parrainage} other {# parrainages}}, ou de l’accord d’un·e ' +
    'intendant·e.',
  'requests.none': 'Personne n’attend pour l’instant.',
  'requests.meta': 'demande du {date} · {vouches} sur {count, plural, one {# parrainage} other {# parrainages}}',
  'requests.vouched': 'Vous vous êtes porté·e garant·e pour cette personne.',
  'requests.vouchFor': 'Parrainer {name}',
  'requests.relation': 'Comment vous la connaissez',
  'requests.note': 'Remarque',
  'requests.noteHint': 'Nécessaire si vous la connaissez autrement',
  'requests.vouch': 'Parrainer',
  'requests.nowMember': '{name} est maintenant membre. Merci.',
  'requests.recorded': 'Votre parrainage {de_name} est enregistré.',

  'profile.steward': 'intendant·e',
  'profile.memberSince': 'membre depuis le {date}',
  'profile.mine':
    'Voici votre profil tel que vous le voyez\u00a0: en entier. Chaque partie indique qui d’autre la voit. Votre ' +
    'nom\u00a0: visible par {who}.',
  'profile.edit': 'Modifier votre profil',
  'profile.account': 'Mot de passe et jetons d’accès pour les applications',
  'profile.shownTo': 'Visible par {who}',
  'profile.shownToRounded': 'Visible par {who}, arrondi à 200\u00a0m environ comme ci-dessous',
  'profile.whyJoin': 'Pourquoi cette personne a demandé à adhérer',
  'profile.about': 'Présentation',
  'profile.nothingYet': 'Rien d’écrit pour l’instant.',
  'profile.values': 'Valeurs',
  'profile.noValues': 'Aucune pour l’instant.',
  'profile.links': 'Liens',
  'profile.where': 'Où, à peu près',
  'profile.contact': 'Contact',
  'profile.trust': 'Confiance',
  'profile.shownToMembers': 'Visible par les membres',
  'profile.invitedBy': 'Invité·e par',
  'profile.noVouches': 'Aucun parrainage enregistré\u00a0: un·e intendant·e a accepté l’adhésion.',
  'profile.aMember': 'Un membre',
  'profile.forStewards': 'Pour les intendants',
  'profile.resetLink': 'Créer un lien de réinitialisation du mot de passe à usage unique',
  'profile.resetLinkRest': 'à remettre en personne, si le mot de passe a été oublié.',
  'profile.noMember': 'Il n’y a pas de membre ici.',
  'profile.noMemberVisitor':
    'Il n’y a pas de membre ici, ou son profil n’est visible que par les membres. Connectez-vous pour en voir plus.',
  'edit.title': 'Modifier votre profil',
  'edit.name': 'Nom',
  'edit.kindLegend': 'Vous êtes',
  'edit.about': 'Présentation',
  'edit.aboutHint': 'Ce que vous faites, proposez ou ce qui vous tient à cœur',
  'edit.values': 'Valeurs',
  'edit.valuesHint':
    'Séparées par des virgules, par exemple\u00a0: bio, réparation, zéro déchet (20 au plus, de 40 caractères ' +
    'chacune au plus)',
  'edit.links': 'Liens',
  'edit.linksHint': 'Une adresse web par ligne, commençant par http:// ou https:// (5 au plus)',
  'edit.whoSees': 'Qui voit quoi',
  'edit.whoSeesHint':
    '«\u00a0Toute personne\u00a0» veut dire quiconque utilise le boîtier, même sans être connecté. «\u00a0Les ' +
    'membres\u00a0», les membres connectés. Vous voyez toujours tout votre profil.',
  'edit.whoSees.name': 'Qui voit votre nom',
  'edit.whoSees.about': 'Qui voit votre présentation',
  'edit.whoSees.values': 'Qui voit vos valeurs',
  'edit.whoSees.links': 'Qui voit vos liens',
  'edit.whoSees.location': 'Qui voit votre position',
  'edit.whoSees.contact': 'Qui voit votre e-mail ou téléphone',
  'edit.save': 'Enregistrer',
  'edit.cancel': 'Annuler',

  'invites.title': 'Inviter quelqu’un',
  'invites.intro':
    'Créez un lien pour quelqu’un que vous connaissez. Adhérer par ce lien vaut parrainage de votre part\u00a0: ne ' +
    'le partagez qu’avec des personnes pour qui vous vous porteriez garant. Vous ne voyez le lien qu’une fois, avec ' +
    'un code QR à montrer sur votre téléphone.',
  'invites.relation': 'Comment vous connaissez les personnes invitées',
  'invites.days': 'Nombre de jours de validité du lien',
  'invites.daysHint': 'De 1 à 30',
  'invites.uses': 'Nombre de personnes pouvant l’utiliser',
  'invites.usesHint': 'De 1 à 50\u00a0; chaque personne qui adhère par ce lien reçoit votre parrainage',
  'invites.make': 'Créer un lien d’invitation',
  'invites.yours': 'Vos liens d’invitation',
  'invites.none': 'Vous n’en avez encore créé aucun.',
  'invites.made': 'Créé',
  'invites.used': 'Utilisé',
  'invites.until': 'Jusqu’au',
  'invites.state': 'État',
  'invites.actions': 'Actions',
  'invites.usedOf': '{uses, number} sur {max, number}',
  'invites.withdraw': 'Retirer',
  'state.live': 'valide',
  'state.revoked': 'retiré',
  'state.expired': 'expiré',
  'state.used_up': 'épuisé',
  'state.inviter_inactive': 'fermé',
  'invite.title': 'Votre lien d’invitation',
  'invite.share':
    'Partagez ce lien, ou faites scanner le code. Il n’est affiché que cette fois-ci\u00a0: copiez-le maintenant.',
  'invite.qr': 'Code QR du lien d’invitation',
  'invite.shownOnce':
    'Le lien n’a été affiché qu’une fois, juste après sa création\u00a0: le boîtier n’en garde qu’une empreinte et ' +
    'ne peut pas le réafficher. Si vous ne l’avez pas transmis, retirez-le et créez-en un autre.',
  'invite.worksUntil':
    'Il est valide jusqu’au {until} pour {count, plural, one {# personne} other {# personnes}} au plus.',
  'invite.closed': 'Ce lien ne fonctionne plus\u00a0: il est {state}.',
  'invite.back': 'Retour à vos liens d’invitation',
  'inviteClosed.title': 'Lien d’invitation fermé',
  'inviteClosed.heading': 'Ce lien d’invitation ne fonctionne plus',
  'inviteClosed.revoked': 'La personne qui a créé ce lien d’invitation l’a retiré.',
  'inviteClosed.expired': 'Ce lien d’invitation a expiré.',
  'inviteClosed.used_up': 'Ce lien d’invitation a déjà servi autant de fois qu’il le permet.',
  'inviteClosed.inviter_inactive': 'Ce lien d’invitation ne fonctionne plus.',
  'inviteClosed.askNew': 'Demandez un nouveau lien à la personne qui vous a invité·e, ou',
  'inviteClosed.join': 'demandez à adhérer',
  'inviteClosed.joinRest': 'sans lien.',
  'invite.unknown':
    'Ce lien d’invitation est inconnu ici. Vérifiez que vous l’avez copié en entier, ou demandez-en un nouveau.',
  'field.nameRequired': 'Le nom est obligatoire.',
  'field.nameTooLong': 'Le nom ne peut dépasser {max, number} caractères.',
  'field.kind': 'Choisissez\u00a0: particulier, entreprise ou association.',
  'field.contactRequired': 'L’e-mail ou le téléphone est obligatoire.',
  'field.contactTooLong': 'L’e-mail ou le téléphone ne peut dépasser {max, number} caractères.',
  'field.contactForm':
    'Indiquez une adresse e-mail (comme jo@example.org) ou un numéro de téléphone (comme 06 12 34 56 78).',
  'field.whyRequired': 'Dites en quelques mots pourquoi vous aimeriez adhérer.',
  'field.whyTooLong': 'Ce texte ne peut dépasser {max, number} caractères.',
  'field.place': 'Choisissez un des lieux de la liste.',
  'field.latForm': 'La latitude doit être un nombre comme 52.3765.',
  'field.latRange': 'La latitude doit être comprise entre -90 et 90.',
  'field.lonForm': 'La longitude doit être un nombre comme 1.1077.',
  'field.lonRange': 'La longitude doit être comprise entre -180 et 180.',
  'field.bothCoordinates': 'Tapez la latitude et la longitude, ou choisissez plutôt un lieu.',
  'field.pickPlace': 'Choisissez le lieu le plus proche, ou tapez votre latitude et votre longitude.',
  'field.placeGone': 'Ce lieu n’est plus dans la liste\u00a0: choisissez-en un autre, ou tapez des coordonnées.',
  'field.relation':
    'Choisissez comment vous connaissez cette personne\u00a0: rencontrée en personne, travail en commun, voisinage ' +
    'ou autrement.',
  'field.noteTooLong': 'La remarque ne peut dépasser {max, number} caractères.',
  'field.noteNeeded': 'Dites comment vous connaissez cette personne quand c’est autrement.',
  'field.daysWhole': 'Le nombre de jours doit être un nombre entier.',
  'field.daysMin': 'Le nombre de jours doit être d’au moins {min, number}.',
  'field.daysMax': 'Le nombre de jours ne peut dépasser {max, number}.',
  'field.usesWhole': 'Le nombre de personnes doit être un nombre entier.',
  'field.usesMin': 'Le nombre de personnes doit être d’au moins {min, number}.',
  'field.usesMax': 'Le nombre de personnes ne peut dépasser {max, number}.',
  'decision.byVouches': '{count, plural, one {# membre s’est porté garant} other {# membres se sont portés garants}}.',
  'decision.firstMembers': 'Parmi les premiers membres, avant qu’il y en ait deux pour se porter garants.',
  'field.aboutTooLong': 'La présentation ne peut dépasser {max, number} caractères.',
  'field.valuesTooLong': 'Les valeurs ne peuvent dépasser {max, number} caractères en tout.',
  'field.valueTooLong':
    'Chaque valeur ne peut dépasser {max, number} caractères\u00a0; «\u00a0{value}\u00a0» est plus longue.',
  'field.tooManyValues': 'Vous pouvez indiquer jusqu’à {max, number} valeurs.',
  'field.linksTooLong': 'Les liens ne peuvent dépasser {max, number} caractères en tout.',
  'field.tooManyLinks': 'Vous pouvez indiquer jusqu’à {max, number} liens.',
  'field.linkForm':
    'Chaque lien doit être une adresse web commençant par http:// ou https://\u00a0; «\u00a0{link}\u00a0» n’en est ' +
    'pas une.',
  'field.visibility.name': 'Choisissez qui voit votre nom\u00a0: tout le monde, les membres ou vous seul·e.',
  'field.visibility.about': 'Choisissez qui voit votre présentation\u00a0: tout le monde, les membres ou vous seul·e.',
  'field.visibility.values': 'Choisissez qui voit vos valeurs\u00a0: tout le monde, les membres ou vous seul·e.',
  'field.visibility.links': 'Choisissez qui voit vos liens\u00a0: tout le monde, les membres ou vous seul·e.',
  'field.visibility.location':
    'Choisissez qui voit votre localisation\u00a0: tout le monde, les membres ou vous seul·e.',
  'field.visibility.contact':
    'Choisissez qui voit votre e-mail ou téléphone\u00a0: tout le monde, les membres ou vous seul·e.',
  'requests.unknown': 'Il n’y a pas de demande d’adhésion de cette personne.',
  'requests.notWaiting': '{name} n’attend plus de parrainages.',
  'requests.already': 'Vous vous êtes déjà porté·e garant·e pour {name}.',
  'inviteClosed.meanwhile':
    'Ce lien d’invitation ne fonctionne plus\u00a0: il a expiré, a été retiré ou a déjà servi. Demandez-en un ' +
    'nouveau.',
  'invite.notYours': 'Vous n’avez pas de lien d’invitation portant ce numéro.',
  'invite.notOpen': 'Vous n’avez pas de lien d’invitation ouvert portant ce numéro.',
};
