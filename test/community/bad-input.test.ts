import { formCases } from '../helpers/bad-input.js';
import { forms } from './bad-input.cases.js';

// Bad input in the setup form: the cases are in bad-input.cases.ts, the runner in test/helpers/bad-input.ts.
for (const spec of forms) formCases(spec);
