import type { HttpsConfig } from '../config.js';
import { type Message, msg } from '../lib/messages.js';
import { orderCertificate } from './acme.js';
import {
  readCertificate,
  readCertificateState,
  saveCertificate,
  saveCertificateState,
  type StoredCertificate,
} from './certificate-store.js';

/**
 * Let's Encrypt's certificates last 90 days and it asks clients to renew with a third left: renewing 30 days before
 * the end leaves a month of twice-daily tries (and the health page's warning) for a hook that stopped working.
 */
export const RENEW_DAYS_BEFORE = 30;
const DAY_MS = 86_400_000;
/**
 * After a failed order the box waits this long before the next: a box restarting in a loop, or the start-up try
 * followed by the scheduled job, must not spend the certificate authority's failed-validation allowance (Let's
 * Encrypt's: 5 an hour).
 */
const RETRY_AFTER_MS = 15 * 60_000;

export interface CertificateKeeper {
  /** The certificate the box serves, or null before its first. */
  current(): StoredCertificate | null;
  /** Browsers may be told to come back over HTTPS only (HSTS) once a renewal has worked: the box keeps its promise. */
  renewedOnce(): boolean;
  /** Orders a certificate when the box has none for its name or its end is near; says what it did, null if nothing. */
  renewIfDue(now: Date): Promise<Message | null>;
}

export interface KeeperDeps {
  readonly log: (line: string) => void;
  /** Called with each new certificate, for the HTTPS server to serve it from the next connection on. */
  readonly onCertificate: (certificate: StoredCertificate) => void;
}

function renewalDue(certificate: StoredCertificate | null, name: string, now: Date): boolean {
  return (
    certificate === null ||
    certificate.name !== name ||
    certificate.notAfter.getTime() - now.getTime() < RENEW_DAYS_BEFORE * DAY_MS
  );
}

export function createCertificateKeeper(config: HttpsConfig, dataDir: string, deps: KeeperDeps): CertificateKeeper {
  let certificate = readCertificate(dataDir);
  let { obtained, lastAttempt } = readCertificateState(dataDir);
  // The start-up try and the scheduled job may meet: one order at a time, the second waits for the first's answer.
  let ordering: Promise<Message | null> | null = null;

  const order = async (now: Date): Promise<Message> => {
    const at = now.toISOString();
    try {
      const { key, cert } = await orderCertificate(config, dataDir, deps.log);
      saveCertificate(dataDir, key, cert);
      // A first certificate for a new name starts the count again: renewals for the old name prove nothing for it.
      obtained = certificate?.name === config.name ? obtained + 1 : 1;
      certificate = readCertificate(dataDir)!;
      lastAttempt = { at, ok: true };
      saveCertificateState(dataDir, { obtained, lastAttempt });
      deps.onCertificate(certificate);
      return msg('health.https.obtained', { name: config.name, until: certificate.notAfter });
    } catch (error) {
      const reason = (error as Error)?.message ?? String(error);
      lastAttempt = { at, ok: false, error: reason };
      saveCertificateState(dataDir, { obtained, lastAttempt });
      throw error;
    }
  };

  return {
    current: () => certificate,
    renewedOnce: () => obtained >= 2,
    renewIfDue(now) {
      if (!renewalDue(certificate, config.name, now)) return Promise.resolve(null);
      const failedAt = lastAttempt && !lastAttempt.ok ? Date.parse(lastAttempt.at) : Number.NaN;
      if (!ordering && now.getTime() - failedAt < RETRY_AFTER_MS) {
        return Promise.reject(new Error(`${lastAttempt?.error} (at ${lastAttempt?.at}; the box tries again later)`));
      }
      ordering ??= order(now).finally(() => {
        ordering = null;
      });
      return ordering;
    },
  };
}
