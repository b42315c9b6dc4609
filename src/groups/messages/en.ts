import type { Catalogue } from '../../i18n/catalogue.js';

/** Groups (views/groups, src/groups): the tree, a group's page, its form, membership and deleting. */
export const en = {
  title: 'Groups',
  memberCount: '{count, plural, one {# member} other {# members}}',
  breadcrumb: 'Breadcrumb',
  role: '{role, select, admin {admin} other {member}}',

  // The tree (index.eta, _tree.eta).
  'index.intro':
    'Groups within groups, starting with the whole community. Join the ones you care about, or start your own ' +
    'inside a group you belong to.',
  'index.hidden': 'The community’s groups are open to its members.',
  'index.signIn': 'Sign in',
  'index.signInRest': 'to see them.',
  'index.start': 'Start a group',
  'tree.you': 'you: {status, select, requested {asked to join} invited {invited} admin {admin} other {member}}',

  // A group's page (show.eta).
  'show.allGroups': 'All groups',
  'show.policy':
    '{policy, select, open {Open: any member can join.} request {Ask to join: its admins approve new members.} ' +
    'other {By invitation only.}}',
  'show.visibility':
    '{visibility, select, everyone {Listed to everyone using the box.} members {Seen by community members only.} ' +
    'other {Seen by its own members only.}}',
  'show.root': 'The whole community: people join it by being vouched for.',
  'show.hiddenParent': 'It is never shown to anyone who cannot see {parent}.',
  'show.edit': 'Edit the group',
  'show.subgroups': 'Groups inside {name}',
  'show.none': 'None yet.',
  'show.startInside': 'Start a group inside {name}',

  // The membership panel (_membership.eta).
  'panel.heading': 'Members',
  'panel.askToJoinCommunity': 'Ask to join the community',
  'panel.or': 'or',
  'panel.signInLower': 'sign in',
  'panel.signIn': 'Sign in',
  'panel.signInRest': 'to join or to see who is in it.',
  'panel.rootMember':
    'You belong to it, as everyone in the community does{steward, select, yes {; as a steward you are one of its ' +
    'admins} other {}}.',
  'panel.join': 'Join {name}',
  'panel.request': 'Ask to join',
  'panel.inviteOnly': 'This group is by invitation only: one of its admins can invite you.',
  'panel.requested': 'You asked to join; one of its admins will answer.',
  'panel.withdrawRequest': 'Withdraw my request',
  'panel.invited': 'You are invited to join.',
  'panel.accept': 'Accept the invitation',
  'panel.decline': 'Decline',
  'panel.youAre': 'You are {role, select, admin {an admin} other {a member}} of this group.',
  'panel.onlyMember': 'You are its only member; to close it, delete it from its edit page.',
  'panel.successor': 'Who takes over as admin when you leave?',
  'panel.handOver': 'Leave and hand over',
  'panel.leave': 'Leave {name}',
  'panel.admins': 'Admins',
  'panel.stewards': 'The stewards look after the community and its box.',
  'panel.everyone': 'Everyone in the community',
  'panel.makeMember': 'Make a member',
  'panel.makeAdmin': 'Make an admin',
  'panel.remove': 'Remove',
  'panel.stepDown': 'Step down as admin',
  'panel.asking': 'Asking to join',
  'panel.nobodyWaiting': 'Nobody is waiting.',
  'panel.approve': 'Approve',
  'panel.invitedHeading': 'Invited',
  'panel.withdrawInvitation': 'Withdraw the invitation',
  'panel.inviteLabel': 'Invite a member',
  'panel.inviteHint': 'Their handle, as in their profile address: /members/handle',
  'panel.invite': 'Invite',

  // Starting or editing a group (form.eta).
  'form.newTitle': 'Start a group',
  'form.editTitle': 'Edit {name}',
  'form.inside': 'It will sit inside',
  'form.insideRest': ', and you will be its first admin.',
  'form.onlyThoseWhoSee': 'Whatever you choose, only people who can see {name} will ever see this group.',
  'form.notDeleted': '{name} was not deleted:',
  'form.seeWhy': 'see what stands in the way',
  'form.name': 'Name',
  'form.nameHint': 'For example: Repair Café',
  'form.slug': 'Web address',
  'form.slugHint':
    'The end of the address /groups/…: lower-case letters, digits and hyphens. Left empty, it is made from the name.',
  'form.purpose': 'Purpose',
  'form.purposeHint': 'What the group is for, in a sentence or two',
  'form.joinPolicy': 'Who can join',
  'form.policy.open': 'Open',
  'form.policy.openHint': 'any member can join',
  'form.policy.request': 'By request',
  'form.policy.requestHint': 'the admins approve each request',
  'form.policy.invite': 'By invitation',
  'form.policy.inviteHint': 'only people the admins invite',
  'form.visibility': 'Who can see it',
  'form.visibility.everyone': 'Everyone',
  'form.visibility.everyoneHint': 'listed to anyone using the box, signed in or not',
  'form.visibility.members': 'Community members',
  'form.visibility.membersHint': 'signed-in members only',
  'form.visibility.group': 'Its own members',
  'form.visibility.groupHint': 'hidden from everyone else: not listed, not counted, not found',
  'form.save': 'Save',
  'form.start': 'Start the group',
  'form.cancel': 'Cancel',
  'form.deleteHeading': 'Delete {name}',
  'form.notDeletedStrong': '{name} was not deleted.',
  'form.cannotDelete': 'It cannot be deleted:',
  'form.deleteIntro': 'Deleting {name} cannot be undone. Its page goes, and with it:',
  'form.untouched': 'Members’ other listings, their accounts and their payments are not touched.',
  'form.deleteForGood': 'Delete {name} for good',

  // What stands in the way of deleting a group, and what deleting it removes (deletionOf in group-deletion.ts).
  'deletion.subgroups':
    '{count, plural, one {There is # group inside it: delete it first.} ' +
    'other {There are # groups inside it: delete them first.}}',
  'deletion.openListings':
    '{count, plural, one {# listing is shown only to this group and still open: its author can change who sees it ' +
    'or withdraw it.} other {# listings are shown only to this group and still open: their authors can change who ' +
    'sees them or withdraw them.}}',
  'deletion.currency':
    'The group’s currency {code} ({name}) has {accounts, plural, one {# account} other {# accounts}}: a group ' +
    'whose currency is in use cannot be deleted, as its members’ balances in it would be stranded.',
  'deletion.fund':
    'The group’s fund has {transfers, plural, one {# transfer} other {# transfers}} in {code} and a balance of ' +
    '{balance} {code}: a group whose fund has been used cannot be deleted, as its money and statement would be ' +
    'stranded.',
  'deletion.memberships': 'its {count, plural, one {# membership} other {# memberships}}',
  'deletion.requests': '{count, plural, one {# request to join} other {# requests to join}}',
  'deletion.invitations': '{count, plural, one {# invitation} other {# invitations}}',
  'deletion.closedListings':
    '{count, plural, one {# closed listing (withdrawn, done or archived) that was shown only to this group, with ' +
    'its photos and replies: its author loses it from their history} other {# closed listings (withdrawn, done or ' +
    'archived) that were shown only to this group, with their photos and replies: their authors lose them from ' +
    'their history}}',
  'deletion.unusedCurrency': 'its currency {code} ({name}), which nobody has used',

  // Refusals (src/groups domain errors).
  'errors.noSuchGroup': 'There is no such group, or it is not open to you.',
  'errors.notAdmin': 'Only the admins of {name} can do that.',
  'errors.joinFirst': 'Join {name} first: only its members can start a group inside it.',
  'errors.root':
    'Everyone in the community belongs to it, and its stewards are its admins; membership is not changed here.',
  'errors.askInstead': '{name} asks its admins to approve new members: ask to join instead.',
  'errors.inviteOnly': '{name} is by invitation only.',
  'errors.openGroup': '{name} is open: join it directly.',
  'errors.lastAdmin':
    'A group needs at least one admin. Make another member an admin first, or name one when you leave.',
  'errors.badSuccessor': 'The new admin must be another member of this group.',
  'errors.noSuchHandle': 'No active member has the handle {handle}.',
  'errors.alreadyMember': '@{handle} is already a member.',
  'errors.inviteParentFirst': '@{handle} cannot see {parent}: invite them there first.',
  'errors.noSuchRequest': 'There is no such request to join: it may have been answered already.',
  'errors.notInGroup': 'That member is not in this group.',
  'errors.slugTaken': 'Another group has that web address; choose another.',

  // Form fields (the schemas in group-forms.ts).
  'field.nameText': 'Name must be text.',
  'field.nameRequired': 'Name is required.',
  'field.nameTooLong': 'Name can be at most 80 characters.',
  'field.slugText': 'Web address must be text.',
  'field.slugTooLong': 'Web address can be at most 60 characters.',
  'field.slugForm': 'Web address may hold only lower-case letters, digits and single hyphens, like repair-cafe.',
  'field.slugReserved': 'That web address is reserved; choose another.',
  'field.purposeText': 'Purpose must be text.',
  'field.purposeTooLong': 'Purpose can be at most 2000 characters.',
  'field.joinPolicy': 'Who can join must be one of: open, request or invite.',
  'field.visibility': 'Who can see it must be one of: everyone, members or group.',
  'field.rootVisibility': 'Who can see it must be one of: everyone or members.',
  'field.role': 'Role must be one of: admin or member.',
  'field.handleText': 'Handle must be text.',
  'field.handleTooLong': 'Handle can be at most 40 characters.',
  'field.handleRequired': 'Handle is required: whom should the group invite?',
  'field.successorText': 'New admin must be text.',
  'field.successorTooLong': 'New admin can be at most 40 characters.',
} as const satisfies Catalogue;
