import { met, neighbour, worked, PUBLIC_PROFILE, type DemoMember } from './town.js';

/**
 * PlaNet Diss's first steward and its first year: the founders, whom the steward approved before there were two
 * members to vouch, and those they vouched for. In the order they joined: everyone is vouched for by people who joined
 * before them.
 */

/** The first steward: the one the demo prints the sign-in for. */
export const DEMO_STEWARD = {
  name: 'Maggie Hart',
  contact: 'maggie@example.org',
  place: 'Diss',
  about: 'Retired teacher. I run the Saturday swap table at No 8 Marketplace and look after this box.',
  values: ['community', 'local food', 'repair'],
  links: [] as string[],
};

export const STEWARD = DEMO_STEWARD.name;

export const DISS_FIRST_MEMBERS: DemoMember[] = [
  {
    name: 'Tom Fairweather',
    kind: 'person',
    contact: 'tom.fairweather@example.org',
    place: 'Roydon',
    whyJoin: 'I fix bikes in my shed and want to do more of it for neighbours.',
    about: 'Cycles everywhere, mends most things with a spoke key. Happy to teach puncture repair.',
    values: ['repair', 'cycling', 'zero waste'],
    links: [],
    vouches: [],
    invitedBy: STEWARD,
  },
  {
    name: 'Sue Lambert',
    kind: 'person',
    contact: '07700 900101',
    place: 'Bressingham',
    whyJoin: 'I coordinate the community garden and want a better way to reach volunteers.',
    about: 'Grower, seed saver, compost evangelist. Ask me about heritage tomatoes.',
    values: ['organic', 'local food', 'seed saving'],
    links: [],
    visibility: { about: 'everyone', values: 'everyone' },
    vouches: [],
    invitedBy: STEWARD,
  },
  {
    name: 'Diss Community Garden',
    kind: 'organisation',
    contact: 'garden@example.org',
    place: 'Diss',
    whyJoin: 'To find volunteers and share our harvests with members.',
    about:
      'A volunteer-run garden behind the leisure centre: raised beds, an orchard, a polytunnel and Thursday work ' +
      'parties. Everyone welcome, no experience needed.',
    values: ['organic', 'local food', 'community', 'biodiversity'],
    links: ['https://garden.diss.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [],
    invitedBy: 'Sue Lambert',
  },
  {
    name: 'Priya Shah',
    kind: 'person',
    contact: 'priya.shah@example.org',
    place: 'Diss',
    whyJoin: 'Maggie told me about it at the swap table.',
    about: 'Pharmacist, zero waste beginner, makes a mean dal. Two kids at the junior school.',
    values: ['zero waste', 'families'],
    links: [],
    visibility: { name: 'everyone' },
    vouches: [
      met(STEWARD, 'Regular at the swap table since 2024.'),
      neighbour('Tom Fairweather', 'Lives two doors from my sister on Mount Street.'),
    ],
  },
  {
    name: 'Waveney Bakehouse',
    kind: 'business',
    contact: 'hello@waveneybakehouse.example.org',
    place: 'Diss',
    whyJoin: 'We want to sell our day-old bread locally instead of wasting it.',
    about:
      'Sourdough and rye baked overnight on Mere Street with flour from Norfolk mills. Day-old loaves half price ' +
      'for members, leftovers to the food bank.',
    values: ['local food', 'zero waste', 'organic'],
    links: ['https://waveneybakehouse.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [
      worked('Sue Lambert', 'Takes our spare rhubarb and pays in bread.'),
      met(STEWARD, 'Known them since they opened.'),
    ],
    invitedBy: 'Sue Lambert',
  },
  {
    name: 'Spokes & Sprockets',
    kind: 'business',
    contact: 'workshop@spokes.example.org',
    place: 'Diss',
    whyJoin: 'Bike repairs, and we run the bike clinic at the Repair Café.',
    about:
      'Bike repair and refurbished second-hand bikes near the station. Free safety checks on the first Saturday ' +
      'of the month.',
    values: ['repair', 'cycling', 'reuse'],
    links: ['https://spokes.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [
      worked('Tom Fairweather', 'I help out in the workshop on Wednesdays.'),
      met('Priya Shah', "Fixed both of my kids' bikes."),
    ],
    invitedBy: 'Tom Fairweather',
  },
  {
    name: 'Dan Cooper',
    kind: 'person',
    contact: 'dan.cooper@example.org',
    place: 'Palgrave',
    whyJoin: 'Carpenter, happy to help with repairs and teach.',
    about: 'Joiner by trade. I build raised beds and benches from reclaimed timber.',
    values: ['repair', 'reuse', 'woodwork'],
    links: [],
    visibility: { location: 'me' },
    vouches: [
      worked('Diss Community Garden', 'Built our raised beds.'),
      worked('Sue Lambert', 'Built the polytunnel frame with us.'),
    ],
  },
  {
    name: 'Diss Repair Café',
    kind: 'organisation',
    contact: 'repaircafe@example.org',
    place: 'Diss',
    whyJoin: 'To organise fixers and let people book repairs.',
    about:
      'Bring your broken toasters, torn jeans and wobbly chairs to the Corn Hall on the last Saturday of the ' +
      'month. Volunteers fix them with you, for free.',
    values: ['repair', 'zero waste', 'skills sharing'],
    links: ['https://repaircafe.diss.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [
      worked('Tom Fairweather', 'Bike fixer at every session.'),
      worked('Dan Cooper', 'I fix furniture there.'),
    ],
    invitedBy: 'Tom Fairweather',
  },
  {
    name: 'Ellie Brooks',
    kind: 'person',
    contact: 'ellie.brooks@example.org',
    place: 'Scole',
    whyJoin: 'I drive to Diss every day and have spare seats.',
    about: 'Nurse on early shifts. Offering lifts Scole → Diss most mornings.',
    values: ['lift share', 'community'],
    links: [],
    vouches: [
      neighbour('Priya Shah', 'Our children are in the same class.'),
      met(STEWARD, 'Met at the Christmas market stall.'),
    ],
  },
  {
    name: 'Goldbrook Farm Shop',
    kind: 'business',
    contact: 'shop@goldbrookfarm.example.org',
    place: 'Hoxne',
    whyJoin: 'Selling our veg, eggs and lamb to neighbours.',
    about:
      'Family farm by the Goldbrook: seasonal veg boxes, free-range eggs, lamb and honey. Open Thursday to ' +
      'Saturday; members can pay in local currency soon.',
    values: ['local food', 'organic', 'farming'],
    links: ['https://goldbrookfarm.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [
      worked('Waveney Bakehouse', 'We swap bread for eggs every week.'),
      met('Sue Lambert', 'Supplies seedlings to the garden.'),
    ],
  },
  {
    name: 'Diss & District Food Bank',
    kind: 'organisation',
    contact: 'foodbank@example.org',
    place: 'Diss',
    whyJoin: 'To coordinate collections and volunteers.',
    about:
      'Emergency food parcels for anyone in Diss and the villages, no questions asked. Drop-off points at the ' +
      'bakery and the farm shop.',
    values: ['community', 'local food', 'mutual aid'],
    links: ['https://foodbank.diss.example.org'],
    visibility: PUBLIC_PROFILE,
    vouches: [
      worked('Waveney Bakehouse', 'We give them our leftover bread every evening.'),
      worked(STEWARD, 'I volunteered there for three years.'),
    ],
  },
  {
    name: 'Rob Turner',
    kind: 'person',
    contact: 'rob.turner@example.org',
    place: 'Burston',
    whyJoin: 'Heard about the lift share from Ellie.',
    about: 'Retired lorry driver, local history buff (ask me about the Burston Strike School).',
    values: ['local history', 'lift share'],
    links: [],
    vouches: [met('Ellie Brooks', 'Shares my lift to the hospital.'), met(STEWARD, 'Gave a talk at the library.')],
    invitedBy: 'Ellie Brooks',
  },
  {
    name: 'Mick Howlett',
    kind: 'person',
    contact: '07700 900102',
    place: 'Dickleburgh',
    whyJoin: 'Beekeeper, want to sell honey and swap tools.',
    about: 'Twelve hives on the edge of the common. Honey in season, swarms collected for free.',
    values: ['bees', 'local food', 'biodiversity'],
    links: [],
    visibility: { contact: 'members' },
    vouches: [
      worked('Goldbrook Farm Shop', 'Sells his honey in our shop.'),
      neighbour('Rob Turner', 'We are on the same lane.'),
    ],
  },
];
