import { z } from '@hono/zod-openapi';

/** The cursor codec lives in the domain (list verbs build keyset conditions from it). */
export { decodeCursor, encodeCursor } from '../domain/pagination.ts';

export const PageQuery = {
	cursor: z
		.string()
		.max(500)
		.optional()
		.openapi({ description: 'nextCursor from the previous page' }),
	limit: z.coerce.number().int().min(1).max(200).default(50)
};

export const pageOf = <T extends z.ZodType>(item: T) =>
	z.object({ items: z.array(item), nextCursor: z.string().nullable() });
