import fs from 'node:fs';
import path from 'node:path';
import { X509Certificate } from 'node:crypto';

/**
 * The box's certificate and what happened to its orders, in `<data folder>/https/`: the ACME account's key and the
 * certificate's key (`0600` whatever the umask: whoever holds them can pose as the box), the certificate with its
 * chain, and `state.json`, which the health page and `marketcross doctor` read.
 */
export interface StoredCertificate {
  /** PEM: the key, then the certificate and its chain. */
  readonly key: string;
  readonly cert: string;
  /** The name the certificate is for (its subject alternative name). */
  readonly name: string;
  readonly notAfter: Date;
}

export interface CertificateState {
  /** How many certificates the box has obtained for its name: 2 or more means a renewal has succeeded. */
  readonly obtained: number;
  readonly lastAttempt: { readonly at: string; readonly ok: boolean; readonly error?: string } | null;
}

const NO_STATE: CertificateState = { obtained: 0, lastAttempt: null };

export function httpsDirectory(dataDir: string): string {
  return path.join(dataDir, 'https');
}

const file = (dataDir: string, name: string) => path.join(httpsDirectory(dataDir), name);

/** Writes a file readable by the box's user alone, replacing the old one whole (a crash leaves one or the other). */
function writePrivate(dataDir: string, name: string, contents: string): void {
  const folder = httpsDirectory(dataDir);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  fs.chmodSync(folder, 0o700);
  const target = file(dataDir, name);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, contents, { mode: 0o600 });
  fs.chmodSync(temporary, 0o600); // the umask may have narrowed the mode; it cannot have widened it, but say it plainly
  fs.renameSync(temporary, target);
}

function readIfPresent(dataDir: string, name: string): string | null {
  try {
    return fs.readFileSync(file(dataDir, name), 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

export function readAccountKey(dataDir: string): string | null {
  return readIfPresent(dataDir, 'account.key');
}

export function saveAccountKey(dataDir: string, key: string): void {
  writePrivate(dataDir, 'account.key', key);
}

export function readCertificate(dataDir: string): StoredCertificate | null {
  const key = readIfPresent(dataDir, 'certificate.key');
  const cert = readIfPresent(dataDir, 'certificate.pem');
  if (key === null || cert === null) return null;
  let leaf: X509Certificate;
  try {
    leaf = new X509Certificate(cert);
  } catch {
    return null; // a damaged file is as good as none: the box orders a new certificate
  }
  const name = /DNS:([^,\s]+)/.exec(leaf.subjectAltName ?? '')?.[1] ?? '';
  return { key, cert, name, notAfter: new Date(leaf.validTo) };
}

/** Whether phones accept the certificate for `name` now: it is for that name and has not ended. */
export function validFor(certificate: StoredCertificate | null, name: string, now: Date): boolean {
  return certificate !== null && certificate.name === name && certificate.notAfter.getTime() > now.getTime();
}

/** The key first: a certificate on disk always has its key beside it. */
export function saveCertificate(dataDir: string, key: string, cert: string): void {
  writePrivate(dataDir, 'certificate.key', key);
  writePrivate(dataDir, 'certificate.pem', cert);
}

export function readCertificateState(dataDir: string): CertificateState {
  const raw = readIfPresent(dataDir, 'state.json');
  return raw === null ? NO_STATE : { ...NO_STATE, ...(JSON.parse(raw) as Partial<CertificateState>) };
}

export function saveCertificateState(dataDir: string, state: CertificateState): void {
  writePrivate(dataDir, 'state.json', `${JSON.stringify(state, null, 2)}\n`);
}
