/**
 * Pads every glyph of a TrueType font to 4 bytes. fontkit's subsetter copies glyph records as they
 * are and then writes a short `loca` (offsets / 2) when the subset is small: a font with odd-length
 * glyphs (many Google Fonts builds, e.g. Patrick Hand, Caveat) comes out with shifted glyphs and
 * most letters blank. Fonts already padded (DejaVu) are returned unchanged.
 */
export function padGlyphs(input: Uint8Array): Uint8Array {
	const view = new DataView(input.buffer, input.byteOffset, input.byteLength);
	const numTables = view.getUint16(4);
	const tables = new Map<string, { offset: number; length: number }>();
	const order: string[] = [];
	for (let i = 0; i < numTables; i++) {
		const rec = 12 + i * 16;
		const tag = String.fromCharCode(input[rec]!, input[rec + 1]!, input[rec + 2]!, input[rec + 3]!);
		tables.set(tag, { offset: view.getUint32(rec + 8), length: view.getUint32(rec + 12) });
		order.push(tag);
	}
	const head = tables.get('head');
	const loca = tables.get('loca');
	const glyf = tables.get('glyf');
	const maxp = tables.get('maxp');
	if (!head || !loca || !glyf || !maxp) return input;
	const longLoca = view.getInt16(head.offset + 50) === 1;
	const numGlyphs = view.getUint16(maxp.offset + 4);
	const offsets: number[] = [];
	for (let i = 0; i <= numGlyphs; i++)
		offsets.push(
			longLoca ? view.getUint32(loca.offset + i * 4) : view.getUint16(loca.offset + i * 2) * 2
		);
	let aligned = true;
	for (let i = 0; i < numGlyphs; i++)
		if ((offsets[i + 1]! - offsets[i]!) % 4 !== 0) aligned = false;
	if (aligned) return input;

	// New glyf (each glyph padded) and a long loca.
	const glyphs: Uint8Array[] = [];
	const newOffsets = [0];
	for (let i = 0; i < numGlyphs; i++) {
		const len = offsets[i + 1]! - offsets[i]!;
		const padded = new Uint8Array((len + 3) & ~3);
		padded.set(input.subarray(glyf.offset + offsets[i]!, glyf.offset + offsets[i + 1]!));
		glyphs.push(padded);
		newOffsets.push(newOffsets[i]! + padded.length);
	}
	const newGlyf = new Uint8Array(newOffsets[numGlyphs]!);
	glyphs.forEach((g, i) => newGlyf.set(g, newOffsets[i]!));
	const newLoca = new Uint8Array((numGlyphs + 1) * 4);
	const locaView = new DataView(newLoca.buffer);
	newOffsets.forEach((o, i) => locaView.setUint32(i * 4, o));
	const newHead = input.slice(head.offset, head.offset + head.length);
	new DataView(newHead.buffer).setInt16(50, 1);
	new DataView(newHead.buffer).setUint32(8, 0); // checkSumAdjustment: recomputed below

	const data = new Map<string, Uint8Array>();
	for (const tag of order) {
		const t = tables.get(tag)!;
		data.set(
			tag,
			tag === 'glyf'
				? newGlyf
				: tag === 'loca'
					? newLoca
					: tag === 'head'
						? newHead
						: input.subarray(t.offset, t.offset + t.length)
		);
	}
	const headerLength = 12 + numTables * 16;
	let size = headerLength;
	for (const tag of order) size += (data.get(tag)!.length + 3) & ~3;
	const out = new Uint8Array(size);
	const outView = new DataView(out.buffer);
	out.set(input.subarray(0, 12));
	let offset = headerLength;
	const checksum = (bytes: Uint8Array) => {
		let sum = 0;
		const padded = new Uint8Array((bytes.length + 3) & ~3);
		padded.set(bytes);
		const v = new DataView(padded.buffer);
		for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
		return sum;
	};
	order.forEach((tag, i) => {
		const bytes = data.get(tag)!;
		const rec = 12 + i * 16;
		out.set(input.subarray(12 + i * 16, 12 + i * 16 + 4), rec);
		outView.setUint32(rec + 4, checksum(bytes));
		outView.setUint32(rec + 8, offset);
		outView.setUint32(rec + 12, bytes.length);
		out.set(bytes, offset);
		offset += (bytes.length + 3) & ~3;
	});
	const headOffset = outView.getUint32(12 + order.indexOf('head') * 16 + 8);
	outView.setUint32(headOffset + 8, (0xb1b0afba - checksum(out)) >>> 0);
	return out;
}
