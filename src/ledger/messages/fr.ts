import type { Translation } from '../../i18n/catalogue.js';
import type { en } from './en.js';

/** Le champ que nomme le refus d’un montant (`AmountField` dans src/ledger/amounts.ts). */
const FIELD = '{field, select, price {Le prix} lower {Le solde minimal} upper {Le solde maximal} other {Le montant}}';

export const fr: Translation<typeof en> = {
  fundOf: 'La caisse {de_name}',
  fundOfLower: 'la caisse {de_name}',
  frozen: 'gelé',
  range: 'de {lower} à {upper}',
  statement: 'Relevé',
  expires: 'expire le {date}',
  'kind.payment': 'paiement',
  'kind.request': 'demande',
  'kind.reversal': 'annulation',
  'state.pending': 'en attente',
  'state.completed': 'effectué',
  'state.declined': 'refusé',
  'state.expired': 'expiré',
  accept: 'Accepter',
  acceptAndPay: 'Accepter et payer',
  decline: 'Refuser',

  'accounts.title': 'Mes comptes',
  'accounts.pay': 'Payer quelqu’un',
  'accounts.request': 'Demander un paiement',
  'accounts.currencies': 'Monnaies',
  'accounts.none':
    'Vous n’avez pas encore de compte\u00a0: un compte s’ouvre dans chaque monnaie la première fois que vous payez ' +
    'ou êtes payé.',
  'accounts.fundOf': 'caisse de',
  'accounts.balance': 'Solde',
  'accounts.itCanPay': 'Elle peut payer',
  'accounts.youCanPay': 'Vous pouvez payer',
  'accounts.pendingIn': 'À recevoir',
  'accounts.pendingOut': 'À payer',
  'accounts.limits': 'Limites',
  'waiting.forYou': 'En attente de votre réponse',
  'waiting.nothing': 'Rien n’attend votre accord.',
  'waiting.requestLink': '{kind, select, reversal {Annulation} other {Demande}}',
  'waiting.reversalLink': 'Annulation',
  'waiting.from': '{de_name}\u00a0:',
  'waiting.forWhat': 'pour «\u00a0{description}\u00a0»',
  'waiting.fromFund': ', depuis la caisse {de_name}',
  'waiting.offers': '\u00a0: {name} propose de rembourser',
  'waiting.back': '',
  'waiting.toFund': ' à la caisse {de_name}',
  'waiting.forWhatAfter': ', pour «\u00a0{description}\u00a0»',
  'waiting.forOthers': 'En attente d’autres membres',
  'waiting.other':
    '{kind, select, reversal {annulation} other {demande}} pour «\u00a0{description}\u00a0»\u00a0: ' +
    'en attente {de_name}',
  'recent.title': 'Derniers échanges',
  'recent.none': 'Aucun pour l’instant.',
  'recent.to': 'à {name}',
  'recent.from': '{de_name}',

  'pay.title': 'Payer quelqu’un',
  'request.title': 'Demander un paiement',
  'form.whomToPay': 'Qui payer',
  'form.whomToAsk': 'À qui demander',
  'form.find': 'Chercher un membre ou un groupe par son nom',
  'form.findButton': 'Chercher',
  'form.searching': 'Recherche…',
  'form.to': 'Bénéficiaire (un identifiant, ou la caisse d’un groupe)',
  'form.from': 'Payeur (un identifiant, ou la caisse d’un groupe)',
  'form.otherHint':
    'Par exemple @sue-lambert, ou {example} pour la caisse d’un groupe\u00a0: choisissez un nom ci-dessus pour le ' +
    'remplir.',
  'form.payFrom': 'Payer depuis',
  'form.paidInto': 'Versé sur',
  'form.ownAccount': 'Mon propre compte',
  'form.currency': 'Monnaie',
  'form.amount': 'Montant',
  'form.amountHint': 'Les heures en 1:30, 1,5 ou 90m\u00a0; les autres monnaies en 2,50.',
  'form.whatFor': 'Motif',
  'form.pay': 'Payer',
  'form.send': 'Envoyer la demande',
  'form.paying': 'Paiement en cours…',
  'form.sending': 'Envoi en cours…',
  'people.none': 'Personne ne correspond à «\u00a0{q}\u00a0».',

  'transfer.payment': 'Paiement',
  'transfer.request': 'Demande de paiement',
  'transfer.reversal': 'Annulation',
  'transfer.heading': '{title}\u00a0: {amount}',
  'transfer.from': 'Payeur',
  'transfer.to': 'Bénéficiaire',
  'transfer.whatFor': 'Motif',
  'transfer.state': 'État',
  'transfer.waitingFor': '\u00a0: en attente {de_name} jusqu’au {date}',
  'transfer.made': 'Date',
  'transfer.forListing': 'Annonce',
  'transfer.reverses': 'Annule',
  'transfer.corrected': 'le virement qu’elle corrige',
  'transfer.original': 'le virement d’origine',
  'transfer.reversedBy': 'Annulé par',
  'transfer.reversalProposed': 'Annulation proposée',
  'transfer.aReversal': 'une annulation',
  'transfer.waitingOtherSide': 'en attente de l’autre partie jusqu’au {date}',
  'transfer.stewardReason': 'Motif de l’intendant·e',
  'transfer.mistake':
    'Une erreur\u00a0? Proposez de l’annuler\u00a0: si l’autre partie accepte, le montant ' +
    '{again, select, yes {revient de nouveau} other {revient}}.',
  'transfer.propose': 'Proposer une annulation',
  'transfer.stewardLabel': 'Intendant·e\u00a0: annuler maintenant, parce que',
  'transfer.stewardReverse': 'Annuler en tant qu’intendant·e',
  'feedback.title': 'Avis',
  'feedback.none': 'Pas encore d’avis.',
  'feedback.later': 'Un avis peut être laissé une fois le virement effectué.',
  'feedback.from': 'de',
  'feedback.asFund':
    'Vous écrivez au nom de la caisse {de_name}, en tant qu’un de ses administrateurs\u00a0; chacun d’eux peut le ' +
    'modifier.',
  'feedback.how': 'Comment cela s’est-il passé\u00a0?',
  'feedback.choose': 'Choisir…',
  'feedback.positive': 'Positif',
  'feedback.neutral': 'Neutre',
  'feedback.negative': 'Négatif',
  'feedback.comment': 'Commentaire',
  'feedback.commentHint': 'Vous pouvez le modifier pendant 14 jours.',
  'feedback.save': 'Enregistrer l’avis',
  'feedback.fromTrades': 'Avis après échanges',
  'feedback.counts':
    '{positive, plural, one {# positif} other {# positifs}} · {neutral, plural, one {# neutre} other {# neutres}} · ' +
    '{negative, plural, one {# négatif} other {# négatifs}}',
  'feedback.rating': '{rating, select, positive {positif} neutral {neutre} other {négatif}}',
  'feedback.quoted':
    '{rating, select, positive {positif} neutral {neutre} other {négatif}}\u00a0: «\u00a0{comment}\u00a0»',
  'feedback.aGroup': 'un groupe',
  'feedback.aMember': 'un membre',

  'statement.title': 'Relevé\u00a0: {currency}',
  'statement.fundTitle': 'Relevé de la caisse {de_name}\u00a0: {currency}',
  'statement.fundHeading': 'La caisse {de_name}\u00a0: {currency}',
  'statement.breadcrumb': 'Fil d’Ariane',
  'statement.since': 'Du',
  'statement.until': 'Au',
  'statement.show': 'Afficher',
  'statement.noAccount': 'Vous n’avez pas encore de compte en {currency}.',
  'statement.fundNoAccount': 'La caisse n’a pas encore de compte en {currency}.',
  'statement.balanceNow': 'Solde actuel\u00a0:',
  'statement.csv': 'Télécharger en CSV',
  'statement.whatFor': 'Motif',
  'statement.amount': 'Montant',
  'statement.balance': 'Solde',
  'statement.reversal': '(annulation)',
  'statement.from': '{de_name}',
  'statement.to': 'à {name}',
  'statement.empty': 'Rien entre ces dates.',
  'statement.badSince': '«\u00a0Du\u00a0» doit être une date comme 2026-11-01\u00a0: le relevé part du début.',
  'statement.badUntil': '«\u00a0Au\u00a0» doit être une date comme 2026-11-30\u00a0: le relevé va jusqu’à aujourd’hui.',
  'csv.date': 'date',
  'csv.kind': 'type',
  'csv.with': 'avec',
  'csv.description': 'motif',
  'csv.amount': 'montant',
  'csv.amountMinor': 'montant_unites',
  'csv.balance': 'solde',
  'csv.balanceMinor': 'solde_unites',
  'csv.transferId': 'id_virement',

  'currencies.title': 'Monnaies',
  'currencies.about':
    'Les monnaies de la communauté sont du crédit mutuel\u00a0: chaque paiement crédite un membre et en débite un ' +
    'autre, si bien que la somme des soldes de chaque monnaie est toujours nulle.',
  'currencies.create': 'Créer une monnaie pour un groupe que vous animez',
  'currencies.of': 'De {name}',
  'currencies.ofAGroup': 'D’un groupe',
  'currencies.counted': 'comptée en {scale, select, minutes {minutes} other {centièmes}}',
  'currencies.newAccounts': 'nouveaux comptes de {lower} à {upper}',
  'currencies.requestDays':
    '{days, plural, one {les demandes attendent # jour} other {les demandes attendent # jours}}',
  'currencyForm.title': 'Nouvelle monnaie',
  'currencyForm.noGroup':
    'Seuls les administrateurs d’un groupe peuvent lui créer une monnaie, et vous n’administrez aucun groupe.',
  'currencyForm.group': 'Groupe',
  'currencyForm.name': 'Nom',
  'currencyForm.nameHint': 'Par exemple Heures du jardin.',
  'currencyForm.code': 'Code',
  'currencyForm.codeHint':
    'De 2 à 8 majuscules ou chiffres, par exemple GDN ; pas le code d’une monnaie officielle, comme EUR.',
  'currencyForm.symbol': 'Symbole',
  'currencyForm.countedIn': 'Comptée en',
  'currencyForm.minutes': 'Heures et minutes (1:30)',
  'currencyForm.hundredths': 'Unités et centièmes ({example})',
  'currencyForm.lower': 'Solde minimum d’un nouveau compte',
  'currencyForm.upper': 'Solde maximum d’un nouveau compte',
  'currencyForm.requestDays': 'Jours d’attente d’une demande de paiement',
  'currencyForm.create': 'Créer la monnaie',

  'fund.heading': 'La caisse {de_name}',
  'fund.aboutHidden': 'L’argent commun du groupe, géré par ses administrateurs\u00a0; ses membres en voient le solde.',
  'fund.aboutEmpty': 'L’argent commun du groupe, géré par ses administrateurs. Rien n’y a encore été versé ni prélevé.',
  'fund.payInto': 'Verser à la caisse',
  'fund.payFrom': 'Payer depuis la caisse',

  'stewards.title': 'Le registre des comptes',
  'stewards.zeroSum': 'Contrôle de la somme nulle',
  'stewards.zeroSumAbout':
    'La somme des soldes de chaque monnaie doit être nulle, et chaque solde doit égaler la somme de ses écritures. ' +
    'Vérifié à l’instant, sur le registre tel qu’il est.',
  'stewards.ok': 'OK',
  'stewards.wrong': 'ERREUR\u00a0: prévenez les développeurs',
  'stewards.sums':
    'somme des soldes\u00a0: {balances} · somme des écritures\u00a0: {entries} · ' +
    '{mismatched, plural, one {# compte} other {# comptes}} en écart avec leurs écritures',
  'stewards.near': 'Proches de leurs limites',
  'stewards.nearAbout': 'Moins d’un dixième de leur marge restant, pour payer ou pour recevoir.',
  'stewards.nobodyNear': 'Personne n’est proche d’une limite.',
  'stewards.limits': '(limites de {lower} à {upper})',
  'stewards.volume': 'Volume par mois',
  'stewards.noVolume': 'Aucun virement effectué pour l’instant.',
  'stewards.month': 'Mois',
  'stewards.currency': 'Monnaie',
  'stewards.transfers': 'Virements',
  'stewards.volumeColumn': 'Volume',
  'stewards.everyAccount': 'Tous les comptes',
  'stewards.accounts': '{count, plural, one {# compte} other {# comptes}}',
  'stewards.holder': 'Titulaire',
  'stewards.balance': 'Solde',
  'stewards.limitsColumn': 'Limites',
  'stewards.pending': 'à recevoir {pendingIn} · à payer {pendingOut}',
  'stewards.recent': 'Derniers virements',
  'account.title': 'Compte {de_name}',
  'account.summary': 'Solde',
  'account.limits': 'limites de {lower} à {upper}',
  'account.outside':
    'Le solde est hors de ces limites (elles ont changé après qu’il a été atteint)\u00a0: le compte ne peut que s’en ' +
    'rapprocher{side, select, payee {, en étant payé} other {, en payant}}.',
  'account.changeLimits': 'Modifier les limites',
  'account.lower': 'Solde minimum',
  'account.upper': 'Solde maximum',
  'account.reason': 'Motif',
  'account.freezeHeading': '{frozen, select, yes {Dégeler} other {Geler}} le compte',
  'account.freeze': '{frozen, select, yes {Dégeler} other {Geler}}',
  'account.changes': 'Modifications par les intendants',
  'account.noChanges': 'Aucune.',
  'account.changedLimits': 'limites fixées de {lower} à {upper}',
  'account.change': '{change, select, freeze {gel} other {dégel}}',
  'account.by': 'par {name}\u00a0:',

  'errors.overLimit':
    '{side, select, payer {Cela ferait passer le payeur sous sa limite de {limit} {currency}\u00a0: il peut payer au ' +
    'plus {available} maintenant.} other {Cela ferait passer le bénéficiaire au-delà de sa limite haute de {limit} ' +
    '{currency}\u00a0: il peut recevoir au plus {available} maintenant.}}',
  'errors.overLimitYou':
    '{side, select, payer {Cela vous ferait passer sous votre limite de {limit} {currency}\u00a0: vous pouvez payer ' +
    'au plus {available} maintenant.} other {Cela vous ferait dépasser votre limite haute de {limit} ' +
    '{currency}\u00a0: vous pouvez recevoir au plus {available} maintenant.}}',
  'errors.overLimitFund':
    '{side, select, payer {Cela ferait passer la caisse sous sa limite de {limit} {currency}\u00a0: elle peut payer ' +
    'au plus {available} maintenant.} other {Cela ferait dépasser à la caisse sa limite haute de {limit} ' +
    '{currency}\u00a0: elle peut recevoir au plus {available} maintenant.}}',
  'errors.frozen':
    '{whose, select, payer {Le compte du payeur} payee {Le compte du bénéficiaire} your {Votre compte} other ' +
    '{Le compte de la caisse}} est gelé par les intendants\u00a0: {reason}',
  'errors.inactive':
    '{whose, select, payer {Le payeur} other {Le bénéficiaire}} n’est pas un membre actif\u00a0: son compte ne peut ' +
    'pas échanger.',
  'errors.payYourself': 'Vous ne pouvez pas vous payer vous-même.',
  'errors.sameCurrency': 'Les deux comptes doivent être dans la même monnaie.',
  'errors.positive': 'Le montant doit être supérieur à zéro.',
  'errors.expired':
    '{kind, select, reversal {Cette proposition d’annulation a expiré} other {Cette demande a expiré}} le ' +
    '{date}\u00a0; refaites-la si elle est toujours d’actualité.',
  'errors.alreadyDecided':
    '{kind, select, payment {Ce paiement est déjà} request {Cette demande est déjà} other {Cette annulation est ' +
    'déjà}} {state, select, completed {effectué·e} declined {refusé·e} other {{state}}}.',
  'errors.otherParty': 'Seule l’autre partie peut accepter ou refuser.',
  'errors.onlyCompleted': 'Seul un virement effectué peut être annulé.',
  'errors.keyReused':
    'Cette clé d’idempotence a déjà servi pour un autre virement\u00a0; utilisez une nouvelle clé pour un nouveau ' +
    'virement.',
  'errors.noCurrency': 'Il n’y a pas de monnaie avec ce code ici.',
  'errors.currencyOfGroup': '{currency} appartient à un groupe dont vous n’êtes pas membre.',
  'errors.noGroup': 'Il n’y a pas de groupe à cette adresse.',
  'errors.fundCurrency':
    'La caisse {de_name} n’utilise pas {currency}\u00a0: la caisse d’un groupe utilise les monnaies de la ' +
    'communauté et la sienne.',
  'errors.noListing': 'Il n’y a pas d’annonce avec cet identifiant.',
  'errors.adminsOnly': 'Seuls les administrateurs du groupe peuvent utiliser sa caisse.',
  'errors.noTransfer': 'Ce virement n’existe pas.',
  'errors.notYours': 'Ce virement n’existe pas, ou vous n’avez pas à le voir.',
  'errors.partiesOnly': 'Seules les deux parties peuvent proposer d’annuler un virement.',
  'errors.stewardsOnly': 'Seuls les intendants peuvent annuler un virement de leur propre autorité.',
  'errors.alreadyReversed': 'Ce virement a déjà été annulé.',
  'errors.reversalWaiting': 'Une annulation de ce virement attend déjà d’être acceptée.',
  'errors.reasonRequired': 'Le motif est obligatoire\u00a0: dites pourquoi le virement est annulé.',
  'errors.noAccount': 'Ce compte n’existe pas.',
  'errors.noSuchGroup': 'Ce groupe n’existe pas, ou ne vous est pas ouvert.',
  'errors.noSuchGroupPlain': 'Ce groupe n’existe pas.',
  'errors.fundMembersOnly': 'Seuls les membres {de_name} peuvent voir sa caisse.',
  'errors.feedbackSidesOnly':
    'Seules les deux parties d’un virement (pour la caisse d’un groupe, ses administrateurs) peuvent laisser un avis.',
  'errors.feedbackBothSides':
    'Vous êtes des deux côtés de ce virement : il n’y a personne d’autre à qui donner un avis.',
  'errors.feedbackFixed': 'Un avis peut être modifié pendant {days, number} jours ; celui-ci est désormais fixé.',
  'errors.currencyAdminsOnly': 'Seuls les administrateurs du groupe peuvent lui créer une monnaie.',
  'errors.accountStewardsOnly': 'Seuls les intendants peuvent modifier un compte.',
  'errors.alreadyFrozen': 'Le compte est déjà gelé.',
  'errors.notFrozen': 'Le compte n’est pas gelé.',
  'errors.groupNotRun': 'Le groupe doit être l’un de ceux que vous administrez.',
  'field.to.required': 'Le bénéficiaire est obligatoire.',
  'field.from.required': 'Le payeur est obligatoire.',
  'field.currency.required': 'La monnaie est obligatoire.',
  'field.description.required': 'Le motif est obligatoire.',
  'field.listing.notId': 'L’annonce doit être l’identifiant d’une annonce.',
  'field.key.required': 'La clé d’idempotence est obligatoire.',
  'field.reason.required': 'Le motif est obligatoire.',
  'field.rating.choose': 'Dites comment cela s’est passé\u00a0: positif, neutre ou négatif.',
  'field.code.required': 'Le code est obligatoire.',
  'field.code.form':
    'Le code doit compter de 2 à 8 lettres majuscules ou chiffres, en commençant par une lettre, comme DHR.',
  'field.name.required': 'Le nom est obligatoire.',
  'field.symbol.required': 'Le symbole est obligatoire.',
  'field.countedIn.choose': 'L’unité doit être les minutes (d’une heure) ou les centièmes.',
  'field.lower.required': 'Le solde minimal est obligatoire.',
  'field.upper.required': 'Le solde maximal est obligatoire.',
  'field.requestDays.number': 'Le délai d’une demande doit être un nombre entier de jours.',
  'field.requestDays.tooSmall': 'Le délai d’une demande doit être d’au moins {min, number} jour(s).',
  'field.requestDays.tooLarge': 'Le délai d’une demande doit être d’au plus {max, number} jours.',
  'field.freeze.choose': 'Choisissez de geler ou de dégeler.',
  'field.since.date': 'since doit être une date comme 2026-11-01.',
  'errors.fundItself':
    '{field, select, to {Une caisse ne peut pas se payer elle-même.} other {Une caisse ne peut pas se demander un ' +
    'paiement à elle-même.}}',
  'errors.noFundGroup': 'Aucun groupe n’a cette adresse, ou il ne vous est pas ouvert.',
  'errors.noActiveMember': 'Aucun membre actif n’a cet identifiant.',
  'errors.askYourself': 'Vous ne pouvez pas vous demander un paiement à vous-même.',
  'errors.memberCurrency':
    '{name} n’utilise pas {currency}\u00a0: elle appartient à un groupe dont ce membre ne fait pas partie.',
  'errors.lowerAboveZero': 'Le solde minimal doit être nul ou négatif, comme -{example}.',
  'errors.upperBelowZero': 'Le solde maximal doit être nul ou positif, comme {example}.',
  'errors.codeUnavailable': 'Ce code ne peut pas être utilisé ici : choisissez-en un autre.',
  'amount.required': `${FIELD} est obligatoire.`,
  'amount.number':
    `${FIELD} doit être un nombre comme ` +
    '{scale, select, minutes {«\u00a01:30\u00a0», «\u00a01,5\u00a0» ou «\u00a090m\u00a0»} ' +
    'other {«\u00a02,50\u00a0» ou «\u00a02\u00a0»}}.',
  'amount.wholeMinutes':
    `${FIELD} doit tomber sur des minutes entières\u00a0: ` +
    'écrivez «\u00a01:20\u00a0» plutôt que «\u00a01,33\u00a0».',
  'amount.twoDecimals': `${FIELD} peut avoir au plus deux décimales.`,
  'amount.minutesPast59':
    `${FIELD}\u00a0: les minutes après les deux-points vont de 00 à 59, ` +
    'donc «\u00a0{typed}\u00a0» serait «\u00a0{meant}\u00a0».',
  'amount.positive': `${FIELD} doit être supérieur à zéro.`,
  'amount.tooLarge': `${FIELD} peut être au plus de {max}.`,
  'field.amount.form':
    'Le montant doit être un texte comme «\u00a01:30\u00a0» ou un nombre entier d’unités divisionnaires.',
  'field.amount.tooLong': 'Le montant peut compter au plus {max, number} caractères.',
  'field.amount.whole': 'Un montant en unités divisionnaires doit être un nombre entier.',
  'field.amount.positive': 'Le montant doit être supérieur à zéro.',
  'field.amount.tooLarge': 'Le montant peut être au plus de {max, number} unités divisionnaires.',
};
