import fs from 'node:fs';
import https from 'node:https';
import acme from 'acme-client';
import type { HttpsConfig } from '../config.js';
import { readAccountKey, saveAccountKey } from './certificate-store.js';
import { runDnsHook } from './dns-hook.js';

/**
 * One ACME order for the box's name, proved by DNS-01 through the stewards' hook: the box needs no port open to the
 * internet, only a way out to it. Resolves with the new key and certificate (PEM, with its chain).
 */
export async function orderCertificate(
  config: HttpsConfig,
  dataDir: string,
  log: (line: string) => void,
): Promise<{ key: string; cert: string }> {
  if (config.acmeCaFile) {
    // A test or private ACME server whose own TLS certificate the system does not trust; one server per box.
    acme.axios.defaults.httpsAgent = new https.Agent({ ca: fs.readFileSync(config.acmeCaFile) });
  }
  const client = new acme.Client({ directoryUrl: config.acmeDirectory, accountKey: await accountKey(dataDir) });
  const [key, csr] = await acme.crypto.createCsr(
    { altNames: [config.name] },
    await acme.crypto.createPrivateEcdsaKey(),
  );
  const authOutputs = new Map<string, string>();
  const cert = await client.auto({
    csr,
    email: config.email ?? undefined,
    termsOfServiceAgreed: true,
    challengePriority: ['dns-01'],
    // acme-client would ask the box's own resolver for the record, which on the venue network answers every name
    // itself; the hook returns once the record is published, and the certificate authority asks the domain's servers.
    skipChallengeVerification: true,
    async challengeCreateFn(authz, _challenge, validation) {
      log(`https: asking the DNS hook to publish the challenge for ${authz.identifier.value}`);
      authOutputs.set(validation, await runDnsHook(config.dnsHook, 'auth', { domain: config.name, validation }));
    },
    async challengeRemoveFn(_authz, _challenge, validation) {
      const authOutput = authOutputs.get(validation);
      await runDnsHook(config.dnsHook, 'cleanup', { domain: config.name, validation, authOutput });
    },
  });
  return { key: key.toString(), cert };
}

/** The box keeps one ACME account, made on its first order: the certificate authority's rate limits are per account. */
async function accountKey(dataDir: string): Promise<string> {
  const existing = readAccountKey(dataDir);
  if (existing) return existing;
  const key = (await acme.crypto.createPrivateEcdsaKey()).toString();
  saveAccountKey(dataDir, key);
  return key;
}
