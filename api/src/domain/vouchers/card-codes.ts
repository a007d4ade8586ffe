import type { Ctx } from '../context.ts';
import { maskCode } from '../gifts/gift-view.ts';
import { auditCodeReveal, surpriseCodes } from './surprise-codes.ts';

/**
 * The card's code line per surprise, for codes whose channel is the card: `CODE` or `CODE · PIN 1234`,
 * several joined by line breaks. Printing is the code's one way out, so it is audited; a preview
 * gets the masked code.
 */
export async function cardCodes(
	ctx: Ctx,
	surpriseIds: string[],
	mode: 'print' | 'mask'
): Promise<Map<string, string>> {
	const codes = await surpriseCodes(ctx, surpriseIds, 'card');
	if (mode === 'print' && codes.length) await auditCodeReveal(ctx, codes, 'card');
	const lines = new Map<string, string[]>();
	for (const c of codes) {
		const code = mode === 'print' ? c.code : maskCode(c.code);
		const pin = c.pin ? ` · PIN ${mode === 'print' ? c.pin : maskCode(c.pin)}` : '';
		lines.set(c.surpriseId, [...(lines.get(c.surpriseId) ?? []), `${code}${pin}`]);
	}
	return new Map([...lines].map(([id, l]) => [id, l.join('\n')]));
}
