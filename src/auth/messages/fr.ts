import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

export const fr: Translation<typeof en> = {
  'signIn.title': 'Se connecter',
  'signIn.account': 'E-mail ou téléphone',
  'signIn.accountHint': 'Celui avec lequel vous avez adhéré',
  'signIn.password': 'Mot de passe',
  'signIn.submit': 'Se connecter',
  'signIn.forgotten':
    'Mot de passe oublié\u202f? Demandez à un·e intendant·e\u00a0: il ou elle peut vous donner un lien à usage ' +
    'unique pour en choisir un nouveau.',
  'signIn.notMember': 'Pas encore membre\u202f?',
  'signIn.askToJoin': 'Demander à adhérer',
  'signIn.resetDone': 'Votre nouveau mot de passe est enregistré. Connectez-vous avec.',
  'signIn.resetRevokedTokens':
    '{count, plural, one {Votre jeton d’accès a aussi été révoqué\u00a0: plus aucune application ne peut s’en ' +
    'servir pour accéder à votre compte. Créez-en un nouveau depuis votre compte si vous en avez encore besoin.} ' +
    'other {Vos # jetons d’accès ont aussi été révoqués\u00a0: plus aucune application ne peut s’en servir pour ' +
    'accéder à votre compte. Créez-en de nouveaux depuis votre compte si vous en avez encore besoin.}}',
  'signIn.noMatch':
    'Cet e-mail ou ce téléphone et ce mot de passe ne correspondent pas. Vérifiez les deux et réessayez.',
  'signIn.throttled':
    'Trop de tentatives de connexion ont échoué. Par sécurité, la connexion est suspendue\u00a0: réessayez dans ' +
    '{minutes, plural, one {# minute} other {# minutes}}.',
  'signIn.waitingForSteward': 'Votre demande d’adhésion attend l’accord d’un·e intendant·e.',
  'signIn.waitingForVouches':
    'Votre demande d’adhésion attend encore {missing, plural, one {# parrainage} other {# parrainages}} de ' +
    'membres qui vous connaissent. Un·e intendant·e peut aussi l’accepter.',
  'signIn.declined':
    'Votre demande d’adhésion a été refusée. Parlez-en à un·e intendant·e si vous pensez que c’est une erreur.',
  'signIn.declinedBecause':
    'Votre demande d’adhésion a été refusée ({reason}). Parlez-en à un·e intendant·e si vous pensez que c’est ' +
    'une erreur.',
  'signIn.suspended': 'Votre adhésion est suspendue. Parlez-en à un·e intendant·e.',
  'signIn.suspendedBecause': 'Votre adhésion est suspendue ({reason}). Parlez-en à un·e intendant·e.',
  'field.account.notText': 'L’e-mail ou le téléphone doit être du texte.',
  'field.account.tooLong': 'L’e-mail ou le téléphone ne peut dépasser {max, number} caractères.',
  'field.account.required': 'L’e-mail ou le téléphone est obligatoire.',
  'field.account.form': 'Saisissez l’adresse e-mail ou le numéro de téléphone avec lequel vous avez adhéré.',
  'field.password.notText': 'Le mot de passe doit être du texte.',
  'field.password.required': 'Le mot de passe est obligatoire.',
  'field.password.tooShort': 'Le mot de passe doit compter au moins {min, number} caractères.',
  'field.password.tooLong': 'Le mot de passe ne peut dépasser {max, number} caractères.',

  'account.title': 'Votre compte',
  'account.profile': 'Votre profil',
  'account.profileHint': 'ce que les autres voient de vous, et qui peut voir chaque partie',
  'account.password': 'Changer votre mot de passe',
  'account.passwordHint': 'vous déconnecte de tous vos autres appareils',
  'account.tokens': 'Jetons d’accès',
  'account.tokensHint': 'permettent à une autre application d’utiliser votre compte par l’API du boîtier',
  'account.passwordChanged':
    'Votre mot de passe est changé. Tous vos autres appareils connectés à votre compte ont été déconnectés.',
  'account.tokensRemain':
    '{count, plural, one {# jeton d’accès fonctionne toujours en votre nom\u00a0: une application qui le détient ' +
    'peut encore accéder à votre compte.} other {# jetons d’accès fonctionnent toujours en votre nom\u00a0: les ' +
    'applications qui les détiennent peuvent encore accéder à votre compte.}}',
  'account.reviewTokens': 'Voir ou révoquer vos jetons',
  'account.tokenRevoked':
    'Le jeton est révoqué\u00a0: les applications qui l’utilisaient n’ont plus accès à votre compte.',
  'account.back': 'Retour à votre compte',

  'password.title': 'Changer votre mot de passe',
  'password.intro': 'Après le changement, vous restez connecté·e ici et êtes déconnecté·e partout ailleurs.',
  'password.current': 'Mot de passe actuel',
  'password.new': 'Nouveau mot de passe',
  'password.newAgain': 'Nouveau mot de passe, encore une fois',
  'password.minLength': 'Au moins {min, number} caractères',
  'password.submit': 'Changer le mot de passe',
  'password.throttled':
    'Trop de mauvais mots de passe pour ce compte. Par sécurité, le changement de mot de passe (et la connexion) est ' +
    'suspendu\u00a0: réessayez dans {minutes, plural, one {# minute} other {# minutes}}.',
  'field.currentPassword.notText': 'Le mot de passe actuel doit être du texte.',
  'field.currentPassword.required': 'Le mot de passe actuel est obligatoire.',
  'field.currentPassword.wrong': 'Ce n’est pas votre mot de passe actuel.',
  'field.newPassword.notText': 'Le nouveau mot de passe doit être du texte.',
  'field.newPassword.tooShort': 'Le nouveau mot de passe doit compter au moins {min, number} caractères.',
  'field.newPassword.tooLong': 'Le nouveau mot de passe ne peut dépasser {max, number} caractères.',
  'field.newPasswordAgain.missing': 'Saisissez de nouveau le nouveau mot de passe.',
  'field.newPasswordAgain.different': 'Les deux nouveaux mots de passe ne sont pas identiques.',
  'reset.title': 'Choisir un nouveau mot de passe',
  'reset.for': 'Pour',
  'reset.worksUntil': 'Ce lien ne sert qu’une fois, jusqu’au',
  'reset.signsOut':
    'Choisir un mot de passe déconnecte ce compte partout et révoque ses jetons d’accès\u00a0; ensuite, ' +
    'connectez-vous avec le nouveau.',
  'reset.submit': 'Enregistrer le mot de passe',
  'reset.gone': 'Ce lien a expiré ou a déjà servi. Demandez-en un nouveau à un·e intendant·e.',

  'resetLink.title': 'Lien de réinitialisation pour {name}',
  'resetLink.label': 'Le lien',
  'resetLink.handOver':
    'Remettez-le en main propre à {name}. Il n’est affiché qu’une fois, ne sert qu’une fois et expire le',
  'resetLink.careful':
    'Quiconque détient ce lien peut choisir le mot de passe\u00a0: ne le donnez qu’à cette personne. Créer un ' +
    'autre lien désactive celui-ci.',
  'resetLink.intro':
    'Si {name} a oublié son mot de passe, créez un lien à usage unique pour en choisir un nouveau. Le boîtier ' +
    'n’envoie pas de courriel\u00a0: vous remettez le lien en main propre. Il sert une fois, pendant 24\u00a0heures, ' +
    'et sa création est inscrite au journal des intendants.',
  'resetLink.submit': 'Créer un lien de réinitialisation',
  'resetLink.back': 'Retour au profil {de_name}',
  noSuchMember: 'Aucun membre n’a cet identifiant.',

  'tokens.title': 'Jetons d’accès',
  'tokens.intro':
    'Un jeton permet à une autre application (un script, une application mobile) de lire l’API du boîtier en ' +
    'votre nom\u00a0: elle voit exactement ce que vous pouvez voir. Gardez-le secret\u00a0; révoquez-le ici ' +
    'quand vous ne l’utilisez plus. Ce que propose l’API est décrit dans le README du boîtier, sous ' +
    '«\u00a0JSON API\u00a0».',
  'tokens.newLabel': 'Votre nouveau jeton «\u00a0{name}\u00a0»',
  'tokens.newHint': 'Copiez-le maintenant\u00a0: il n’est affiché qu’une seule fois.',
  'tokens.yours': 'Vos jetons',
  'tokens.none': 'Vous n’avez aucun jeton.',
  'tokens.made': 'créé le',
  'tokens.lastUsed': 'dernière utilisation le',
  'tokens.neverUsed': 'jamais utilisé',
  'tokens.revoke': 'Révoquer',
  'tokens.make': 'Créer un jeton',
  'tokens.name': 'Nom',
  'tokens.nameHint':
    'À quoi il sert, par exemple «\u00a0mon téléphone\u00a0» ou «\u00a0script du panneau d’affichage\u00a0»',
  'tokens.submit': 'Créer le jeton',
  'tokens.noSuchToken': 'Vous n’avez aucun jeton portant ce numéro.',
  'field.tokenName.notText': 'Le nom doit être du texte.',
  'field.tokenName.tooLong': 'Le nom ne peut dépasser {max, number} caractères.',
  'field.tokenName.required': 'Le nom est obligatoire.',
};
