import { z } from '@hono/zod-openapi';

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
