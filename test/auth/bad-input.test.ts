import { formCases, pathCases } from '../helpers/bad-input.js';
import { forms, paths } from './bad-input.cases.js';

// Bad input in the sign-in, password and token forms: the cases are in bad-input.cases.ts, the runner in
// test/helpers/bad-input.ts.
for (const spec of forms) formCases(spec);
pathCases('auth', { cases: paths });
