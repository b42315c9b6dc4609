import { DEMO_REGION, met, neighbour, other, PUBLIC_PROFILE, worked, type DemoGroup, type DemoListingsPlan, type DemoMember, type DemoPlace, type DemoTown } from './town.js';

/**
 * The demo community: PlaNet Diss, around No 8 Marketplace in Diss, Norfolk,
 * and the villages on both sides of the Waveney. The people, businesses and
 * organisations are invented (addresses and phone numbers are from reserved
 * ranges: example.org, Ofcom's 07700 900xxx drama numbers); the places are real.
 */

export type { DemoGroup, DemoMember, DemoVouch } from './town.js';

/** Shown in every demo sign-in hint: it is a demo, so the password is no secret. */
export const DEMO_PASSWORD = 'diss-demo-2026';

export const DEMO_COMMUNITY = {
  community_name: 'PlaNet Diss',
  region: DEMO_REGION,
  lat: 52.3765,
  lon: 1.1077,
  vouches_required: 2,
  about: 'Neighbours, makers, growers and organisations in and around Diss, trading locally and looking after each other.',
} as const;

/** Diss and the villages around it, with their centres (to about 100 m). */
export const DEMO_PLACES: DemoPlace[] = [
  { name: 'Diss', lat: 52.3765, lon: 1.1077 },
  { name: 'Roydon', lat: 52.3772, lon: 1.0790 },
  { name: 'Palgrave', lat: 52.3630, lon: 1.0980 },
  { name: 'Scole', lat: 52.3635, lon: 1.1570 },
  { name: 'Stuston', lat: 52.3590, lon: 1.1330 },
  { name: 'Brome', lat: 52.3420, lon: 1.1390 },
  { name: 'Eye', lat: 52.3210, lon: 1.1470 },
  { name: 'Burston', lat: 52.4080, lon: 1.1280 },
  { name: 'Shelfanger', lat: 52.4055, lon: 1.0910 },
  { name: 'Bressingham', lat: 52.3855, lon: 1.0400 },
  { name: 'Wortham', lat: 52.3555, lon: 1.0570 },
  { name: 'Redgrave', lat: 52.3630, lon: 1.0030 },
  { name: 'Winfarthing', lat: 52.4250, lon: 1.0980 },
  { name: 'Dickleburgh', lat: 52.3960, lon: 1.1750 },
  { name: 'Thelveton', lat: 52.3830, lon: 1.1780 },
  { name: 'Hoxne', lat: 52.3490, lon: 1.1970 },
  { name: 'Oakley', lat: 52.3550, lon: 1.1720 },
  { name: 'Harleston', lat: 52.4030, lon: 1.2990 },
  { name: 'Botesdale', lat: 52.3425, lon: 1.0010 },
  { name: 'Pulham Market', lat: 52.4285, lon: 1.2265 },
  { name: 'Gissing', lat: 52.4215, lon: 1.1450 },
  { name: 'Fersfield', lat: 52.4060, lon: 1.0570 },
  { name: 'Mellis', lat: 52.3295, lon: 1.0810 },
  { name: 'Thrandeston', lat: 52.3480, lon: 1.1090 },
  { name: 'Garboldisham', lat: 52.3965, lon: 0.9545 },
];

/** The first steward: the one the demo prints the sign-in for. */
export const DEMO_STEWARD = {
  name: 'Maggie Hart',
  contact: 'maggie@example.org',
  place: 'Diss',
  about: 'Retired teacher. I run the Saturday swap table at No 8 Marketplace and look after this box.',
  values: ['community', 'local food', 'repair'],
  links: [] as string[],
};

const STEWARD = DEMO_STEWARD.name;

/** In the order they joined: everyone is vouched for by people who joined before them. */
export const DEMO_MEMBERS: DemoMember[] = [
  {
    name: 'Tom Fairweather', kind: 'person', contact: 'tom.fairweather@example.org', place: 'Roydon',
    whyJoin: 'I fix bikes in my shed and want to do more of it for neighbours.',
    about: 'Cycles everywhere, mends most things with a spoke key. Happy to teach puncture repair.',
    values: ['repair', 'cycling', 'zero waste'], links: [], vouches: [], invitedBy: STEWARD,
  },
  {
    name: 'Sue Lambert', kind: 'person', contact: '07700 900101', place: 'Bressingham',
    whyJoin: 'I coordinate the community garden and want a better way to reach volunteers.',
    about: 'Grower, seed saver, compost evangelist. Ask me about heritage tomatoes.',
    values: ['organic', 'local food', 'seed saving'], links: [], visibility: { about: 'everyone', values: 'everyone' }, vouches: [], invitedBy: STEWARD,
  },
  {
    name: 'Diss Community Garden', kind: 'organisation', contact: 'garden@example.org', place: 'Diss',
    whyJoin: 'To find volunteers and share our harvests with members.',
    about: 'A volunteer-run garden behind the leisure centre: raised beds, an orchard, a polytunnel and Thursday work parties. Everyone welcome, no experience needed.',
    values: ['organic', 'local food', 'community', 'biodiversity'], links: ['https://garden.diss.example.org'], visibility: PUBLIC_PROFILE, vouches: [], invitedBy: 'Sue Lambert',
  },
  {
    name: 'Priya Shah', kind: 'person', contact: 'priya.shah@example.org', place: 'Diss',
    whyJoin: 'Maggie told me about it at the swap table.',
    about: 'Pharmacist, zero waste beginner, makes a mean dal. Two kids at the junior school.',
    values: ['zero waste', 'families'], links: [], visibility: { name: 'everyone' },
    vouches: [met(STEWARD, 'Regular at the swap table since 2024.'), neighbour('Tom Fairweather', 'Lives two doors from my sister on Mount Street.')],
  },
  {
    name: 'Waveney Bakehouse', kind: 'business', contact: 'hello@waveneybakehouse.example.org', place: 'Diss',
    whyJoin: 'We want to sell our day-old bread locally instead of wasting it.',
    about: 'Sourdough and rye baked overnight on Mere Street with flour from Norfolk mills. Day-old loaves half price for members, leftovers to the food bank.',
    values: ['local food', 'zero waste', 'organic'], links: ['https://waveneybakehouse.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Sue Lambert', 'Takes our spare rhubarb and pays in bread.'), met(STEWARD, 'Known them since they opened.')], invitedBy: 'Sue Lambert',
  },
  {
    name: 'Spokes & Sprockets', kind: 'business', contact: 'workshop@spokes.example.org', place: 'Diss',
    whyJoin: 'Bike repairs, and we run the bike clinic at the Repair Café.',
    about: 'Bike repair and refurbished second-hand bikes near the station. Free safety checks on the first Saturday of the month.',
    values: ['repair', 'cycling', 'reuse'], links: ['https://spokes.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Tom Fairweather', 'I help out in the workshop on Wednesdays.'), met('Priya Shah', 'Fixed both of my kids\' bikes.')], invitedBy: 'Tom Fairweather',
  },
  {
    name: 'Dan Cooper', kind: 'person', contact: 'dan.cooper@example.org', place: 'Palgrave',
    whyJoin: 'Carpenter, happy to help with repairs and teach.',
    about: 'Joiner by trade. I build raised beds and benches from reclaimed timber.',
    values: ['repair', 'reuse', 'woodwork'], links: [], visibility: { location: 'me' },
    vouches: [worked('Diss Community Garden', 'Built our raised beds.'), worked('Sue Lambert', 'Built the polytunnel frame with us.')],
  },
  {
    name: 'Diss Repair Café', kind: 'organisation', contact: 'repaircafe@example.org', place: 'Diss',
    whyJoin: 'To organise fixers and let people book repairs.',
    about: 'Bring your broken toasters, torn jeans and wobbly chairs to the Corn Hall on the last Saturday of the month. Volunteers fix them with you, for free.',
    values: ['repair', 'zero waste', 'skills sharing'], links: ['https://repaircafe.diss.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Tom Fairweather', 'Bike fixer at every session.'), worked('Dan Cooper', 'I fix furniture there.')], invitedBy: 'Tom Fairweather',
  },
  {
    name: 'Ellie Brooks', kind: 'person', contact: 'ellie.brooks@example.org', place: 'Scole',
    whyJoin: 'I drive to Diss every day and have spare seats.',
    about: 'Nurse on early shifts. Offering lifts Scole → Diss most mornings.',
    values: ['lift share', 'community'], links: [],
    vouches: [neighbour('Priya Shah', 'Our children are in the same class.'), met(STEWARD, 'Met at the Christmas market stall.')],
  },
  {
    name: 'Goldbrook Farm Shop', kind: 'business', contact: 'shop@goldbrookfarm.example.org', place: 'Hoxne',
    whyJoin: 'Selling our veg, eggs and lamb to neighbours.',
    about: 'Family farm by the Goldbrook: seasonal veg boxes, free-range eggs, lamb and honey. Open Thursday to Saturday; members can pay in local currency soon.',
    values: ['local food', 'organic', 'farming'], links: ['https://goldbrookfarm.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Waveney Bakehouse', 'We swap bread for eggs every week.'), met('Sue Lambert', 'Supplies seedlings to the garden.')],
  },
  {
    name: 'Diss & District Food Bank', kind: 'organisation', contact: 'foodbank@example.org', place: 'Diss',
    whyJoin: 'To coordinate collections and volunteers.',
    about: 'Emergency food parcels for anyone in Diss and the villages, no questions asked. Drop-off points at the bakery and the farm shop.',
    values: ['community', 'local food', 'mutual aid'], links: ['https://foodbank.diss.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Waveney Bakehouse', 'We give them our leftover bread every evening.'), worked(STEWARD, 'I volunteered there for three years.')],
  },
  {
    name: 'Rob Turner', kind: 'person', contact: 'rob.turner@example.org', place: 'Burston',
    whyJoin: 'Heard about the lift share from Ellie.',
    about: 'Retired lorry driver, local history buff (ask me about the Burston Strike School).',
    values: ['local history', 'lift share'], links: [],
    vouches: [met('Ellie Brooks', 'Shares my lift to the hospital.'), met(STEWARD, 'Gave a talk at the library.')], invitedBy: 'Ellie Brooks',
  },
  {
    name: 'Mick Howlett', kind: 'person', contact: '07700 900102', place: 'Dickleburgh',
    whyJoin: 'Beekeeper, want to sell honey and swap tools.',
    about: 'Twelve hives on the edge of the common. Honey in season, swarms collected for free.',
    values: ['bees', 'local food', 'biodiversity'], links: [], visibility: { contact: 'members' },
    vouches: [worked('Goldbrook Farm Shop', 'Sells his honey in our shop.'), neighbour('Rob Turner', 'We are on the same lane.')],
  },
  {
    name: 'Hannah Green', kind: 'person', contact: 'hannah.green@example.org', place: 'Eye',
    whyJoin: 'Looking for a sewing group and a place to swap kids\' clothes.',
    about: 'Seamstress and mum of three. I mend clothes at the Repair Café.',
    values: ['repair', 'sewing', 'zero waste'], links: ['https://mending.example.org/hannah'], visibility: { links: 'everyone' },
    vouches: [worked('Diss Repair Café', 'Our textile fixer.'), met('Priya Shah', 'Met at the school gate.')],
  },
  {
    name: 'Mere Street Refill', kind: 'business', contact: 'refill@example.org', place: 'Diss',
    whyJoin: 'A zero waste shop wants to be where the community is.',
    about: 'Bring your own jars: dried goods, oils, cleaning liquids and toiletries by weight, a minute from the Mere.',
    values: ['zero waste', 'organic', 'plastic free'], links: ['https://merestreetrefill.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Waveney Bakehouse', 'Our neighbours on Mere Street.'), met('Priya Shah', 'I shop there every week.')],
  },
  {
    name: 'Owen Pryce', kind: 'person', contact: 'owen.pryce@example.org', place: 'Harleston',
    whyJoin: 'Electrician, want to help at the Repair Café.',
    about: 'Electrician, PAT tester, solar panel tinkerer.',
    values: ['repair', 'energy', 'skills sharing'], links: [],
    vouches: [worked('Diss Repair Café', 'Tests every appliance we fix.'), worked('Dan Cooper', 'We have worked on jobs together.')],
  },
  {
    name: 'Grace Okafor', kind: 'person', contact: 'grace.okafor@example.org', place: 'Wortham',
    whyJoin: 'I want to start a seed library.',
    about: 'Horticulture student. Saving seeds of local varieties before they vanish.',
    values: ['seed saving', 'organic', 'biodiversity'], links: [], visibility: { name: 'everyone', values: 'everyone' },
    vouches: [worked('Sue Lambert', 'Volunteers at the garden every Thursday.'), worked('Diss Community Garden', 'Runs our seed swap.')], invitedBy: 'Sue Lambert',
  },
  {
    name: 'Ben Atkins', kind: 'person', contact: 'ben.atkins@example.org', place: 'Shelfanger',
    whyJoin: 'Need lifts to Norwich for work twice a week.',
    about: 'Software tester, no car by choice. Can offer help with computers in return.',
    values: ['lift share', 'digital skills'], links: [], visibility: { location: 'me', about: 'members' },
    vouches: [met('Ellie Brooks', 'Rides with me on Tuesdays.'), neighbour('Rob Turner', 'Lives at the end of our road.')],
  },
  {
    name: 'Kate Morley', kind: 'person', contact: 'kate.morley@example.org', place: 'Hoxne',
    whyJoin: 'Volunteer at the food bank, want to help coordinate.',
    about: 'Food bank volunteer and parish councillor.',
    values: ['mutual aid', 'community'], links: [],
    vouches: [worked('Diss & District Food Bank', 'Our Tuesday shift lead.'), neighbour('Goldbrook Farm Shop', 'Lives just up the road from the farm.')],
  },
  {
    name: 'Lewis Chen', kind: 'person', contact: 'lewis.chen@example.org', place: 'Stuston',
    whyJoin: 'Keen cyclist looking to help with bike repairs.',
    about: 'Weekend cyclist. Learning to true wheels at Spokes & Sprockets.',
    values: ['cycling', 'repair'], links: [],
    vouches: [worked('Spokes & Sprockets', 'Volunteers in the workshop.'), met('Tom Fairweather', 'Rides with the Saturday group.')], invitedBy: 'Spokes & Sprockets',
  },
  {
    name: 'Rosie Palmer', kind: 'person', contact: 'rosie.palmer@example.org', place: 'Winfarthing',
    whyJoin: 'Want to find local food and meet people after moving here.',
    about: 'New to Winfarthing, moved from London in the spring. Potter; small workshop in the garden.',
    values: ['crafts', 'local food'], links: ['https://rosiepots.example.org'], visibility: { links: 'everyone' },
    vouches: [met('Hannah Green', 'Met at the craft fair in the Corn Hall.'), met('Mere Street Refill', 'A regular customer.')],
  },
  {
    name: 'Jack Nunn', kind: 'person', contact: 'jack.nunn@example.org', place: 'Redgrave',
    whyJoin: 'Volunteer warden at Redgrave and Lopham Fen.',
    about: 'Volunteer on the fen: hedge laying, scything, counting raft spiders.',
    values: ['biodiversity', 'conservation'], links: [],
    vouches: [worked('Grace Okafor', 'We did the fen work party together.'), met('Mick Howlett', 'Helped me move hives.')],
  },
  {
    name: 'Amy Fisher', kind: 'person', contact: 'amy.fisher@example.org', place: 'Gissing',
    whyJoin: 'Looking for childcare swaps and lifts.',
    about: 'Part-time teaching assistant, two toddlers, one very old Volvo.',
    values: ['families', 'lift share'], links: [], visibility: { location: 'me' },
    vouches: [neighbour('Ben Atkins', 'We share a fence.'), met('Ellie Brooks', 'Fellow school-run parent.')],
  },
  {
    name: 'Peter Lusher', kind: 'person', contact: 'peter.lusher@example.org', place: 'Pulham Market',
    whyJoin: 'Offering my allotment surplus.',
    about: 'Allotment holder for forty years. Too many courgettes every August.',
    values: ['local food', 'gardening'], links: [],
    vouches: [met('Sue Lambert', 'Gives seedlings to the garden.'), met('Goldbrook Farm Shop', 'Buys our manure.')],
  },
  {
    name: 'Fen Edge Apiary', kind: 'business', contact: 'honey@fenedge.example.org', place: 'Roydon',
    whyJoin: 'Raw honey, beeswax wraps and candles.',
    about: 'Raw local honey, beeswax food wraps and candles. Hive tours in summer.',
    values: ['bees', 'zero waste', 'local food'], links: ['https://fenedge.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Mick Howlett', 'I mentored them when they started.'), worked('Mere Street Refill', 'We stock their wraps.')],
  },
  {
    name: 'Brome Grange Veg', kind: 'business', contact: 'veg@bromegrange.example.org', place: 'Brome',
    whyJoin: 'Veg boxes delivered by bike in Diss.',
    about: 'Market garden growing without chemicals. Weekly veg boxes, delivered by cargo bike in Diss.',
    values: ['organic', 'local food', 'cycling'], links: ['https://bromegrange.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [worked('Spokes & Sprockets', 'We maintain their cargo bikes.'), worked('Goldbrook Farm Shop', 'We share a stall at the market.')],
  },
  {
    name: 'Scole Village Hall', kind: 'organisation', contact: 'hall@scole.example.org', place: 'Scole',
    whyJoin: 'Letting the hall to community groups.',
    about: 'The village hall: bookable for groups, home of the Wednesday lunch club and the Scole pantry.',
    values: ['community', 'mutual aid'], links: ['https://scolehall.example.org'], visibility: PUBLIC_PROFILE,
    vouches: [neighbour('Ellie Brooks', 'I am on the hall committee.'), worked('Diss & District Food Bank', 'Hosts our village collection point.')],
  },
  {
    name: 'Gavin Smyth', kind: 'person', contact: 'gavin.smyth@example.org', place: 'Botesdale',
    whyJoin: 'Selling things.',
    about: '',
    values: [], links: [], status: 'suspended', reason: 'Posted the same advert in every group after two reminders; suspended until we talk.',
    vouches: [met('Ben Atkins', 'Met at a car boot sale.'), other('Rob Turner', 'Knows him from the pub quiz team.')],
  },
  {
    name: 'Nina Foster', kind: 'person', contact: 'nina.foster@example.org', place: 'Botesdale',
    whyJoin: 'I run the toddler group in Botesdale and would like to join the childcare swaps and the lift share.',
    about: '',
    values: ['families'], links: [], status: 'pending',
    vouches: [met('Amy Fisher', 'Our toddlers go to the same group.')],
  },
  {
    name: 'Oakley Orchard Cider', kind: 'business', contact: 'cider@oakleyorchard.example.org', place: 'Oakley',
    whyJoin: 'Small cider maker; we would take windfall apples from members in exchange for cider.',
    about: '',
    values: ['local food', 'zero waste'], links: [], status: 'pending',
    vouches: [worked('Goldbrook Farm Shop', 'We sell their cider.')],
  },
];

/** Parents before children. */
export const DEMO_GROUPS: DemoGroup[] = [
  {
    slug: 'food', name: 'Food', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
    purpose: 'Growing, cooking, sharing and rescuing food around Diss.',
    admins: ['Sue Lambert'], members: ['Waveney Bakehouse', 'Goldbrook Farm Shop', 'Peter Lusher', 'Priya Shah', 'Brome Grange Veg', 'Fen Edge Apiary', 'Rosie Palmer'],
  },
  {
    slug: 'community-garden', name: 'Community Garden', parent: 'food', joinPolicy: 'request', visibility: 'everyone',
    purpose: 'The garden behind the leisure centre: work parties on Thursdays, harvest shared between volunteers and the food bank.',
    admins: ['Diss Community Garden', 'Sue Lambert'], members: ['Grace Okafor', 'Dan Cooper', 'Peter Lusher', 'Jack Nunn'], requested: ['Rosie Palmer'],
  },
  {
    slug: 'seed-library', name: 'Seed Library', parent: 'community-garden', joinPolicy: 'open', visibility: 'members',
    purpose: 'Borrow seeds in spring, bring back seeds from your harvest in autumn. Local varieties first.',
    admins: ['Grace Okafor'], members: ['Sue Lambert', 'Peter Lusher', 'Jack Nunn'],
  },
  {
    slug: 'food-bank-volunteers', name: 'Food Bank Volunteers', parent: 'food', joinPolicy: 'invite', visibility: 'group',
    purpose: 'Shift rota and collection runs. Members only, because the rota holds people\'s addresses.',
    admins: ['Diss & District Food Bank', 'Kate Morley'], members: [STEWARD, 'Waveney Bakehouse', 'Scole Village Hall'],
  },
  {
    slug: 'transport', name: 'Transport', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
    purpose: 'Getting around without everyone needing a car: lifts, bikes, buses.',
    admins: ['Ellie Brooks'], members: ['Rob Turner', 'Ben Atkins', 'Tom Fairweather'],
  },
  {
    slug: 'lift-share', name: 'Lift Share', parent: 'transport', joinPolicy: 'request', visibility: 'members',
    purpose: 'Regular and one-off lifts between the villages, Diss station and Norwich.',
    admins: ['Ellie Brooks'], members: ['Rob Turner', 'Ben Atkins', 'Amy Fisher'],
  },
  {
    slug: 'hospital-lifts', name: 'Hospital Lifts', parent: 'lift-share', joinPolicy: 'invite', visibility: 'group',
    purpose: 'Drivers who take neighbours to appointments at the Norfolk and Norwich. Kept private for patients\' sake.',
    admins: ['Rob Turner'], members: ['Ellie Brooks'],
  },
  {
    slug: 'repair', name: 'Repair', parent: 'community', joinPolicy: 'open', visibility: 'everyone',
    purpose: 'Fixing instead of throwing away: tools, skills and the monthly Repair Café.',
    admins: ['Diss Repair Café'], members: ['Tom Fairweather', 'Dan Cooper', 'Hannah Green', 'Owen Pryce', 'Spokes & Sprockets'],
  },
  {
    slug: 'repair-cafe-volunteers', name: 'Repair Café volunteers', parent: 'repair', joinPolicy: 'request', visibility: 'members',
    purpose: 'The fixers, greeters and tea makers of the Repair Café: who comes to which session.',
    admins: ['Diss Repair Café', 'Owen Pryce'], members: ['Tom Fairweather', 'Dan Cooper', 'Hannah Green'], requested: ['Lewis Chen'],
  },
  {
    slug: 'bike-menders', name: 'Bike Menders', parent: 'repair-cafe-volunteers', joinPolicy: 'open', visibility: 'everyone',
    purpose: 'The bike clinic at each Repair Café, with tools lent by Spokes & Sprockets.',
    admins: ['Spokes & Sprockets'], members: ['Tom Fairweather', 'Lewis Chen'],
  },
];

/** What people around Diss offer and want; each title is used once per kind, with a number of variations. */
const DISS_LISTINGS: DemoListingsPlan = {
  ideas: {
    food: {
      offer: ['Courgettes from the allotment', 'Free-range eggs', 'Homemade plum jam', 'Sourdough starter', 'Windfall apples', 'Runner beans', 'Honey from Roydon hives', 'Rhubarb crowns'],
      want: ['Damsons for jam', 'Spare vegetable seedlings', 'Someone to share a veg box', 'Goose eggs', 'Elderflowers'],
    },
    goods: {
      offer: ['Child’s bike, 16 inch', 'Box of paperbacks', 'Oak bookshelf', 'Wool blankets', 'Garden bench', 'Baby clothes 0–6 months', 'Kitchen chairs (four)', 'Record player'],
      want: ['Sewing machine', 'Wheelbarrow', 'Cot mattress', 'Jam jars', 'Folding table for the market'],
    },
    services: {
      offer: ['Dog walking in the mornings', 'Ironing', 'Lifts to the hospital', 'Computer help for beginners', 'Hedge trimming', 'Bookkeeping for small groups'],
      want: ['Someone to feed our cats in August', 'Help clearing a garden', 'A plumber’s opinion', 'Chimney sweep recommendation'],
    },
    skills: {
      offer: ['Guitar lessons', 'Sourdough baking class', 'Knitting circle on Thursdays', 'Spanish conversation', 'Bike maintenance basics', 'Beekeeping taster'],
      want: ['Someone to teach me to drive a tractor', 'Help with CVs', 'Learn to lay a hedge', 'Crochet help'],
    },
    tools: {
      offer: ['Lawn mower to lend', 'Ladder (3 m) to lend', 'Pressure washer', 'Tile cutter', 'Post-hole digger', 'Chainsaw (with certificate only)'],
      want: ['Carpet cleaner for a day', 'Trailer for a weekend', 'Long-reach pruner', 'Wallpaper steamer'],
    },
    housing: {
      offer: ['Room to let near the station', 'Storage space in a barn', 'Caravan pitch for the summer', 'Lodger wanted in Scole'],
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
