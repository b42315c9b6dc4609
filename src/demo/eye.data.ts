import { DEMO_REGION, met, neighbour, PUBLIC_PROFILE, worked, type DemoTown } from './town.js';

/**
 * A smaller demo community in Eye, Suffolk, 6 km south of Diss across the
 * Waveney, and the villages around it. As in the Diss demo the people,
 * businesses and organisations are invented (example.org addresses, Ofcom's
 * 07700 900xxx drama numbers); the places and their coordinates are real.
 */

const STEWARD = 'Ruth Mallows';

export const EYE: DemoTown = {
  key: 'eye',
  name: 'Eye',
  password: 'eye-demo-2026',
  community: {
    community_name: 'PlaNet Eye',
    region: DEMO_REGION,
    lat: 52.3206,
    lon: 1.1477,
    vouches_required: 2,
    about: 'Neighbours, growers and makers in Eye and the villages of the Dove valley, swapping, lending and helping each other out.',
  },
  steward: {
    name: STEWARD,
    contact: 'ruth.mallows@example.org',
    place: 'Eye',
    about: 'Retired district nurse. I set up this box after seeing the one at No 8 Marketplace in Diss, and run the Tuesday drop-in at the Town Hall.',
    values: ['community', 'local food', 'mutual aid'],
    links: [],
  },
  places: [
    { name: 'Eye', lat: 52.3206, lon: 1.1477 },
    { name: 'Brome', lat: 52.3420, lon: 1.1390 },
    { name: 'Yaxley', lat: 52.3222, lon: 1.1108 },
    { name: 'Braiseworth', lat: 52.3085, lon: 1.1340 },
    { name: 'Occold', lat: 52.2885, lon: 1.1537 },
    { name: 'Thornham Magna', lat: 52.3000, lon: 1.0830 },
    { name: 'Thorndon', lat: 52.2830, lon: 1.1280 },
    { name: 'Redlingfield', lat: 52.3050, lon: 1.1880 },
    { name: 'Hoxne', lat: 52.3490, lon: 1.1970 },
    { name: 'Oakley', lat: 52.3550, lon: 1.1720 },
    { name: 'Thrandeston', lat: 52.3480, lon: 1.1090 },
    { name: 'Mellis', lat: 52.3295, lon: 1.0810 },
    { name: 'Horham', lat: 52.3050, lon: 1.2490 },
    { name: 'Stradbroke', lat: 52.3180, lon: 1.2750 },
  ],
  members: [
    {
      name: 'Colin Page', kind: 'person', contact: 'colin.page@example.org', place: 'Yaxley',
      whyJoin: 'Ruth asked me to help get the box going; I can fix most things made of wood.',
      about: 'Joiner, forty years in the trade. Happy to show anyone how to sharpen a chisel.',
      values: ['repair', 'woodwork', 'reuse'], links: [], vouches: [], invitedBy: STEWARD,
    },
    {
      name: 'Eye Community Larder', kind: 'organisation', contact: 'larder@eye.example.org', place: 'Eye',
      whyJoin: 'To share surplus food from the shops and gardens before it goes to waste.',
      about: 'A community larder in the Town Hall on Tuesdays and Fridays: surplus food from shops, farms and gardens, free to anyone who needs it.',
      values: ['mutual aid', 'local food', 'zero waste'], links: ['https://larder.eye.example.org'], visibility: PUBLIC_PROFILE, vouches: [], invitedBy: STEWARD,
    },
    {
      name: 'Lucy Barker', kind: 'person', contact: 'lucy.barker@example.org', place: 'Occold',
      whyJoin: 'Volunteer at the larder; I have hens and too many eggs.',
      about: 'Keeps hens and a big veg patch in Occold. Volunteer at the larder on Fridays.',
      values: ['local food', 'gardening', 'mutual aid'], links: [], visibility: { name: 'everyone' },
      vouches: [met(STEWARD, 'Volunteers at the Tuesday drop-in.'), worked('Eye Community Larder', 'Friday shift at the larder.')],
    },
    {
      name: 'Dove Valley Growers', kind: 'business', contact: 'veg@dovevalley.example.org', place: 'Thornham Magna',
      whyJoin: 'Selling veg boxes locally and giving our seconds to the larder.',
      about: 'A small market garden by the River Dove: salad, roots and soft fruit grown without chemicals. Veg boxes on Thursdays.',
      values: ['organic', 'local food', 'biodiversity'], links: ['https://dovevalley.example.org'], visibility: PUBLIC_PROFILE,
      vouches: [worked('Eye Community Larder', 'Gives us its seconds every week.'), met('Lucy Barker', 'I buy their box.')],
    },
    {
      name: 'Sam Okoye', kind: 'person', contact: 'sam.okoye@example.org', place: 'Eye',
      whyJoin: 'I fix bikes and want to run a bike clinic.',
      about: 'Cycles to work in Diss every day. Fixes punctures, gears and brakes for a cup of tea.',
      values: ['cycling', 'repair'], links: [],
      vouches: [neighbour(STEWARD, 'Lives across Lowgate Street from me.'), met('Colin Page', 'Helped at the Town Hall fair.')],
    },
    {
      name: 'Hoxne Honey', kind: 'business', contact: '07700 900201', place: 'Hoxne',
      whyJoin: 'Raw honey and wax, and swarm collection for neighbours.',
      about: 'Twenty hives along the Waveney meadows. Raw honey, beeswax and candles; swarms collected free.',
      values: ['bees', 'local food', 'biodiversity'], links: [], visibility: PUBLIC_PROFILE,
      vouches: [worked('Dove Valley Growers', 'Their bees pollinate our fruit.'), met('Lucy Barker', 'Sells at the Saturday stall.')],
    },
    {
      name: 'Megan Doyle', kind: 'person', contact: 'megan.doyle@example.org', place: 'Brome',
      whyJoin: 'Looking for a sewing group and lifts to Diss.',
      about: 'Dressmaker, mends and alters. Two children at the primary school.',
      values: ['sewing', 'repair', 'families'], links: [], visibility: { about: 'everyone' },
      vouches: [met('Sam Okoye', 'Our kids are in the same class.'), met(STEWARD, 'Came to the drop-in.')],
    },
    {
      name: 'Eye Repair Café', kind: 'organisation', contact: 'repair@eye.example.org', place: 'Eye',
      whyJoin: 'To find fixers and let people know about our sessions.',
      about: 'Second Saturday of the month at the Town Hall: bring what is broken and fix it with our volunteers.',
      values: ['repair', 'zero waste', 'skills sharing'], links: ['https://repaircafe.eye.example.org'], visibility: PUBLIC_PROFILE,
      vouches: [worked('Colin Page', 'Furniture fixer at every session.'), worked('Megan Doyle', 'Our textile table.')], invitedBy: 'Colin Page',
    },
    {
      name: 'Tariq Hussain', kind: 'person', contact: 'tariq.hussain@example.org', place: 'Horham',
      whyJoin: 'Need lifts to Diss station; can help with computers.',
      about: 'Works from home in IT. No car; happy to set up laptops and phones for neighbours.',
      values: ['digital skills', 'lift share'], links: [],
      vouches: [met('Sam Okoye', 'We ride to Diss together.'), worked('Eye Repair Café', 'Runs our laptop table.')],
    },
    {
      name: 'Jenny Ward', kind: 'person', contact: 'jenny.ward@example.org', place: 'Braiseworth',
      whyJoin: 'I grow cut flowers and would like to swap plants and join the lift share.',
      about: '',
      values: ['gardening'], links: [], status: 'pending',
      vouches: [neighbour('Megan Doyle', 'Lives up the lane from my mum.')],
    },
  ],
  groups: [
    {
      slug: 'food', name: 'Food', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
      purpose: 'Growing, sharing and rescuing food around Eye.',
      admins: ['Eye Community Larder'], members: ['Lucy Barker', 'Dove Valley Growers', 'Hoxne Honey', STEWARD],
    },
    {
      slug: 'larder-volunteers', name: 'Larder volunteers', parent: 'food', joinPolicy: 'invite', visibility: 'group',
      purpose: 'The rota for the larder: who collects from which shop, and who opens up.',
      admins: ['Eye Community Larder'], members: ['Lucy Barker', STEWARD],
    },
    {
      slug: 'repair', name: 'Repair', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
      purpose: 'Fixing instead of throwing away: the Repair Café, tools and skills.',
      admins: ['Eye Repair Café'], members: ['Colin Page', 'Sam Okoye', 'Megan Doyle', 'Tariq Hussain'],
    },
    {
      slug: 'lift-share', name: 'Lift Share', parent: 'community', joinPolicy: 'request', visibility: 'members',
      purpose: 'Lifts between the villages, Eye and Diss station.',
      admins: ['Sam Okoye'], members: ['Tariq Hussain', 'Megan Doyle'],
    },
  ],
  listings: {
    ideas: {
      food: {
        offer: ['Eggs from Occold hens', 'Honey from Hoxne', 'Salad bags from Thornham', 'Bramley apples', 'Rhubarb', 'Damson jam'],
        want: ['Plums for jam', 'Someone to share a veg box', 'Seed potatoes'],
      },
      goods: {
        offer: ['Child’s scooter', 'Box of jigsaws', 'Pine dresser', 'Pushchair', 'Garden chairs (two)'],
        want: ['Sewing machine', 'Wheelbarrow', 'Jam jars'],
      },
      services: {
        offer: ['Dog walking around Eye', 'Laptop set-up and help', 'Alterations and hems', 'Grass cutting'],
        want: ['Someone to water the greenhouse in August', 'Help clearing a garden'],
      },
      skills: {
        offer: ['Puncture repair lesson', 'Chisel sharpening', 'Beekeeping taster at Hoxne', 'Sewing for beginners'],
        want: ['Learn to prune fruit trees', 'Help with a CV'],
      },
      tools: {
        offer: ['Hedge trimmer to lend', 'Ladder to lend', 'Workbench and clamps'],
        want: ['Rotavator for a weekend', 'Long-reach pruner'],
      },
      housing: {
        offer: ['Room to let near the Town Hall', 'Shed space for storage'],
        want: ['Small workshop space near Eye'],
      },
      transport: {
        offer: ['Lift to Diss station weekdays', 'Lift to Stradbroke pool on Saturdays'],
        want: ['Lift to Ipswich on Fridays', 'Someone to collect a sofa from Diss'],
      },
      other: {
        offer: ['Help at the Repair Café', 'Windfall apples for pickers'],
        want: ['Volunteers for the larder', 'Old photos of Eye for the Town Hall'],
      },
    },
    count: 50,
    photos: 3,
    regionalEvery: 2,
    seed: 2027,
  },
  ledgerTransfers: 60,
};
