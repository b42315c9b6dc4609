import { z } from 'zod';

/**
 * Members sign in with an email address or a phone number. Both are stored
 * normalised so that "Jo@Example.org" and "jo@example.org", or "07700 900123"
 * and "+44 7700 900123", are the same account.
 */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** UK numbers in national form become +44; other formats keep their digits and a leading +. */
function normalisePhone(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '');
  if (digits.startsWith('+')) return `+${digits.slice(1).replace(/\+/g, '')}`;
  if (digits.startsWith('00')) return `+${digits.slice(2)}`;
  if (digits.startsWith('0')) return `+44${digits.slice(1)}`;
  return `+${digits}`;
}

const emailShape = z.email();

function looksLikeEmail(value: string): boolean {
  return value.length <= 254 && emailShape.safeParse(value.trim()).success;
}

function looksLikePhone(value: string): boolean {
  const digits = value.replace(/[\s\-().]/g, '');
  return /^\+?\d{7,15}$/.test(digits);
}

/** Reads "email or phone" as typed into one field: which it is, normalised; null when it is neither. */
export function parseContact(value: string): { email: string } | { phone: string } | null {
  const trimmed = value.trim();
  if (looksLikeEmail(trimmed)) return { email: normaliseEmail(trimmed) };
  if (looksLikePhone(trimmed)) return { phone: normalisePhone(trimmed) };
  return null;
}
