import {
  DEMO_REGION,
  type DemoGroup,
  type DemoListingsPlan,
  type DemoMember,
  type DemoPlace,
  type DemoTown,
} from './town.js';
import { DEMO_STEWARD, DISS_FIRST_MEMBERS, STEWARD } from './diss-first-members.data.js';
import { DISS_LATER_MEMBERS } from './diss-later-members.data.js';

/**
 * The demo community: PlaNet Diss, around No 8 Marketplace in Diss, Norfolk,
 * and the villages on both sides of the Waveney. The people, businesses and
 * organisations are invented (addresses and phone numbers are from reserved
 * ranges: example.org, Ofcom's 07700 900xxx drama numbers); the places are real.
 */

/** Shown in every demo sign-in hint: it is a demo, so the password is no secret. */
export const DEMO_PASSWORD = 'diss-demo-2026';

const DEMO_COMMUNITY = {
  community_name: 'PlaNet Diss',
  region: DEMO_REGION,
  lat: 52.3765,
  lon: 1.1077,
  vouches_required: 2,
  about:
    'Neighbours, makers, growers and organisations in and around Diss, trading locally and looking after each other.',
} as const;

/** Diss and the villages around it, with their centres (to about 100 m). */
export const DEMO_PLACES: DemoPlace[] = [
  { name: 'Diss', lat: 52.3765, lon: 1.1077 },
  { name: 'Roydon', lat: 52.3772, lon: 1.079 },
  { name: 'Palgrave', lat: 52.363, lon: 1.098 },
  { name: 'Scole', lat: 52.3635, lon: 1.157 },
  { name: 'Stuston', lat: 52.359, lon: 1.133 },
  { name: 'Brome', lat: 52.342, lon: 1.139 },
  { name: 'Eye', lat: 52.321, lon: 1.147 },
  { name: 'Burston', lat: 52.408, lon: 1.128 },
  { name: 'Shelfanger', lat: 52.4055, lon: 1.091 },
  { name: 'Bressingham', lat: 52.3855, lon: 1.04 },
  { name: 'Wortham', lat: 52.3555, lon: 1.057 },
  { name: 'Redgrave', lat: 52.363, lon: 1.003 },
  { name: 'Winfarthing', lat: 52.425, lon: 1.098 },
  { name: 'Dickleburgh', lat: 52.396, lon: 1.175 },
  { name: 'Thelveton', lat: 52.383, lon: 1.178 },
  { name: 'Hoxne', lat: 52.349, lon: 1.197 },
  { name: 'Oakley', lat: 52.355, lon: 1.172 },
  { name: 'Harleston', lat: 52.403, lon: 1.299 },
  { name: 'Botesdale', lat: 52.3425, lon: 1.001 },
  { name: 'Pulham Market', lat: 52.4285, lon: 1.2265 },
  { name: 'Gissing', lat: 52.4215, lon: 1.145 },
  { name: 'Fersfield', lat: 52.406, lon: 1.057 },
  { name: 'Mellis', lat: 52.3295, lon: 1.081 },
  { name: 'Thrandeston', lat: 52.348, lon: 1.109 },
  { name: 'Garboldisham', lat: 52.3965, lon: 0.9545 },
];

/** In the order they joined: everyone is vouched for by people who joined before them. */
const DEMO_MEMBERS: DemoMember[] = [...DISS_FIRST_MEMBERS, ...DISS_LATER_MEMBERS];

/** Parents before children. */
const DEMO_GROUPS: DemoGroup[] = [
  {
    slug: 'food',
    name: 'Food',
    parent: 'community',
    joinPolicy: 'open',
    visibility: 'everyone',
    purpose: 'Growing, cooking, sharing and rescuing food around Diss.',
    admins: ['Sue Lambert'],
    members: [
      'Waveney Bakehouse',
      'Goldbrook Farm Shop',
      'Peter Lusher',
      'Priya Shah',
      'Brome Grange Veg',
      'Fen Edge Apiary',
      'Rosie Palmer',
    ],
  },
  {
    slug: 'community-garden',
    name: 'Community Garden',
    parent: 'food',
    joinPolicy: 'request',
    visibility: 'everyone',
    purpose:
      'The garden behind the leisure centre: work parties on Thursdays, harvest shared between volunteers and ' +
      'the food bank.',
    admins: ['Diss Community Garden', 'Sue Lambert'],
    members: ['Grace Okafor', 'Dan Cooper', 'Peter Lusher', 'Jack Nunn'],
    requested: ['Rosie Palmer'],
  },
  {
    slug: 'seed-library',
    name: 'Seed Library',
    parent: 'community-garden',
    joinPolicy: 'open',
    visibility: 'members',
    purpose: 'Borrow seeds in spring, bring back seeds from your harvest in autumn. Local varieties first.',
    admins: ['Grace Okafor'],
    members: ['Sue Lambert', 'Peter Lusher', 'Jack Nunn'],
  },
  {
    slug: 'food-bank-volunteers',
    name: 'Food Bank Volunteers',
    parent: 'food',
    joinPolicy: 'invite',
    visibility: 'group',
    purpose: "Shift rota and collection runs. Members only, because the rota holds people's addresses.",
    admins: ['Diss & District Food Bank', 'Kate Morley'],
    members: [STEWARD, 'Waveney Bakehouse', 'Scole Village Hall'],
  },
  {
    slug: 'transport',
    name: 'Transport',
    parent: 'community',
    joinPolicy: 'open',
    visibility: 'everyone',
    purpose: 'Getting around without everyone needing a car: lifts, bikes, buses.',
    admins: ['Ellie Brooks'],
    members: ['Rob Turner', 'Ben Atkins', 'Tom Fairweather'],
  },
  {
    slug: 'lift-share',
    name: 'Lift Share',
    parent: 'transport',
    joinPolicy: 'request',
    visibility: 'members',
    purpose: 'Regular and one-off lifts between the villages, Diss station and Norwich.',
    admins: ['Ellie Brooks'],
    members: ['Rob Turner', 'Ben Atkins', 'Amy Fisher'],
  },
  {
    slug: 'hospital-lifts',
    name: 'Hospital Lifts',
    parent: 'lift-share',
    joinPolicy: 'invite',
    visibility: 'group',
    purpose: "Drivers who take neighbours to appointments at the Norfolk and Norwich. Kept private for patients' sake.",
    admins: ['Rob Turner'],
    members: ['Ellie Brooks'],
  },
  {
    slug: 'repair',
    name: 'Repair',
    parent: 'community',
    joinPolicy: 'open',
    visibility: 'everyone',
    purpose: 'Fixing instead of throwing away: tools, skills and the monthly Repair Café.',
    admins: ['Diss Repair Café'],
    members: ['Tom Fairweather', 'Dan Cooper', 'Hannah Green', 'Owen Pryce', 'Spokes & Sprockets'],
  },
  {
    slug: 'repair-cafe-volunteers',
    name: 'Repair Café volunteers',
    parent: 'repair',
    joinPolicy: 'request',
    visibility: 'members',
    purpose: 'The fixers, greeters and tea makers of the Repair Café: who comes to which session.',
    admins: ['Diss Repair Café', 'Owen Pryce'],
    members: ['Tom Fairweather', 'Dan Cooper', 'Hannah Green'],
    requested: ['Lewis Chen'],
  },
  {
    slug: 'bike-menders',
    name: 'Bike Menders',
    parent: 'repair-cafe-volunteers',
    joinPolicy: 'open',
    visibility: 'everyone',
    purpose: 'The bike clinic at each Repair Café, with tools lent by Spokes & Sprockets.',
    admins: ['Spokes & Sprockets'],
    members: ['Tom Fairweather', 'Lewis Chen'],
  },
];

/** What people around Diss offer and want; each title is used once per kind, with a number of variations. */
const DISS_LISTINGS: DemoListingsPlan = {
  ideas: {
    food: {
      offer: [
        'Courgettes from the allotment',
        'Free-range eggs',
        'Homemade plum jam',
        'Sourdough starter',
        'Windfall apples',
        'Runner beans',
        'Honey from Roydon hives',
        'Rhubarb crowns',
      ],
      want: [
        'Damsons for jam',
        'Spare vegetable seedlings',
        'Someone to share a veg box',
        'Goose eggs',
        'Elderflowers',
      ],
    },
    goods: {
      offer: [
        'Child’s bike, 16 inch',
        'Box of paperbacks',
        'Oak bookshelf',
        'Wool blankets',
        'Garden bench',
        'Baby clothes 0–6 months',
        'Kitchen chairs (four)',
        'Record player',
      ],
      want: ['Sewing machine', 'Wheelbarrow', 'Cot mattress', 'Jam jars', 'Folding table for the market'],
    },
    services: {
      offer: [
        'Dog walking in the mornings',
        'Ironing',
        'Lifts to the hospital',
        'Computer help for beginners',
        'Hedge trimming',
        'Bookkeeping for small groups',
      ],
      want: [
        'Someone to feed our cats in August',
        'Help clearing a garden',
        'A plumber’s opinion',
        'Chimney sweep recommendation',
      ],
    },
    skills: {
      offer: [
        'Guitar lessons',
        'Sourdough baking class',
        'Knitting circle on Thursdays',
        'Spanish conversation',
        'Bike maintenance basics',
        'Beekeeping taster',
      ],
      want: ['Someone to teach me to drive a tractor', 'Help with CVs', 'Learn to lay a hedge', 'Crochet help'],
    },
    tools: {
      offer: [
        'Lawn mower to lend',
        'Ladder (3 m) to lend',
        'Pressure washer',
        'Tile cutter',
        'Post-hole digger',
        'Chainsaw (with certificate only)',
      ],
      want: ['Carpet cleaner for a day', 'Trailer for a weekend', 'Long-reach pruner', 'Wallpaper steamer'],
    },
    housing: {
      offer: [
        'Room to let near the station',
        'Storage space in a barn',
        'Caravan pitch for the summer',
        'Lodger wanted in Scole',
      ],
      want: ['Small workshop space', 'Room for a student', 'Garage to store a boat'],
    },
    transport: {
      offer: ['Lift to Norwich on Tuesdays', 'School run share', 'Van with driver for moves', 'Lift to Bury market'],
      want: ['Lift to Ipswich on Fridays', 'Someone to collect a sofa from Eye', 'Car share to Harleston'],
    },
    other: {
      offer: ['Allotment plot share', 'Help at the repair café', 'Free range of the orchard for pickers'],
      want: ['Volunteers for the Mere clean-up', 'Old photos of Diss for an exhibition', 'Costumes for the panto'],
    },
  },
  count: 300,
  photos: 12,
  regionalEvery: 4,
  seed: 2026,
};

/** The Diss demo: the default of `marketcross demo`. */
export const DISS: DemoTown = {
  key: 'diss',
  name: 'Diss',
  password: DEMO_PASSWORD,
  community: DEMO_COMMUNITY,
  steward: DEMO_STEWARD,
  places: DEMO_PLACES,
  members: DEMO_MEMBERS,
  groups: DEMO_GROUPS,
  listings: DISS_LISTINGS,
  ledgerTransfers: 210,
};
