import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addSibling, eventually, postRegional, remoteListing, startFederatedBox, type FederatedBox } from './helpers.js';

// Eye ↔ Diss ↔ Harleston: Eye and Harleston are not siblings of each other's choosing
// in both directions (Eye does not list Harleston), so Eye's records reach Harleston through Diss.
let eye: FederatedBox, diss: FederatedBox, harleston: FederatedBox;

beforeAll(async () => {
  [eye, diss, harleston] = await Promise.all([startFederatedBox('Eye'), startFederatedBox('Diss'), startFederatedBox('Harleston')]);
  await addSibling(eye, diss);
  await addSibling(diss, eye);
  await addSibling(diss, harleston);
  await addSibling(harleston, diss);
  // Harleston accepts Eye's records (Eye is an origin it agreed to), but Eye refuses Harleston's connections.
  await addSibling(harleston, eye);
  await eventually('Diss connected to both', async () => diss.sync!.isConnected(eye.sync!.peerId) && diss.sync!.isConnected(harleston.sync!.peerId));
}, 60_000);

afterAll(async () => {
  await Promise.all([eye, diss, harleston].map((b) => b?.close()));
});

describe('regional listings across three boxes', () => {
  it('a listing posted in Eye reaches Harleston through Diss', async () => {
    expect(harleston.sync!.isConnected(eye.sync!.peerId)).toBe(false);
    const id = await postRegional(eye, { title: 'Bramley apples from Eye' });
    const atHarleston = await eventually('the listing at Harleston', () => remoteListing(harleston, id));
    expect(atHarleston).toMatchObject({ title: 'Bramley apples from Eye', origin: eye.sync!.peerId, kind: 'offer' });
    expect(await remoteListing(diss, id)).toBeDefined();
  });

  it('an edit and a withdraw propagate', async () => {
    const id = await postRegional(eye, { title: 'Pears' });
    await eventually('the listing at Harleston', () => remoteListing(harleston, id));
    const edited = await eye.client().json('PATCH', `/api/v1/listings/${id}`, { title: 'Conference pears' }, eye.token);
    expect(edited.status).toBe(200);
    await eventually('the edit at Harleston', async () => (await remoteListing(harleston, id))?.title === 'Conference pears');
    const withdrawn = await eye.client().json('PATCH', `/api/v1/listings/${id}`, { status: 'withdrawn' }, eye.token);
    expect(withdrawn.status).toBe(200);
    await eventually('the withdraw at Harleston', async () => (await remoteListing(harleston, id)) === undefined);
    expect(await remoteListing(diss, id)).toBeUndefined();
  });
});
