import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { saveCertificate } from '../../src/https/certificate-store.js';

/**
 * Gives the box in `dataDir` a self-signed certificate for `name`, valid for 90 days (so not due for renewal), as if
 * it had obtained one: for tests of what the box does once it serves HTTPS, with no ACME server. openssl is already
 * needed by the pebble tests.
 */
export function giveSelfSignedCertificate(dataDir: string, name: string): void {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'marketcross-self-signed-'));
  try {
    const [keyFile, certFile] = [path.join(work, 'key.pem'), path.join(work, 'cert.pem')];
    execFileSync(
      'openssl',
      ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '90'].concat([
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-subj',
        `/CN=${name}`,
        '-addext',
        `subjectAltName=DNS:${name}`,
      ]),
      { stdio: 'ignore' },
    );
    saveCertificate(dataDir, fs.readFileSync(keyFile, 'utf8'), fs.readFileSync(certFile, 'utf8'));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}
