import type { Config } from '../config.js';
import { readCertificate, readCertificateState, validFor } from '../https/certificate-store.js';
import { httpsOrigin } from '../https/serving.js';
import { RENEW_DAYS_BEFORE } from '../https/certificate.js';
import { networkAddresses } from './address.js';
import type { Check, CheckLevel } from './checks.js';
import { formatUtc, phrase, type Phrase } from './phrase.js';

/** Under two weeks left and renewals failing: phones will soon refuse the box; it needs doing today. */
const URGENT_DAYS = 14;
const DAY_MS = 86_400_000;

interface Finding {
  level: CheckLevel;
  detail: Phrase;
  advice?: Phrase;
}

/** How the box resolves its own name, replaceable in tests: the addresses it answers, or none. */
export type ResolveName = (name: string) => Promise<string[]>;

/**
 * HTTPS on the venue network: whether the box has a name and a certificate for it, when that certificate ends, whether
 * its last renewal worked, and whether its name leads to it on this network. A box without a name serves plain HTTP,
 * as it always has: that is said, not counted against it.
 */
export async function httpsCheck(config: Config, now: Date, resolveName: ResolveName): Promise<Check> {
  const id = 'https';
  const settings = config.https;
  if (!settings) return { id, level: 'ok', detail: [phrase('health.https.plain')] };
  const { name, dnsHook: hook } = settings;
  const certificate = readCertificate(config.dataDir);
  const { lastAttempt } = readCertificateState(config.dataDir);
  const failed = lastAttempt && !lastAttempt.ok ? lastAttempt : null;
  const hookAdvice = phrase('health.https.checkHook', { hook, name });
  const findings: Finding[] = [];

  if (!certificate || certificate.name !== name) {
    const had = certificate ? certificate.name : 'none'; // a name has dots: never `none`
    findings.push({ level: failed ? 'fail' : 'warn', detail: phrase('health.https.none', { name, had }) });
  } else {
    const daysLeft = Math.floor((certificate.notAfter.getTime() - now.getTime()) / DAY_MS);
    const until = formatUtc(certificate.notAfter);
    if (daysLeft < 0) findings.push({ level: 'fail', detail: phrase('health.https.ended', { name, until }) });
    else {
      const level = daysLeft < URGENT_DAYS ? 'fail' : daysLeft < RENEW_DAYS_BEFORE - 1 ? 'warn' : 'ok';
      findings.push({ level, detail: phrase('health.https.valid', { name, until, days: daysLeft }) });
    }
  }
  if (failed) {
    const detail = phrase('health.https.failed', { at: formatUtc(new Date(failed.at)), error: failed.error ?? '' });
    findings.push({ level: findings[0]!.level === 'fail' ? 'fail' : 'warn', detail, advice: hookAdvice });
  } else if (findings[0]!.level !== 'ok') {
    const advice = phrase('health.https.needsInternet');
    findings.push({ level: findings[0]!.level, detail: phrase('health.https.notYet'), advice });
  }
  findings.push(await resolutionFinding(config, name, resolveName));
  return combine(id, findings);
}

/** Phones on the venue Wi-Fi must find the box by its name, with or without internet. */
async function resolutionFinding(config: Config, name: string, resolveName: ResolveName): Promise<Finding> {
  const advice = phrase('health.https.addToRouter', { name });
  const found = await resolveName(name).catch(() => []);
  if (found.length === 0) return { level: 'warn', detail: phrase('health.https.unresolved', { name }), advice };
  const ours = new Set([config.host, ...networkAddresses()]);
  if (found.some((address) => ours.has(address) || /^(127\.|::1$)/.test(address))) {
    return { level: 'ok', detail: phrase('health.https.resolves', { name, addresses: found.join(', ') }) };
  }
  return { level: 'warn', detail: phrase('health.https.elsewhere', { name, addresses: found.join(', ') }), advice };
}

function combine(id: 'https', findings: readonly Finding[]): Check {
  const level = findings.some((f) => f.level === 'fail')
    ? 'fail'
    : findings.some((f) => f.level === 'warn')
      ? 'warn'
      : 'ok';
  const advice = findings.flatMap((f) => (f.advice && f.level !== 'ok' ? [f.advice] : []));
  const unique = [...new Map(advice.map((a) => [JSON.stringify(a), a])).values()];
  return { id, level, detail: findings.map((f) => f.detail), ...(unique.length > 0 ? { advice: unique } : {}) };
}

/** The box's HTTPS address, for the health page's link and QR code, while it holds a valid certificate for its name. */
export function namedUrl(config: Config, now: Date): string | null {
  const settings = config.https;
  if (!settings || !validFor(readCertificate(config.dataDir), settings.name, now)) return null;
  return `${httpsOrigin(settings)}/`;
}
