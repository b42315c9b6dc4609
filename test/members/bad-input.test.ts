import { formCases, pathCases } from '../helpers/bad-input.js';
import { directorySearch, forms, paths } from './bad-input.cases.js';

// Bad input in the members' forms and paths: the cases are in bad-input.cases.ts, the runner in
// test/helpers/bad-input.ts.
for (const spec of forms) formCases(spec);
pathCases('members', { cases: paths, more: directorySearch });
