import { apiCases, formCases, pathCases } from '../helpers/bad-input.js';
import { apiTable, tooLongSearch } from './bad-input-api.cases.js';
import { forms, paths } from './bad-input.cases.js';

// Bad input in the listings' forms, paths and JSON API: the cases are in bad-input.cases.ts and
// bad-input-api.cases.ts, the runner in test/helpers/bad-input.ts.
for (const spec of forms) formCases(spec);
pathCases('listings', { cases: paths });
apiCases('listings', apiTable, tooLongSearch);
