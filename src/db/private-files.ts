import fs from 'node:fs';

/**
 * The data folder holds the database (the members' password hashes, their sessions) and the box's peer key, and each
 * backup holds them too: the box's own user alone may read them, whatever the umask it was started with. A mode
 * given to `mkdir` or `open` is only narrowed by the umask, never widened, and a folder or file made earlier keeps its
 * own, so each is set outright.
 */
export function makePrivateDirectory(directory: string): void {
  fs.mkdirSync(directory, { recursive: true, mode: 0o700 });
  makePrivate(directory, 0o700);
}

export function makePrivateFile(file: string): void {
  makePrivate(file, 0o600);
}

function makePrivate(target: string, mode: number): void {
  if ((fs.statSync(target).mode & 0o777) !== mode) fs.chmodSync(target, mode);
}
