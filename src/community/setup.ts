import { z } from 'zod';
import { hashPassword, newPasswordRule } from '../auth/passwords.js';
import type { DB } from '../db/database.js';
import { choice, coordinate, optionalText, requiredText, wholeNumber } from '../lib/fields.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { createTranslator } from '../i18n/translate.js';
import { Conflict, Invalid } from '../lib/errors.js';
import { msg } from '../lib/messages.js';
import { createDefaultCurrency } from '../ledger/currencies.js';
import { parseContact } from '../members/contact.js';
import { contactTaken, insertDecision, insertMember } from '../members/members.queries.js';
import { hasSteward, insertCommunity, insertRootGroup } from './community.queries.js';
import * as words from './messages/index.js';
import { forgetSetupCode } from './setup-code.js';

/** A text field's messages in the community catalogue: `community.field.<field>.notText`, `.tooLong`, `.required`. */
function textKeys(field: string) {
  const key = `community.field.${field}`;
  return { notText: `${key}.notText`, tooLong: `${key}.tooLong`, required: `${key}.required` };
}

/** What setup asks for, from the web form or the CLI's flags and questions. */
export const setupSchema = z.object({
  community_name: requiredText(textKeys('name'), 80),
  region: requiredText(textKeys('region'), 80),
  lat: coordinate({ number: 'community.field.lat.number', range: 'community.field.lat.range' }, 90),
  lon: coordinate({ number: 'community.field.lon.number', range: 'community.field.lon.range' }, 180),
  vouches_required: z.preprocess(
    (v) => (v === '' || v === undefined ? 2 : v),
    wholeNumber(
      {
        whole: 'community.field.vouches.whole',
        min: 'community.field.vouches.min',
        max: 'community.field.vouches.max',
      },
      1,
      20,
    ),
  ),
  steward_name: requiredText(textKeys('stewardName'), 80),
  steward_contact: requiredText(textKeys('contact'), 254),
  password: newPasswordRule('password'),
  about: optionalText({ notText: 'community.field.about.notText', tooLong: 'community.field.about.tooLong' }, 2000),
  /** The community's language, for whoever has not chosen theirs; stewards can change it later. */
  locale: z.preprocess(
    (v) => (v === '' || v === undefined ? 'en' : v),
    choice({ choose: 'community.field.locale' }, LOCALES),
  ),
});

export type SetupInput = z.output<typeof setupSchema>;

/** Setup's answers as code gives them (a test, the demo): English unless a language is named. */
type SetupAnswers = Omit<SetupInput, 'locale'> & { locale?: Locale };

/**
 * Creates the community, its root group and its first steward, once. The
 * transaction starts here, where the use case starts; a second setup (a
 * double submit, or the CLI racing the browser) finds a steward and fails.
 */
export async function setUpCommunity(
  db: DB,
  input: SetupAnswers,
  now: Date,
): Promise<{ stewardId: number; stewardHandle: string }> {
  const { password, ...rest } = input;
  const passwordHash = await hashPassword(password);
  return db.transaction().execute((trx) => createCommunity(trx, rest, passwordHash, now));
}

/**
 * The inside of setup, for a use case that already holds its transaction
 * (`marketcross demo` builds a whole community in one) and hashed the password.
 */
export async function createCommunity(
  trx: DB,
  input: Omit<SetupAnswers, 'password'>,
  passwordHash: string,
  now: Date,
): Promise<{ stewardId: number; stewardHandle: string }> {
  // What setup writes in words (the root group's purpose, ...) is the community's from then on: in its language.
  const inCommunityLanguage = setupWords.forLocale(input.locale ?? 'en');
  const contact = parseContact(input.steward_contact);
  if (!contact) throw new Invalid({ steward_contact: msg('community.field.contact.form') });
  if (await hasSteward(trx)) throw new Conflict(msg('community.refused.alreadySetUp'));
  const email = 'email' in contact ? contact.email : null;
  const phone = 'phone' in contact ? contact.phone : null;
  if (await contactTaken(trx, { email, phone }))
    throw new Invalid({ steward_contact: msg('community.field.contact.taken') });
  await insertCommunity(
    trx,
    {
      name: input.community_name,
      lat: input.lat,
      lon: input.lon,
      region: input.region,
      vouchesRequired: input.vouches_required,
      defaultLocale: input.locale ?? 'en',
    },
    now,
  );
  const steward = await insertMember(
    trx,
    {
      displayName: input.steward_name,
      kind: 'person',
      email,
      phone,
      passwordHash,
      status: 'active',
      role: 'steward',
      whyJoin: inCommunityLanguage('community.stewardWhyJoin'),
      about: input.about,
      lat: input.lat,
      lon: input.lon,
      placeId: null,
    },
    now,
  );
  await insertDecision(
    trx,
    { memberId: steward.id, actorId: steward.id, decision: 'made_steward', reason: msg('community.decision.atSetup') },
    now,
  );
  await insertRootGroup(
    trx,
    {
      name: input.community_name,
      purpose: input.about || inCommunityLanguage('community.groupPurpose', { community: input.community_name }),
      createdBy: steward.id,
    },
    now,
  );
  await createDefaultCurrency(trx, input.community_name, now, (town) =>
    town
      ? inCommunityLanguage('community.currencyName', { town })
      : inCommunityLanguage('community.currencyNameNoTown'),
  );
  await forgetSetupCode(trx);
  return { stewardId: steward.id, stewardHandle: steward.handle };
}

/**
 * Setup's words for what it names and writes (the first currency, "Diss Hours" or "Heures de Diss"; the root group's
 * purpose): stored once, like every name the community gives, so chosen in the community's language here rather than
 * translated on each page.
 */
const setupWords = createTranslator({ community: words });
