// Path parameters checked with zod before they reach a query: a malformed one is a 400 naming it.
import { z } from 'zod';
import { InvalidInput } from '../../domain/errors.ts';

const sessionId = z
  .string()
  .regex(/^[1-9][0-9]{0,9}$/, 'id must be a positive whole number')
  .transform(Number)
  // The column is a 32-bit integer on PostgreSQL: larger values would fail in the database.
  .pipe(z.number().max(2_147_483_647, 'id must be a positive whole number'));

const countryCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, 'code must be an ISO 3166-1 alpha-2 country code such as CA')
  .transform((s) => s.toUpperCase());

function check<T>(schema: z.ZodType<T, string>, value: string): T {
  const r = schema.safeParse(value);
  if (!r.success) throw new InvalidInput(r.error.issues.map((i) => i.message).join('; '));
  return r.data;
}

export const parseSessionId = (raw: string): number => check(sessionId, raw);
export const parseCountryCode = (raw: string): string => check(countryCode, raw);
