import type { TextMessages } from '../lib/fields.js';

/**
 * A text field's messages for the ledger's schemas: the common sentences for text that is not text or is too long
 * (the form shows them beside the field), and the field's own "is required" when it has one.
 */
export function textRules(required?: `ledger.${string}`): TextMessages {
  return { notText: 'common.field.invalid', tooLong: 'common.field.tooLong', ...(required ? { required } : {}) };
}
