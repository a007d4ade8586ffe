import { z } from 'zod';
import { zodText } from '../../messages/zod.ts';
import { Email } from '../accounts/schemas.ts';
import { LOGO_TYPES } from './logo.ts';

const OneLine = (max: number) =>
	z
		.string()
		.transform((s) => s.normalize('NFC').trim())
		.pipe(
			z
				.string()
				.min(1, zodText('enter_name'))
				.max(max)
				.regex(/^[^\p{Cc}\u2028\u2029]*$/u, zodText('setting_no_control_characters'))
		);
const Why = z
	.string()
	.transform((s) => s.normalize('NFC').trim())
	.pipe(
		z
			.string()
			.max(500, zodText('brand_at_most_500'))
			.regex(/^[^\p{Cc}\u2028\u2029]*$/u, zodText('setting_no_control_characters'))
	);

/** Relative luminance (WCAG 2): the colour carries white text on buttons, so it must be dark enough. */
function contrastWithWhite(hex: string): number {
	const [r, g, b] = [1, 3, 5].map((i) => {
		const c = parseInt(hex.slice(i, i + 2), 16) / 255;
		return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
	}) as [number, number, number];
	return 1.05 / (0.2126 * r + 0.7152 * g + 0.0722 * b + 0.05);
}

export const BrandInput = z.object({
	name: OneLine(100),
	color: z
		.string()
		.trim()
		.toLowerCase()
		.regex(/^#[0-9a-f]{6}$/, zodText('brand_color_hex'))
		.refine((c) => contrastWithWhite(c) >= 4.5, zodText('brand_color_too_light')),
	senderName: OneLine(100),
	replyTo: z.union([z.literal('').transform(() => null), Email]).nullable(),
	privacyUrl: z
		.union([
			z.literal('').transform(() => null),
			z
				.string()
				.trim()
				.max(500)
				.pipe(z.url({ protocol: /^https?$/, ...zodText('brand_url_http') }))
		])
		.nullable(),
	addressWhy: z.object({ nl: Why, en: Why }),
	showSentWith: z.boolean(zodText('use_true_or_false'))
});
export type BrandInput = z.infer<typeof BrandInput>;

export const BrandLogoInput = z.object({
	type: z.enum(LOGO_TYPES),
	/** The file, base64. */
	data: z.string().max(400_000, zodText('logo_too_large', { kb: 256 }))
});
