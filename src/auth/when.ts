/**
 * A stored ISO timestamp as people read it ("22 Nov 2026, 10:00"), in the
 * box's own time zone: everyone reading it is in the same place as the box.
 */
export function formatWhen(isoTimestamp: string): string {
  return new Date(isoTimestamp).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle: 'short' });
}
