/**
 * The URL-safe form of a name, for member handles and group addresses:
 * "Jo Smith" → "jo-smith", "Café Crème" → "cafe-creme". May be empty (a name
 * of only symbols); callers supply their own fallback.
 */
export function slugify(name: string, maxLength: number): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, maxLength)
    .replace(/-+$/, '');
}
