import { apiCases } from '../helpers/bad-input.js';
import { apiTable, headersTooLarge } from './bad-input.cases.js';

// Bad input in the JSON API's directory, tokens and bodies: the cases are in bad-input.cases.ts, the runner in
// test/helpers/bad-input.ts.
apiCases('directory, tokens and bodies', apiTable, headersTooLarge);
