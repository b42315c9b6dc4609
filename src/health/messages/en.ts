import type { Catalogue } from '../../i18n/catalogue.js';

export const en = {} as const satisfies Catalogue;
