import { afterAll, beforeAll, bench, describe } from 'vitest';
import { seedDemo } from '../../src/demo/seed.js';
import { DEMO_STEWARD } from '../../src/demo/diss-first-members.data.js';
import { DEMO_PASSWORD } from '../../src/demo/diss.data.js';
import { startTestBox, type TestBox } from '../helpers/box.js';
import type { HttpClient } from '../helpers/client.js';

/**
 * How fast the box answers the pages people open most, on the demo community,
 * over real HTTP on loopback. Run with `npm run bench`; compare runs side by
 * side on one machine, since these machines are noisy.
 */
let box: TestBox;
let visitor: HttpClient;
let member: HttpClient;
let token: string;

beforeAll(async () => {
  box = await startTestBox();
  await seedDemo(box.database.db, box.clock.now());
  visitor = box.client();
  member = box.client();
  await member.signIn(DEMO_STEWARD.contact, DEMO_PASSWORD);
  const created = await member.postForm('/account/tokens', { name: 'bench' }, { from: '/account/tokens' });
  token = /mcx_[\w-]+/.exec((await member.get(created.location!)).text)![0];
});
afterAll(() => box.close());

describe('pages on the demo community', () => {
  // The floor: one query and a JSON answer, to read the page figures against.
  bench('healthz (baseline)', async () => {
    await visitor.get('/healthz');
  });
  bench('home page, visitor', async () => {
    await visitor.get('/');
  });
  bench('home page, member', async () => {
    await member.get('/');
  });
  bench('directory search "repair", member', async () => {
    await member.get('/members?q=repair');
  });
  bench('directory search fragment (htmx), member', async () => {
    await member.get('/members?q=garden', { 'HX-Request': 'true' });
  });
  bench('group tree, member', async () => {
    await member.get('/groups');
  });
  bench('API members list, token', async () => {
    await member.json('GET', '/api/v1/members', undefined, token);
  });
});
