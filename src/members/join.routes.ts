import { type AppRouter, createRouter } from '../http/router.js';
import { hashPassword } from '../auth/passwords.js';
import { findCommunity } from '../community/community.queries.js';
import type { AppContext, AppDeps } from '../http/context.js';
import { type FieldErrors, submittedValues } from '../http/forms.js';
import { fieldWords, readInput } from '../lib/fields.js';
import { NotFound } from '../lib/errors.js';
import { minutesUntil, secondsUntil } from '../lib/time.js';
import { TokenBuckets } from '../lib/token-bucket.js';
import { msg } from '../lib/messages.js';
import { renderPage, seeOther } from '../http/render.js';
import { hashSecretToken } from '../lib/secret-tokens.js';
import { findInviteByTokenHash, type InviteWithInviter } from './invites.queries.js';
import { INVITE_PATH, inviteState } from './invites.js';
import { joinSchema, requestToJoin } from './joining.js';
import { locationSchema, placeGone, resolveLocation } from './location.js';
import { MEMBER_KINDS } from './members.js';
import { findPlaces } from './places.queries.js';

/** The flash slot of a join request's outcome, until `/join/sent` shows it. */
const SENT_SLOT = 'join';
type Sent = { activated: boolean; vouches: number };

async function communityOrNotFound(deps: AppDeps) {
  const community = await findCommunity(deps.db);
  if (!community) throw new NotFound(msg('members.noCommunity'));
  return community;
}

/** Members are already in: the form is for visitors. */
function sendMembersHome(ctx: AppContext): boolean {
  if (!ctx.state.actor) return false;
  seeOther(ctx, '/');
  return true;
}

/** The join form as a visitor gets it through an invite link (`token`) or not. */
interface JoinForm {
  values: Record<string, string>;
  errors: FieldErrors;
  invite: InviteWithInviter | null;
  token?: string;
  status?: number;
}

async function showJoinForm(deps: AppDeps, ctx: AppContext, form: JoinForm) {
  const [community, places] = await Promise.all([communityOrNotFound(deps), findPlaces(deps.db)]);
  await renderPage(
    ctx,
    'members/join',
    {
      title: ctx.state.t('members.join.title'),
      community,
      places,
      kinds: MEMBER_KINDS,
      values: form.values,
      errors: form.errors,
      inviter: form.invite?.inviter ?? null,
      action: form.token ? INVITE_PATH + form.token : '/join',
    },
    { status: form.status },
  );
}

/** The invite behind a link, or a page saying why it no longer works (and null). */
async function liveInvite(deps: AppDeps, ctx: AppContext, token: string): Promise<InviteWithInviter | null> {
  const invite = await findInviteByTokenHash(deps.db, hashSecretToken(token));
  if (!invite) throw new NotFound(msg('members.invite.unknown'));
  const state = inviteState(invite, deps.now());
  if (state === 'live') return invite;
  await renderPage(
    ctx,
    'members/invite-closed',
    { title: ctx.state.t('members.inviteClosed.title'), state },
    { status: 410 },
  );
  return null;
}

/**
 * Join requests taken per client address: 10 at once, then one a minute. Each costs a password hash (~0.1 s of the
 * one argon2 queue sign-in waits in too), so a flood from one device would slow every sign-in; a venue's Wi-Fi, where
 * many people share an address, still lets a room full of newcomers in within minutes. Unlike failed sign-ins (stored,
 * shared between forms), nothing here guards a secret, so the allowance lives in memory (`TokenBuckets`).
 */
const JOINS_AT_ONCE = 10;
const ONE_JOIN_MS = 60_000;

/**
 * A join request submitted: the pending member (or an active one, through an invite), then `/join/sent`. Every cheap
 * check comes first (the fields, the place, the address's allowance); the password is hashed last, for a request that
 * will be stored or answered as if it were (see `requestToJoin`: a taken email or phone costs the same hash, so the
 * time taken tells nobody who is a member).
 */
async function submitJoin(
  deps: AppDeps,
  ctx: AppContext,
  joins: TokenBuckets,
  invite: InviteWithInviter | null,
  token?: string,
) {
  const body = ctx.request.body;
  const values = submittedValues(body);
  const refuse = (errors: FieldErrors, status = 422) =>
    showJoinForm(deps, ctx, { values, errors, invite, token, status });
  const fields = readInput(joinSchema, body);
  const location = readInput(locationSchema, body);
  if (!fields.ok || !location.ok) {
    const problems = { ...(fields.ok ? {} : fields.problems), ...(location.ok ? {} : location.problems) };
    return refuse(fieldWords(problems, ctx.state.t));
  }
  const resolved = await resolveLocation(deps.db, location.value);
  if (!resolved) return refuse({ place_id: ctx.state.t(placeGone) });
  const now = deps.now();
  const retryAt = joins.take(ctx.state.clientAddress, now);
  if (retryAt) {
    ctx.set('Retry-After', String(secondsUntil(retryAt, now)));
    return refuse({ _form: ctx.state.t('members.join.throttled', { minutes: minutesUntil(retryAt, now) }) }, 429);
  }
  const { display_name, kind, contact, password, why_join } = fields.value;
  const passwordHash = await hashPassword(password);
  const result = await deps.db
    .transaction()
    .execute((trx) =>
      requestToJoin(
        trx,
        { displayName: display_name, kind, contact, passwordHash, whyJoin: why_join, location: resolved },
        token ? hashSecretToken(token) : null,
        deps.now(),
      ),
    );
  deps.flash.put(ctx, SENT_SLOT, { activated: result.activated, vouches: result.vouches } satisfies Sent);
  seeOther(ctx, '/join/sent');
}

/**
 * The answer to a join request, shown (reloads too) for a while in the browser that sent it, and to nobody else: it
 * comes from the flash, so the address names no request and needs no session.
 */
async function showSent(deps: AppDeps, ctx: AppContext) {
  const sent = deps.flash.peek<Sent>(ctx, SENT_SLOT);
  if (!sent) throw new NotFound(msg('members.sent.gone'));
  const community = await communityOrNotFound(deps);
  await renderPage(ctx, 'members/join-sent', {
    title: ctx.state.t('members.sent.title'),
    community,
    active: sent.activated,
    vouchesStillNeeded: Math.max(community.vouchesRequired - sent.vouches, 0),
    vouchesRequired: community.vouchesRequired,
  });
}

/**
 * `/join`: a visitor asks to join, on their own or through a member's invite
 * link. The request is a pending member until enough members vouch for them
 * or a steward approves it.
 */
export function joinRoutes(deps: AppDeps): AppRouter {
  const router = createRouter();
  const joins = new TokenBuckets(JOINS_AT_ONCE, ONE_JOIN_MS);

  router.get('/join', async (ctx) => {
    if (sendMembersHome(ctx)) return;
    await showJoinForm(deps, ctx, { values: {}, errors: {}, invite: null });
  });

  router.post('/join', async (ctx) => {
    if (sendMembersHome(ctx)) return;
    await submitJoin(deps, ctx, joins, null);
  });

  router.get('/join/sent', (ctx) => showSent(deps, ctx));

  router.get(`${INVITE_PATH}:token`, async (ctx) => {
    if (sendMembersHome(ctx)) return;
    const invite = await liveInvite(deps, ctx, ctx.params.token);
    if (invite) await showJoinForm(deps, ctx, { values: {}, errors: {}, invite, token: ctx.params.token });
  });

  router.post(`${INVITE_PATH}:token`, async (ctx) => {
    if (sendMembersHome(ctx)) return;
    const invite = await liveInvite(deps, ctx, ctx.params.token);
    if (invite) await submitJoin(deps, ctx, joins, invite, ctx.params.token);
  });

  return router;
}
