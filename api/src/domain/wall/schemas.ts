import { z } from 'zod';
import { wallLocales, wallThemes } from '../../../../db/schema/index.ts';
import { zodText } from '../../messages/zod.ts';

const LinkName = z
	.string()
	.transform((s) => s.normalize('NFC').trim())
	.pipe(z.string().min(1, zodText('give_display_link_name')).max(100));

export const CreateDisplayLinkInput = z.object({
	name: LinkName,
	showNegative: z.boolean().default(false),
	theme: z.enum(wallThemes).default('dark'),
	locale: z.enum(wallLocales).default('nl')
});
export type CreateDisplayLinkInput = z.infer<typeof CreateDisplayLinkInput>;

export const UpdateDisplayLinkInput = z.object({
	name: LinkName.optional(),
	showNegative: z.boolean().optional(),
	theme: z.enum(wallThemes).optional(),
	locale: z.enum(wallLocales).optional()
});
export type UpdateDisplayLinkInput = z.infer<typeof UpdateDisplayLinkInput>;
