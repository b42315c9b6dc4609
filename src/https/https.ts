import type { Config } from '../config.js';
import type { Job } from '../jobs/scheduler.js';
import { type CertificateKeeper, createCertificateKeeper } from './certificate.js';
import { createHttpsServing, type HttpsServing } from './serving.js';

/** HTTPS for a box with a name: its certificate, the servers that use it, and the job that renews it. */
export interface BoxHttps {
  readonly keeper: CertificateKeeper;
  readonly serving: HttpsServing;
  readonly job: Job;
}

/**
 * Twice a day, as certbot does, away from the other jobs: a renewal that fails (no internet, a broken hook) is tried
 * again half a day later, for the month before the certificate ends.
 */
const RENEWAL_CRON = '29 4,16 * * *';

/** Null when the stewards have not given the box a name: it serves plain HTTP, as before. */
export function setUpHttps(config: Config, log: (line: string) => void): BoxHttps | null {
  const settings = config.https;
  if (!settings) return null;
  const keeper = createCertificateKeeper(settings, config.dataDir, {
    log,
    onCertificate: (certificate) => serving.certificateChanged(certificate),
  });
  const serving = createHttpsServing(settings, config.host, keeper);
  const job: Job = { name: 'https-certificate', cron: RENEWAL_CRON, run: (_db, now) => keeper.renewIfDue(now) };
  return { keeper, serving, job };
}
