/**
 * Bad input, table-driven over every form and API route: missing fields, wrong
 * types, oversized values, an oversized body, and markup in every text field.
 * No response may be a 500; each says what is wrong; nothing is stored
 * half-done; markup comes back escaped.
 *
 * This is the one runner. Each feature keeps its own tables beside its tests
 * (`test/<feature>/bad-input.cases.ts`) and calls, from its `bad-input.test.ts`:
 * `formCases` (one entry per form), `pathCases` (the ids, handles and slugs in
 * the paths of its POST routes and the pages they sit on) and `apiCases` (its
 * JSON API).
 */
export { type ApiCase, apiCases, invalid } from './bad-input/api.js';
export { type FormSpec, formCases } from './bad-input/forms.js';
export { type PathCase, type PathContext, pathCases, type PathSpec } from './bad-input/paths.js';
export {
  addPendingMember,
  type Box,
  clientAs,
  ESCAPED_MARKUP,
  type Fields,
  LOCATION,
  MARKUP,
  next,
  otherMember,
  PASSWORD,
  RAW_MARKUP,
} from './bad-input/shared.js';
