import { createTranslator } from '../i18n/translate.js';
import type { Message } from '../lib/messages.js';
import * as backupWords from './messages/index.js';

/** English words for the message property (logs, tests); the CLI prints `reason` in its own language. */
const english = createTranslator({ backup: backupWords }).forLocale('en');

/** A backup that could not be taken or restored; the reason says what happened and what to do. */
export class BackupError extends Error {
  override name = 'BackupError';
  constructor(readonly reason: Message) {
    super(english(reason));
  }
}
