import type { HttpClient } from '../helpers/client.js';
import { type FormSpec, LOCATION, next, otherMember, type PathCase } from '../helpers/bad-input.js';

/** Bad input for the listings' forms and paths (the runner is test/helpers/bad-input.ts). */

// Priced in the community's hours, so the price's fields are read (a price's amount is read by its currency's rules).
const listingFields = () => ({
  kind: 'offer',
  title: `Spare seedlings ${next()}`,
  description: 'Tomatoes',
  category: 'food',
  terms: 'price',
  price_amount: '1:30',
  price_currency: 'DHR',
  place_id: '',
  ...LOCATION,
  visibility: 'members',
});
const listingSpec = {
  as: 'member' as const,
  required: ['kind', 'title', 'category', 'terms', 'lat'],
  text: ['title', 'description', 'price_currency'],
  numbers: ['price_amount', 'lat', 'lon'],
  choices: ['kind', 'category', 'terms', 'visibility'],
  tooLong: { price_currency: /Currency must be a code/ },
};
const listingRules = () => [
  { ...listingFields(), terms: 'price', price_amount: '', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '10', price_currency: '' },
  { ...listingFields(), terms: 'price', price_amount: '0', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '1:75', price_currency: 'DHR' },
  { ...listingFields(), terms: 'price', price_amount: '1:30', price_currency: 'NOPE' },
  { ...listingFields(), visibility: 'group:999999' },
  { ...listingFields(), visibility: 'group:abc' },
  { ...listingFields(), lat: '52.1', lon: '' },
  { ...listingFields(), lat: '', lon: '', place_id: '999999' },
  { ...listingFields(), visibility: 'group:999999', regional: '1' },
  { ...listingFields(), regional: 'perhaps' },
];

/** A listing posted through the form by `client`; its id. */
async function postListingAs(client: HttpClient): Promise<string> {
  const made = await client.postForm('/listings', listingFields(), { from: '/listings/new' });
  if (made.status !== 303 || !made.location) throw new Error(`could not post a listing: ${made.status}`);
  return made.location.replace('/listings/', '');
}

const postAListing: FormSpec = {
  ...listingSpec,
  name: 'post a listing',
  async target() {
    return { from: '/listings/new', action: '/listings', valid: listingFields, alsoInvalid: listingRules };
  },
};

const editAListing: FormSpec = {
  ...listingSpec,
  name: 'edit a listing',
  async target({ client }) {
    const id = await postListingAs(client);
    return {
      from: `/listings/${id}/edit`,
      action: `/listings/${id}/edit`,
      valid: listingFields,
      alsoInvalid: listingRules,
    };
  },
};

const replyToAListing: FormSpec = {
  name: 'reply to a listing',
  as: 'member',
  required: ['body'],
  text: ['body'],
  async target({ box, client }) {
    const author = await otherMember(box);
    const id = await postListingAs(author.client);
    await client.get(`/listings/${id}`);
    return {
      from: `/listings/${id}`,
      action: `/listings/${id}/replies`,
      valid: () => ({ body: `Interested ${next()}` }),
      alsoInvalid: () => [{ body: '   ' }],
    };
  },
};

const promiseAListing: FormSpec = {
  name: 'promise a listing',
  as: 'member',
  required: ['to'],
  text: ['to'],
  notShown: ['to'],
  tooLong: { to: /at most|Choose/ },
  async target({ box, client }) {
    const id = await postListingAs(client);
    const replier = await otherMember(box);
    const replied = await replier.client.postForm(
      `/listings/${id}/replies`,
      { body: 'Yes please' },
      { from: `/listings/${id}` },
    );
    if (replied.status !== 303) throw new Error(`could not reply: ${replied.status}`);
    await client.get(`/listings/${id}?with=${replier.handle}`);
    return {
      from: `/listings/${id}`,
      action: `/listings/${id}/promise`,
      valid: () => ({ to: replier.handle }),
      refusedLater: () => ({ to: 'nobody-has-this' }),
      alsoInvalid: () => [{ to: 'nobody-has-this' }, { to: '' }],
    };
  },
};

export const forms: FormSpec[] = [postAListing, editAListing, replyToAListing, promiseAListing];

export const paths = (): PathCase[] => [
  ...['/listings/{}', '/listings/{}/photo'].flatMap((path): PathCase[] => [
    { method: 'GET', as: 'member', path },
    { method: 'GET', as: 'visitor', path },
  ]),
  { method: 'GET', as: 'member', path: '/listings/{}/edit' },
  ...['edit', 'renew', 'withdraw', 'done', 'promise', 'release', 'replies'].map(
    (action): PathCase => ({
      method: 'POST',
      as: 'member',
      path: `/listings/{}/${action}`,
      fields: { ...listingFields(), to: 'x', body: 'Hello' },
    }),
  ),
];
