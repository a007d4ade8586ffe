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

export interface Flag {
	reference: string;
	kind: 'unprintable_glyph' | 'overflow';
	detail: string;
}

/** Collects flags, once per reference, kind and detail. */
export class FlagList {
	readonly flags: Flag[] = [];
	private readonly seen = new Set<string>();
	add(reference: string, kind: Flag['kind'], detail: string): void {
		const key = `${reference}\u0000${kind}\u0000${detail}`;
		if (this.seen.has(key)) return;
		this.seen.add(key);
		this.flags.push({ reference, kind, detail });
	}
}
