/**
 * The shape of a label sheet or card design in `templates/labels/*.json` and `templates/cards/*.json`.
 * All lengths are millimetres; boxes are measured from the top-left corner of the label or card as
 * it is read (after any rotation). A new sheet or design is a new JSON file, no code.
 */
// zod/mini: the same checks and messages as zod, at a tenth of its load time in a print process
// (templates are validated in every one).
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini loads no messages by default; the English ones, as zod itself has.
z.config(en());

const mm = z.number().check(z.positive());
const mm0 = z.number().check(z.minimum(0));

export const FontId = z
	.string()
	.check(z.regex(/^[a-z0-9-]+$/, 'a font id from templates/assets/fonts.json'));

export const Box = z.strictObject({ x: mm0, y: mm0, width: mm, height: mm });
export type Box = z.infer<typeof Box>;

const Color = z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c'));

export const TextStyle = z.strictObject({
	/** First font that has a character draws it; the rest are fallbacks. */
	fonts: z.array(FontId).check(z.minLength(1)),
	/** Preferred size in points; text shrinks down to minSize to fit its box, then is flagged. */
	size: z.number().check(z.minimum(3), z.maximum(96)),
	minSize: z.number().check(z.minimum(3), z.maximum(96)),
	lineHeight: z._default(z.number().check(z.minimum(0.8), z.maximum(3)), 1.2),
	align: z._default(z.enum(['left', 'center', 'right']), 'left'),
	valign: z._default(z.enum(['top', 'middle', 'bottom']), 'top'),
	color: z._default(Color, '#000000')
});
export type TextStyle = z.infer<typeof TextStyle>;

const Grid = z.strictObject({
	columns: z.int().check(z.minimum(1), z.maximum(20)),
	rows: z.int().check(z.minimum(1), z.maximum(40)),
	/** Offset of the first cell's top-left corner from the page's top-left corner. */
	left: mm0,
	top: mm0,
	/** Distance from one cell's left (top) edge to the next one's. */
	pitchX: mm,
	pitchY: mm
});

const Size = z.strictObject({ width: mm, height: mm });

const TemplateBase = {
	id: z
		.string()
		.check(
			z.regex(
				/^[a-z0-9][a-z0-9-]*$/,
				'lower-case letters, digits and dashes (the file name without .json)'
			)
		),
	name: z.string().check(z.minLength(1), z.maxLength(120)),
	/** The name in other languages (the app shows it to a reader of that language). */
	names: z.optional(
		z.strictObject({ nl: z.optional(z.string().check(z.minLength(1), z.maxLength(120))) })
	),
	description: z.optional(z.string().check(z.maxLength(500))),
	page: Size,
	grid: Grid
};

export const LabelTemplate = z.strictObject({
	...TemplateBase,
	kind: z.literal('label'),
	media: z.enum(['sheet', 'thermal']),
	label: z.strictObject({ width: mm, height: mm, cornerRadius: z._default(mm0, 0) }),
	/** Degrees the content is turned within the label (DYMO labels feed short edge first: 90). */
	rotation: z._default(z.union([z.literal(0), z.literal(90), z.literal(270)]), 0),
	layout: z.strictObject({
		returnAddress: z.optional(
			z.strictObject({
				box: Box,
				style: TextStyle,
				/** Set: the lines are joined into one line with this separator. */
				joinWith: z.optional(z.string().check(z.maxLength(5)))
			})
		),
		recipient: z.strictObject({
			box: Box,
			/** Where the recipient goes when a QR code takes room on the label. */
			boxWithQr: z.optional(Box),
			style: TextStyle,
			/** The first line (the name) in this font, e.g. bold. */
			firstLineFonts: z.optional(z.array(FontId).check(z.minLength(1)))
		}),
		barcode: z.optional(
			z.strictObject({
				box: Box,
				/** Narrowest bar in mm; shrinks to minModule to fit the box. */
				module: mm,
				minModule: mm
			})
		),
		qr: z.optional(z.strictObject({ box: Box })),
		reference: z.optional(z.strictObject({ box: Box, style: TextStyle })),
		postage: z.optional(
			z.strictObject({ box: Box, style: TextStyle, frame: z._default(z.boolean(), true) })
		)
	})
});
export type LabelTemplate = z.infer<typeof LabelTemplate>;

const Panel = {
	box: Box
};

export const CardElement = z.discriminatedUnion('type', [
	z.strictObject({
		type: z.literal('logo'),
		...Panel,
		align: z._default(z.enum(['left', 'center', 'right']), 'left')
	}),
	z.strictObject({
		type: z.literal('field'),
		field: z.enum(['message', 'signature', 'recipientName', 'reference', 'voucherCode']),
		/** Text put before the value, e.g. "Voor " before the recipient's name. */
		prefix: z._default(z.string().check(z.maxLength(40)), ''),
		...Panel,
		style: TextStyle
	}),
	z.strictObject({
		type: z.literal('text'),
		text: z.string().check(z.minLength(1), z.maxLength(500)),
		...Panel,
		style: TextStyle
	}),
	z.strictObject({
		type: z.literal('line'),
		x1: mm0,
		y1: mm0,
		x2: mm0,
		y2: mm0,
		width: z._default(z.number().check(z.positive(), z.maximum(5)), 0.3),
		color: z._default(Color, '#999999'),
		dash: z.optional(z.array(z.number().check(z.positive())).check(z.maxLength(4)))
	})
]);
export type CardElement = z.infer<typeof CardElement>;

export const CardTemplate = z.strictObject({
	...TemplateBase,
	kind: z.literal('card'),
	card: Size,
	/** Short marks outside the cards where the sheet is cut. */
	cropMarks: z.optional(
		z.strictObject({
			length: mm,
			offset: mm0,
			width: z._default(z.number().check(z.positive(), z.maximum(2)), 0.25)
		})
	),
	/** One page per side; two sides are printed duplex (flip on the short edge). */
	sides: z
		.array(z.strictObject({ elements: z.array(CardElement) }))
		.check(z.minLength(1), z.maxLength(2)),
	/** How much text the message box takes: read by the card checks in the API. */
	limits: z.strictObject({
		maxChars: z.int().check(z.positive()),
		maxLines: z.int().check(z.positive()),
		charsPerLine: z.int().check(z.positive())
	})
});
export type CardTemplate = z.infer<typeof CardTemplate>;

export const FontManifest = z.record(
	FontId,
	z.strictObject({
		/** npm package that ships the TTF (a dependency of the app) and the file inside it. */
		package: z.string().check(z.minLength(1)),
		file: z.string().check(z.regex(/\.ttf$/, 'a .ttf file (WOFF2 subsetting crashed the process)')),
		/** Six capital letters: the PDF subset tag (pdffonts shows it as a subset). */
		tag: z.string().check(z.regex(/^[A-Z]{6}$/)),
		licence: z.string().check(z.minLength(1))
	})
);
export type FontManifest = z.infer<typeof FontManifest>;
