/**
 * French elides "de" before a vowel: "d’Eye", "d’Ipswich", "d’Yverdon", but "de Diss", "de Harleston" (before
 * an h, mute or not, town names vary, so "de" is kept), "de Yaoundé" (a y before a vowel is a consonant).
 */
const ELIDES = /^(?:[aeiouàâäéèêëîïôöùûüæœ]|y[^aeiouàâäéèêëîïôöùûü])/i;

/** "de" joined to a name the French way: `deName('Eye')` is "d’Eye", `deName('Diss')` is "de Diss". */
function deName(name: string): string {
  return ELIDES.test(name) ? `d’${name}` : `de ${name}`;
}

/**
 * The values a French sentence may use besides those given: for each text value `x`, `de_x`, the name with its "de"
 * (`deName`). A French catalogue writes "le boîtier {de_town}" where "le boîtier de {town}" would read "de Eye".
 */
export function withFrenchDe(values: Record<string, string | number | Date>): Record<string, string | number | Date> {
  const all = { ...values };
  for (const [name, value] of Object.entries(values)) {
    if (typeof value === 'string') all[`de_${name}`] = deName(value);
  }
  return all;
}
