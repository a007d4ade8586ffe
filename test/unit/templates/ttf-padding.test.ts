import fontkit from '@pdf-lib/fontkit';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { padGlyphs } from '../../../templates/render/ttf-padding.ts';

const require = createRequire(import.meta.url);
const file = (pkg: string, f: string) =>
	readFileSync(path.join(path.dirname(require.resolve(`${pkg}/package.json`)), f));

type Font = {
	numGlyphs: number;
	loca: { offsets: number[] };
	getGlyph(id: number): { path: { toSVG(): string }; advanceWidth: number };
	createSubset(): { includeGlyph(id: number): number; encodeStream(): NodeJS.EventEmitter };
};

async function subsetBytes(font: Font, ids: number[]): Promise<Uint8Array> {
	const subset = font.createSubset();
	for (const id of ids) subset.includeGlyph(id);
	const parts: Uint8Array[] = [];
	await new Promise((resolve) =>
		subset
			.encodeStream()
			.on('data', (b: Uint8Array) => parts.push(b))
			.on('end', resolve)
	);
	return Buffer.concat(parts);
}

describe('padGlyphs', () => {
	const hand = new Uint8Array(
		file('@expo-google-fonts/patrick-hand', '400Regular/PatrickHand_400Regular.ttf')
	);

	it('pads every glyph to 4 bytes and keeps every outline and advance', () => {
		const before = fontkit.create(hand) as unknown as Font;
		const after = fontkit.create(padGlyphs(hand)) as unknown as Font;
		const offsets = after.loca.offsets;
		for (let i = 0; i < after.numGlyphs; i++) expect((offsets[i + 1]! - offsets[i]!) % 4).toBe(0);
		for (let i = 0; i < before.numGlyphs; i += 7) {
			expect(after.getGlyph(i).path.toSVG()).toBe(before.getGlyph(i).path.toSVG());
			expect(after.getGlyph(i).advanceWidth).toBe(before.getGlyph(i).advanceWidth);
		}
	});

	it('makes fontkit subsets of Patrick Hand readable (unpadded, most glyphs come out broken)', async () => {
		const ids = [44, 83, 77, 90, 70, 91];
		const check = async (bytes: Uint8Array) => {
			const sub = fontkit.create(
				await subsetBytes(fontkit.create(bytes) as unknown as Font, ids)
			) as unknown as Font;
			try {
				return ids.every((_, k) => sub.getGlyph(k + 1).path.toSVG().length > 0);
			} catch {
				return false;
			}
		};
		expect(await check(padGlyphs(hand))).toBe(true);
		expect(await check(hand)).toBe(false);
	});

	it('returns an already padded font (DejaVu) unchanged', () => {
		const dejavu = new Uint8Array(file('dejavu-fonts-ttf', 'ttf/DejaVuSans.ttf'));
		expect(padGlyphs(dejavu)).toBe(dejavu);
	});
});
