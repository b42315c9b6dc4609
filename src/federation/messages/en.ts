import type { Catalogue } from '../../i18n/catalogue.js';

/** The stewards' page of neighbouring towns (views/federation/siblings.eta). */
export const en = {
  'siblings.title': 'Neighbouring towns',
  'siblings.intro':
    'Boxes of neighbouring towns that this one federates with: members here find the listings their members ' +
    'share with neighbouring towns, and theirs find ours. Both boxes’ stewards must add each other.',
  'siblings.back': 'Back to the stewards’ page',
  'siblings.self': 'This box',
  'siblings.giveThis': 'Give a sibling’s steward this peer id and an address:',
  'siblings.alone': 'This box runs alone: it was started without a peer listen address',
  'siblings.startWith': 'Start it with',
  'siblings.toFederate': 'to federate.',
  'siblings.heading': 'Siblings',
  'siblings.none': 'No siblings yet.',
  'siblings.connected': 'connected',
  'siblings.notConnected': 'not connected',
  'siblings.lastSeen': 'last seen {when}',
  'siblings.never': 'never',
  'siblings.records': 'Records received: {received, number} · rejected: {rejected, number}',
  'siblings.lastRejected': 'Last rejected: {reason}',
  'siblings.remove': 'Remove',
  'siblings.unknownCount': 'Records from boxes not on this list: {count, number}, not shown here. The latest came from',
  'siblings.unknownVia': 'passed on by {via} ({when}).',
  'siblings.unknownAdvice':
    'A sibling passes on the listings of every box its stewards agreed to; add that box here if yours agree too.',
  'discovered.heading': 'Seen on this network, awaiting approval',
  'discovered.intro': 'Boxes found on the local network. None is trusted until you add it with a name.',
  'discovered.seen': 'seen {when}',
  'discovered.add': 'Add…',
  'add.heading': 'Add a sibling',
  'add.name': 'Name',
  'add.nameHint': 'Usually its town, for example: Eye',
  'add.peerId': 'Peer id',
  'add.peerIdHint': 'Starts 12D3KooW: from its stewards’ page or "marketcross peers self"',
  'add.address': 'Address',
  'add.addressHint': 'For example: /ip4/192.168.1.20/tcp/4001',
  'add.submit': 'Add the sibling',
  'add.ownPeerId': 'That is this box’s own peer id; give the sibling’s.',
  'field.name.notText': 'Name must be text.',
  'field.name.tooLong': 'Name can be at most {max, number} characters.',
  'field.name.required': 'Name is required.',
  'field.peerId.required': 'Peer id is required.',
  'field.peerId.tooLong': 'A peer id is at most {max, number} characters.',
  'field.peerId.form':
    'That is not a box’s peer id: it starts "12D3KooW" and is 52 characters long. Copy it from the sibling’s ' +
    '"marketcross peers self" or its stewards’ page.',
  'field.address.required': 'Address is required.',
  'field.address.tooLong': 'An address is at most {max, number} characters.',
  'field.address.form':
    'The address must look like /ip4/192.168.1.20/tcp/4001 (or /dns4/eye-box.example.org/tcp/4001).',
  'field.address.otherPeer': 'The address ends in a different peer id from the one given.',
  noSuchSibling: 'There is no sibling with this peer id.',
  'conversations.notFound': 'There is no conversation with that person on this listing.',
} as const satisfies Catalogue;
