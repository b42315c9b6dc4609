import { DEMO_REGION, met, neighbour, PUBLIC_PROFILE, worked, type DemoTown } from './town.js';

/**
 * A smaller demo community in Harleston, Norfolk, 13 km east of Diss down the
 * Waveney, and the villages on both banks. As in the Diss demo the people,
 * businesses and organisations are invented (example.org addresses, Ofcom's
 * 07700 900xxx drama numbers); the places and their coordinates are real.
 */

const STEWARD = 'Alan Brightwell';

export const HARLESTON: DemoTown = {
  key: 'harleston',
  name: 'Harleston',
  password: 'harleston-demo-2026',
  community: {
    community_name: 'PlaNet Harleston',
    region: DEMO_REGION,
    lat: 52.4033,
    lon: 1.2994,
    vouches_required: 2,
    about: 'Harleston and the villages along the Waveney between Brockdish and Homersfield: market-day swaps, lifts, tools and time.',
  },
  steward: {
    name: STEWARD,
    contact: 'alan.brightwell@example.org',
    place: 'Harleston',
    about: 'Retired postman. I keep the swap stall at the Wednesday market and look after this box.',
    values: ['community', 'repair', 'local history'],
    links: [],
  },
  places: [
    { name: 'Harleston', lat: 52.4033, lon: 1.2994 },
    { name: 'Redenhall', lat: 52.3990, lon: 1.3185 },
    { name: 'Starston', lat: 52.4165, lon: 1.2830 },
    { name: 'Needham', lat: 52.3870, lon: 1.2700 },
    { name: 'Weybread', lat: 52.3800, lon: 1.2960 },
    { name: 'Mendham', lat: 52.3977, lon: 1.3376 },
    { name: 'Wortwell', lat: 52.4138, lon: 1.3453 },
    { name: 'Alburgh', lat: 52.4339, lon: 1.3335 },
    { name: 'Homersfield', lat: 52.4180, lon: 1.3590 },
    { name: 'Brockdish', lat: 52.3700, lon: 1.2470 },
    { name: 'Pulham St Mary', lat: 52.4255, lon: 1.2470 },
    { name: 'Pulham Market', lat: 52.4285, lon: 1.2265 },
    { name: 'Metfield', lat: 52.3690, lon: 1.3640 },
    { name: 'Fressingfield', lat: 52.3460, lon: 1.3170 },
  ],
  members: [
    {
      name: 'Harleston Community Fridge', kind: 'organisation', contact: 'fridge@harleston.example.org', place: 'Harleston',
      whyJoin: 'To tell people what is in the fridge and find drivers for collections.',
      about: 'A community fridge behind the library: surplus food from shops and gardens, free to anyone, open every day.',
      values: ['mutual aid', 'zero waste', 'local food'], links: ['https://fridge.harleston.example.org'], visibility: PUBLIC_PROFILE, vouches: [], invitedBy: STEWARD,
    },
    {
      name: 'Pete Garrod', kind: 'person', contact: 'pete.garrod@example.org', place: 'Wortwell',
      whyJoin: 'Alan asked; I mend small engines and electrics.',
      about: 'Retired engineer. Lawn mowers, strimmers, lamps and toasters: bring them round.',
      values: ['repair', 'energy', 'skills sharing'], links: [], vouches: [], invitedBy: STEWARD,
    },
    {
      name: 'Kirsty Moll', kind: 'person', contact: 'kirsty.moll@example.org', place: 'Starston',
      whyJoin: 'Looking for childcare swaps and lifts to Diss.',
      about: 'Teaching assistant in Harleston, two small children, one temperamental car.',
      values: ['families', 'lift share'], links: [], visibility: { name: 'everyone' },
      vouches: [met(STEWARD, 'Regular at the market stall.'), worked('Harleston Community Fridge', 'Drives our Saturday collection.')],
    },
    {
      name: 'Waveney Wheels', kind: 'business', contact: 'shop@waveneywheels.example.org', place: 'Harleston',
      whyJoin: 'Bike repairs, and refurbished bikes for people who need one.',
      about: 'Bike workshop on the Thoroughfare: repairs, second-hand bikes and a free safety check on market day.',
      values: ['cycling', 'repair', 'reuse'], links: ['https://waveneywheels.example.org'], visibility: PUBLIC_PROFILE,
      vouches: [worked('Pete Garrod', 'I help in the workshop on Mondays.'), met('Kirsty Moll', 'Fixed our trailer bike.')],
    },
    {
      name: 'Redenhall Orchard', kind: 'business', contact: '07700 900301', place: 'Redenhall',
      whyJoin: 'Apples, juice and cider vinegar; we take windfalls in swap for juice.',
      about: 'Old orchard by the church: forty varieties of apple, pressed into juice in October.',
      values: ['local food', 'zero waste', 'biodiversity'], links: [], visibility: PUBLIC_PROFILE,
      vouches: [worked('Harleston Community Fridge', 'Gives us juice for the fridge.'), neighbour(STEWARD, 'Just down the road from me.')],
    },
    {
      name: 'Aisha Rahman', kind: 'person', contact: 'aisha.rahman@example.org', place: 'Pulham Market',
      whyJoin: 'I bake and would like to sell bread and teach a class.',
      about: 'Home baker: sourdough, naan and cakes to order. Teaches bread-making at the village hall.',
      values: ['local food', 'skills sharing'], links: [], visibility: { about: 'everyone', values: 'everyone' },
      vouches: [met('Kirsty Moll', 'Our children go to the same club.'), worked('Redenhall Orchard', 'Bakes with our apples.')],
    },
    {
      name: 'Mendham Meadow Volunteers', kind: 'organisation', contact: 'meadow@mendham.example.org', place: 'Mendham',
      whyJoin: 'Finding volunteers for work parties on the marshes.',
      about: 'Work parties on the Mendham marshes: scything, hedge laying and counting orchids. Tools and tea provided.',
      values: ['biodiversity', 'conservation'], links: ['https://meadow.mendham.example.org'], visibility: PUBLIC_PROFILE,
      vouches: [worked('Pete Garrod', 'Keeps our brush cutter going.'), met('Redenhall Orchard', 'Neighbours across the river.')],
    },
    {
      name: 'Joe Tallent', kind: 'person', contact: 'joe.tallent@example.org', place: 'Alburgh',
      whyJoin: 'Woodworker; happy to make and mend, and to help at the Repair Café.',
      about: 'Green woodworker: stools, spoons and gates from local ash and oak.',
      values: ['woodwork', 'repair', 'conservation'], links: ['https://joetallent.example.org'], visibility: { links: 'everyone' },
      vouches: [worked('Mendham Meadow Volunteers', 'Runs our hedge-laying days.'), met('Waveney Wheels', 'Built our workshop benches.')],
    },
    {
      name: 'Harleston Repair Café', kind: 'organisation', contact: 'repair@harleston.example.org', place: 'Harleston',
      whyJoin: 'To find fixers and tell people about our sessions.',
      about: 'Third Saturday of the month in the Jubilee Hall: bring it broken, take it home fixed.',
      values: ['repair', 'zero waste', 'skills sharing'], links: ['https://repaircafe.harleston.example.org'], visibility: PUBLIC_PROFILE,
      vouches: [worked('Pete Garrod', 'Small-engine table.'), worked('Joe Tallent', 'Furniture table.')], invitedBy: 'Pete Garrod',
    },
    {
      name: 'Beth Cullum', kind: 'person', contact: 'beth.cullum@example.org', place: 'Brockdish',
      whyJoin: 'I paddle on the Waveney and would like to share boats and lifts.',
      about: '',
      values: ['lift share'], links: [], status: 'pending',
      vouches: [met('Kirsty Moll', 'Met at the canoe launch on Brockdish common.')],
    },
  ],
  groups: [
    {
      slug: 'food', name: 'Food', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
      purpose: 'Sharing and rescuing food around Harleston.',
      admins: ['Harleston Community Fridge'], members: ['Redenhall Orchard', 'Aisha Rahman', 'Kirsty Moll', STEWARD],
    },
    {
      slug: 'repair', name: 'Repair', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
      purpose: 'The Repair Café, and neighbours who fix things.',
      admins: ['Harleston Repair Café'], members: ['Pete Garrod', 'Joe Tallent', 'Waveney Wheels'],
    },
    {
      slug: 'repair-volunteers', name: 'Repair Café volunteers', parent: 'repair', joinPolicy: 'request', visibility: 'members',
      purpose: 'Who comes to which session, and what needs a part ordering.',
      admins: ['Harleston Repair Café'], members: ['Pete Garrod', 'Joe Tallent'],
    },
    {
      slug: 'meadows', name: 'Meadows', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
      purpose: 'Looking after the Waveney meadows and marshes.',
      admins: ['Mendham Meadow Volunteers'], members: ['Joe Tallent', 'Pete Garrod'],
    },
  ],
  listings: {
    ideas: {
      food: {
        offer: ['Apple juice from Redenhall', 'Sourdough loaves', 'Eggs from Starston', 'Windfall apples', 'Courgettes'],
        want: ['Crab apples for jelly', 'Someone to share a veg box', 'Elderflowers'],
      },
      goods: {
        offer: ['Canoe paddles (two)', 'Child’s bike, 20 inch', 'Oak gate', 'Box of LPs', 'Cot and mattress'],
        want: ['Wheelbarrow', 'Folding table for the market', 'Jam jars'],
      },
      services: {
        offer: ['Small-engine repairs', 'Ironing', 'Lifts to the hospital', 'Hedge cutting'],
        want: ['Someone to feed the hens in August', 'Help moving a piano'],
      },
      skills: {
        offer: ['Bread-making class', 'Spoon carving', 'Scything on the marshes', 'Bike maintenance basics'],
        want: ['Learn to lay a hedge', 'Help with a CV'],
      },
      tools: {
        offer: ['Brush cutter to lend', 'Cider press to share', 'Ladder to lend'],
        want: ['Trailer for a weekend', 'Log splitter'],
      },
      housing: {
        offer: ['Room to let off the Thoroughfare', 'Barn space for storage'],
        want: ['Small workshop space'],
      },
      transport: {
        offer: ['Lift to Diss station mornings', 'Lift to Norwich on Wednesdays'],
        want: ['Lift to Bungay on Thursdays', 'Someone to collect a dresser from Eye'],
      },
      other: {
        offer: ['Help at the Repair Café', 'Pick your own apples'],
        want: ['Volunteers for the marsh work party', 'Old photos of Harleston market'],
      },
    },
    count: 50,
    photos: 3,
    regionalEvery: 2,
    seed: 2028,
  },
  ledgerTransfers: 60,
};
