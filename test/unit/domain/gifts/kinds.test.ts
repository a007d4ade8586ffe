import { describe, expect, it } from 'vitest';
import { giftDelivery, giftKinds } from '../../../../db/schema/enums.ts';
import en from '../../../../api/src/messages/en.json' with { type: 'json' };
import nl from '../../../../api/src/messages/nl.json' with { type: 'json' };
import { isMailed } from '../../../../api/src/domain/surprises/postage.ts';
import { kindOf } from '../../../../api/src/domain/surprises/surprise-view.ts';
import { giftKindLabel } from '#lib/campaigns/labels.ts';
import { overwriteGetLocale } from '#lib/paraglide/runtime.js';

describe('gift kinds, named once in db/schema/enums.ts', () => {
	it('gives every kind its word in both catalogues', () => {
		for (const catalogue of [en, nl] as Record<string, string>[])
			expect(giftKinds.filter((kind) => !catalogue[`gift_kind_${kind}`])).toEqual([]);
	});

	it('shows the catalogue word on the pages, read by its key, in the reader language', () => {
		overwriteGetLocale(() => 'nl');
		expect(giftKinds.map(giftKindLabel)).toEqual(giftKinds.map((k) => nl[`gift_kind_${k}`]));
		overwriteGetLocale(() => 'en');
		expect(giftKindLabel('experience')).toBe('experience');
		expect(giftKindLabel('unheard_of')).toBe('unheard_of');
	});

	it('mails a surprise when any gift goes by post, and keeps it digital only when all go by email', () => {
		expect(giftKinds.filter((k) => isMailed([k]))).toEqual(
			giftKinds.filter((k) => giftDelivery[k] === 'post')
		);
		expect(isMailed(['digital', 'card'])).toBe(true);
		expect(isMailed(['experience'])).toBe(false);
		expect(kindOf(['digital'])).toBe('digital');
		expect(kindOf(['digital', 'experience'])).toBe('physical');
		expect(kindOf([])).toBe('physical');
	});
});
