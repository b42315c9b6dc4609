import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The checkout the tests run in. */
export const checkout = process.cwd();

/**
 * What a release tarball of Marketcross holds: everything a box needs but node_modules, which depend on the machine.
 */
const RELEASE_PARTS = ['package.json', 'package-lock.json', 'README.md', 'views', 'appliance', 'provisioning'] as const;

/**
 * Builds a release source tree from this checkout into `into`, as a release
 * tarball would hold it: the app compiled by tsc (into a temporary folder, so
 * the checkout's own dist/ is left alone), its views, package files, appliance
 * and provisioning folders. Takes ~10 s (tsc).
 *
 * tsc's exit code is not the test's business: other work in progress in the
 * same tree may have type errors, and tsc still writes the JavaScript. The
 * entry point must be there, or nothing works.
 */
export function buildReleaseSource(into: string): void {
  fs.mkdirSync(into, { recursive: true });
  const tsc = spawnSync(
    process.execPath,
    [
      path.join(checkout, 'node_modules/typescript/bin/tsc'),
      '-p',
      path.join(checkout, 'tsconfig.build.json'),
      '--outDir',
      path.join(into, 'dist'),
    ],
    { encoding: 'utf8', cwd: checkout },
  );
  if (!fs.existsSync(path.join(into, 'dist/src/main.js')))
    throw new Error(`tsc did not build the app:\n${tsc.stdout}${tsc.stderr}`);
  for (const part of RELEASE_PARTS) fs.cpSync(path.join(checkout, part), path.join(into, part), { recursive: true });
}

/** The folder name of a nodejs.org tarball of the Node.js running the tests. */
export const NODE_NAME = `node-${process.version}-linux-${process.arch}`;

/**
 * Packs the Node.js (and npm) running this test as a nodejs.org-shaped
 * tarball at `tarball`, for provision.sh's `--node-tarball`, so no test
 * downloads anything. `work` is a scratch folder to unpack it in.
 */
export function packNodeTarball(work: string, tarball: string): void {
  const unpacked = path.join(work, NODE_NAME);
  fs.mkdirSync(path.join(unpacked, 'bin'), { recursive: true });
  fs.copyFileSync(process.execPath, path.join(unpacked, 'bin/node'));
  fs.chmodSync(path.join(unpacked, 'bin/node'), 0o755);
  const npm = path.resolve(path.dirname(process.execPath), '../lib/node_modules/npm');
  if (fs.existsSync(npm)) {
    fs.cpSync(npm, path.join(unpacked, 'lib/node_modules/npm'), { recursive: true });
    fs.symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(unpacked, 'bin/npm'));
  }
  const tar = spawnSync('tar', ['-cf', tarball, '-C', work, NODE_NAME], { encoding: 'utf8' });
  if (tar.status !== 0) throw new Error(`tar failed: ${tar.stderr}`);
}
