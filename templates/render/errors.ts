/** A request the renderer cannot serve (unknown template, start position beyond the sheet …). */
export class RenderInputError extends Error {
	readonly field: 'templateId' | 'startPosition' | 'labels' | 'cards';
	/** What went wrong, for a caller that tells it in its reader's language (the app's catalogue: `print_render_<code>`). */
	readonly code:
		'unknown_card_template' | 'unknown_label_template' | 'start_position' | 'nothing_to_print';
	readonly params: Record<string, string | number>;
	constructor(
		field: RenderInputError['field'],
		message: string,
		code: RenderInputError['code'],
		params: Record<string, string | number> = {}
	) {
		super(message);
		this.name = 'RenderInputError';
		this.field = field;
		this.code = code;
		this.params = params;
	}
}

/** The part of a card or label a flag is about. */
export type FlagPart =
	| 'message'
	| 'signature'
	| 'name'
	| 'reference'
	| 'text'
	| 'address'
	| 'return_address'
	| 'postage'
	| 'voucher_code';

/**
 * What went wrong, for a caller that tells it in its reader's language (the app's catalogue:
 * `print_flag_<code>`, with `part` as `print_part_<part>`); `detail` says the same in English for
 * the command line and the print log.
 */
export type FlagProblem =
	| { code: 'glyph_missing'; params: { text: string; codePoints: string } }
	| { code: 'control_removed' | 'bidi_closed'; params: { codePoint: string } }
	| { code: 'does_not_fit'; params: { part: FlagPart } }
	| { code: 'barcode_unencodable'; params: { reference: string } }
	| { code: 'barcode_too_small'; params: { reference: string; minModule: number } };

export type Flag = {
	reference: string;
	kind: 'unprintable_glyph' | 'overflow';
	detail: string;
} & Partial<FlagProblem>;

/** Collects flags, once per reference, kind and detail. */
export class FlagList {
	readonly flags: Flag[] = [];
	private readonly seen = new Set<string>();
	add(reference: string, kind: Flag['kind'], problem: FlagProblem, detail: string): void {
		const key = `${reference}\u0000${kind}\u0000${detail}`;
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.flags.push({ reference, kind, ...problem, detail });
	}
}
