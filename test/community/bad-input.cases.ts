import { ensureSetupCode } from '../../src/community/setup-code.js';
import { startTestBox } from '../helpers/box.js';
import { type FormSpec, LOCATION, next, PASSWORD } from '../helpers/bad-input.js';

/** Bad input for the community's setup form (the runner is test/helpers/bad-input.ts). */

export const forms: FormSpec[] = [
  {
    name: 'setup',
    as: 'visitor',
    makeBox: startTestBox,
    required: ['setup_code', 'community_name', 'region', 'lat', 'lon', 'steward_name', 'steward_contact', 'password'],
    text: ['setup_code', 'community_name', 'region', 'steward_name', 'steward_contact', 'password', 'about'],
    numbers: ['lat', 'lon', 'vouches_required'],
    notShown: ['password'],
    async target({ box }) {
      const code = (await ensureSetupCode(box.database.db))!;
      const fields = (setupCode: string) => ({
        setup_code: setupCode,
        community_name: 'PlaNet Diss',
        region: 'South Norfolk',
        ...LOCATION,
        vouches_required: '2',
        steward_name: 'Gary',
        steward_contact: `gary${next()}@example.org`,
        password: PASSWORD,
        about: 'About us',
      });
      return {
        from: '/setup',
        action: '/setup',
        valid: () => fields(code),
        // Setup succeeds only once, so markup is checked on the form re-rendered for a wrong code.
        refusedLater: () => fields('WRNG-CODE-0000'),
      };
    },
  },
];
