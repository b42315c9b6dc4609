import fs from 'node:fs';
import path from 'node:path';
import { msg } from '../lib/messages.js';
import { UpgradeError } from './upgrade-error.js';

/**
 * How a box keeps its app (provisioning/provision.sh makes this layout):
 *
 *   /opt/marketcross/releases/<version>-<fingerprint>/  one folder per installed version, complete
 *                                                       (package.json, dist/, views/, node_modules/)
 *   /opt/marketcross/current  -> releases/<…>           the version the service runs
 *   /opt/marketcross/previous -> releases/<…>           the one before it, kept for going back
 *
 * Switching versions is one rename of a symlink, which is atomic: the service
 * never starts from half of one version and half of another. The links are
 * relative, so an image tree built with `provision.sh --target-root` works
 * wherever it is mounted.
 */

export interface Release {
  /** The release's folder, absolute. */
  readonly dir: string;
  /** Its folder's name: the version and a fingerprint of its files, e.g. 0.2.0-1a2b3c4d5e6f. */
  readonly id: string;
  /** The version in its package.json. */
  readonly version: string;
  /** Its CLI entry, which the upgrade runs with this same Node.js. */
  readonly main: string;
}

export function readRelease(dir: string): Release {
  const absolute = path.resolve(dir);
  const main = path.join(absolute, 'dist/src/main.js');
  const missing = ['package.json', 'dist/src/main.js', 'node_modules'].filter(
    (part) => !fs.existsSync(path.join(absolute, part)),
  );
  if (missing.length > 0) {
    throw new UpgradeError(msg('upgrade.incomplete', { dir: absolute, missing: missing.join(', ') }));
  }
  let version: string;
  try {
    version = (JSON.parse(fs.readFileSync(path.join(absolute, 'package.json'), 'utf8')) as { version?: unknown })
      .version as string;
  } catch (error) {
    throw new UpgradeError(msg('upgrade.packageUnreadable', { dir: absolute, reason: (error as Error).message }));
  }
  if (typeof version !== 'string' || version === '')
    throw new UpgradeError(msg('upgrade.noVersion', { dir: absolute }));
  return { dir: fs.realpathSync(absolute), id: path.basename(absolute), version, main };
}

/** The install folder a release belongs to: the parent of its `releases/` folder. */
export function installDirOf(release: Release): string {
  const releases = path.dirname(release.dir);
  if (path.basename(releases) !== 'releases') {
    throw new UpgradeError(msg('upgrade.outsideReleases', { dir: release.dir }));
  }
  return path.dirname(releases);
}

/** The release a link (`current` or `previous`) points at, or null when there is no such link. */
export function linkedRelease(installDir: string, link: 'current' | 'previous'): Release | null {
  const file = path.join(installDir, link);
  let target: string;
  try {
    target = fs.readlinkSync(file);
  } catch {
    return null;
  }
  return readRelease(path.resolve(installDir, target));
}

/** Points `current` or `previous` at a release, atomically: a new link renamed over the old one. */
export function pointLink(installDir: string, link: 'current' | 'previous', release: Release): void {
  const target = path.relative(installDir, release.dir);
  const temporary = path.join(installDir, `.${link}.new`);
  fs.rmSync(temporary, { force: true });
  fs.symlinkSync(target, temporary);
  fs.renameSync(temporary, path.join(installDir, link));
}
