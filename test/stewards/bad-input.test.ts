import { formCases, pathCases } from '../helpers/bad-input.js';
import { forms, goodPath, paths } from './bad-input.cases.js';

// Bad input in the stewards' forms and paths: the cases are in bad-input.cases.ts, the runner in
// test/helpers/bad-input.ts.
for (const spec of forms) formCases(spec);
pathCases('stewards', { cases: paths, more: goodPath });
