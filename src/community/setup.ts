import { z } from 'zod';
import { hashPassword, newPasswordField } from '../auth/passwords.js';
import type { DB } from '../db/database.js';
import { ConflictError, ValidationError } from '../http/errors.js';
import { choice, coordinate, optionalText, requiredText, wholeNumber } from '../lib/fields.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { createTranslator } from '../i18n/translate.js';
import { iso } from '../lib/time.js';
import { createDefaultCurrency } from '../ledger/currencies.js';
import { parseContact } from '../members/contact.js';
import { contactTaken, insertMember } from '../members/members.queries.js';
import { hasSteward } from './community.queries.js';
import * as words from './messages/index.js';
import { forgetSetupCode } from './setup-code.js';

/** What setup asks for, from the web form or the CLI's flags and questions. */
export const setupSchema = z.object({
  community_name: requiredText('Community name', 80),
  region: requiredText('Region', 80),
  lat: coordinate('Latitude', 90),
  lon: coordinate('Longitude', 180),
  vouches_required: z.preprocess(
    (v) => (v === '' || v === undefined ? 2 : v),
    wholeNumber('Vouches needed to join', 1, 20),
  ),
  steward_name: requiredText('Your name', 80),
  steward_contact: requiredText('Email or phone', 254),
  password: newPasswordField(),
  about: optionalText('About', 2000),
  /** The community's language, for whoever has not chosen theirs; stewards can change it later. */
  locale: z.preprocess((v) => (v === '' || v === undefined ? 'en' : v), choice('Language', LOCALES)),
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
  const contact = parseContact(input.steward_contact);
  if (!contact)
    throw new ValidationError({ steward_contact: 'Email or phone must be an email address or a phone number.' });
  if (await hasSteward(trx)) throw new ConflictError('This community is already set up. Sign in instead.');
  const email = 'email' in contact ? contact.email : null;
  const phone = 'phone' in contact ? contact.phone : null;
  if (await contactTaken(trx, { email, phone }))
    throw new ValidationError({ steward_contact: 'That email or phone already belongs to a member.' });
  await trx
    .insertInto('community')
    .values({
      id: 1,
      name: input.community_name,
      lat: input.lat,
      lon: input.lon,
      region: input.region,
      vouches_required: input.vouches_required,
      default_locale: input.locale ?? 'en',
      created_at: iso(now),
    })
    .execute();
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
      whyJoin: 'Set up the community box.',
      lat: input.lat,
      lon: input.lon,
      placeId: null,
    },
    now,
  );
  await trx.updateTable('members').set({ about: input.about }).where('id', '=', steward.id).execute();
  await trx
    .insertInto('member_decisions')
    .values({
      member_id: steward.id,
      actor_id: steward.id,
      decision: 'made_steward',
      reason: 'First steward, at setup.',
      created_at: iso(now),
    })
    .execute();
  await trx
    .insertInto('groups')
    .values({
      parent_id: null,
      name: input.community_name,
      slug: 'community',
      purpose: input.about || `Everyone in ${input.community_name}.`,
      join_policy: 'request',
      visibility: 'everyone',
      created_by: steward.id,
      created_at: iso(now),
    })
    .execute();
  await createDefaultCurrency(trx, input.community_name, now, currencyNameIn(input.locale ?? 'en'));
  await forgetSetupCode(trx);
  return { stewardId: steward.id, stewardHandle: steward.handle };
}

const setupWords = createTranslator({ community: words });

/**
 * The first currency's name in the community's language ("Diss Hours", "Heures de Diss"): stored once, like every
 * name the community gives, so it is chosen here rather than translated on each page.
 */
function currencyNameIn(locale: Locale): (town: string) => string {
  const t = setupWords.forLocale(locale);
  return (town) => (town ? t('community.currencyName', { town }) : t('community.currencyNameNoTown'));
}
