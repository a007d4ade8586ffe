import { z } from '@hono/zod-openapi';
import { ValidationError } from '../domain/errors.ts';

/** Opaque keyset cursor: the sort value and the id of the last row of the page. */
export function encodeCursor(sortValue: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sortValue, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { sortValue: string | number; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed.length === 2 && typeof parsed[1] === 'string' && ['string', 'number'].includes(typeof parsed[0])) {
      return { sortValue: parsed[0] as string | number, id: parsed[1] };
    }
  } catch {
    /* fall through */
  }
  throw new ValidationError('The cursor is not valid.', [{ field: 'cursor', message: 'Use the nextCursor of a previous page.' }]);
}

export const PageQuery = {
  cursor: z.string().max(500).optional().openapi({ description: 'nextCursor from the previous page' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
};

export const pageOf = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() });
