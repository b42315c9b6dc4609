/**
 * A feature's message catalogue: flat keys (namespaced by the feature when registered in `src/messages.ts`) to ICU
 * MessageFormat sentences, e.g. `'{count, plural, one {# vouch} other {# vouches}} needed'`.
 *
 * The English catalogue is the source (`en.ts`, `as const satisfies Catalogue`); every other language is typed
 * `Translation<typeof en>`, so a missing or stray key is a type error and `tsc` keeps the French complete.
 */
export type Catalogue = Readonly<Record<string, string>>;

export type Translation<Source extends Catalogue> = { readonly [Key in keyof Source]: string };

/** One feature's catalogues, in every language the box speaks. */
export interface CatalogueSet {
  readonly en: Catalogue;
  readonly fr: Catalogue;
}
