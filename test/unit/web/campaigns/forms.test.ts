import { describe, expect, it } from 'vitest';
import { mapCampaignErrors, readCampaignForm } from '#lib/campaigns/campaign-form.ts';
import { readGiftForm } from '#lib/gifts/gift-form.ts';
import {
	centsToInput,
	formatCalendarDate,
	parseEuros,
	splitRecipient
} from '#lib/campaigns/labels.ts';

describe('euro amounts as people type them', () => {
	it.each([
		['1250', 125_000],
		['1250,50', 125_050],
		['1.250,50', 125_050],
		['1,250.50', 125_050],
		['€ 12.5', 1_250],
		['0,95', 95],
		['1.250', 125_000],
		['  20 ', 2_000],
		['1 250,00', 125_000]
	])('%s → %i cents', (typed, cents) => {
		expect(parseEuros(typed)).toBe(cents);
	});

	it.each(['', 'twaalf', '-5', '1,2,3', '12.345.6789', '1.2.3', '€'])(
		'%j is not an amount',
		(typed) => {
			expect(parseEuros(typed)).toBeNull();
		}
	);

	it('cents go back into a field in the Dutch way (the default language), whole euros without decimals', () => {
		expect(centsToInput(125_050)).toBe('1250,50');
		expect(centsToInput(2_000)).toBe('20');
		expect(centsToInput(5)).toBe('0,05');
		expect(centsToInput(null)).toBe('');
		for (const cents of [0, 5, 95, 125_050, 2_000])
			expect(parseEuros(centsToInput(cents))).toBe(cents);
	});
});

describe('calendar dates and recipients', () => {
	it('a YYYY-MM-DD date is shown as that day, whatever the time zone of the server', () => {
		expect(formatCalendarDate('2026-12-31')).toMatch(/31/);
		expect(formatCalendarDate('2026-12-31')).toMatch(/2026/);
		expect(formatCalendarDate('2027-01-01')).toMatch(/^1 /);
		expect(formatCalendarDate('not a date')).toBe('not a date');
	});

	it('a "Name" <address> recipient is split; a bare address stays whole', () => {
		expect(splitRecipient('"Lotte van Dijk" <lotte@example.nl>')).toEqual({
			name: 'Lotte van Dijk',
			address: 'lotte@example.nl'
		});
		expect(splitRecipient('"O\\"Brien, Seán" <s@example.ie>')).toEqual({
			name: 'O"Brien, Seán',
			address: 's@example.ie'
		});
		expect(splitRecipient('Jeroen <j@example.nl>')).toEqual({
			name: 'Jeroen',
			address: 'j@example.nl'
		});
		expect(splitRecipient('plain@example.nl')).toEqual({ name: '', address: 'plain@example.nl' });
	});
});

describe('the campaign form', () => {
	const form = (fields: Record<string, string | string[]>) => {
		const data = new FormData();
		for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) data.append(k, one);
		return data;
	};

	it('euros become cents, an empty maximum means none, the cooldown defaults to 90 days', () => {
		const { body, localErrors } = readCampaignForm(
			form({
				name: ' Bedankweek ',
				kind: 'theme',
				startsOn: '2026-12-15',
				endsOn: '2026-12-25',
				budget: '1.250,50',
				autoApproveLimit: '',
				maxSurprises: '',
				cooldownDays: '',
				giftIds: ['a', 'b']
			})
		);
		expect(localErrors).toEqual({});
		expect(body).toEqual({
			name: 'Bedankweek',
			kind: 'theme',
			description: '',
			startsOn: '2026-12-15',
			endsOn: '2026-12-25',
			budgetCents: 125_050,
			maxSurprises: null,
			giftIds: ['a', 'b'],
			autoApproveLimitCents: 0,
			cooldownDays: 90
		});
	});

	it('what cannot be sent is marked on its own field', () => {
		const { localErrors, values } = readCampaignForm(
			form({ name: 'X', kind: 'nope', budget: 'veel', maxSurprises: '2.5', cooldownDays: 'x' })
		);
		expect(Object.keys(localErrors).sort()).toEqual([
			'budget',
			'cooldownDays',
			'kind',
			'maxSurprises'
		]);
		expect(values.budget).toBe('veel');
	});

	it("the API's field paths land beside the form's inputs", () => {
		expect(
			mapCampaignErrors({
				budgetCents: 'too much',
				autoApproveLimitCents: 'no',
				'giftIds.2': 'inactive',
				endsOn: 'before start'
			})
		).toEqual({
			budget: 'too much',
			autoApproveLimit: 'no',
			giftIds: 'inactive',
			endsOn: 'before start'
		});
	});
});

describe('the gift form', () => {
	it('a face value only counts for a voucher', () => {
		const data = new FormData();
		data.set('name', 'Sokken');
		data.set('kind', 'item');
		data.set('unitCost', '6,50');
		data.set('faceValue', '15');
		expect(readGiftForm(data).body).toMatchObject({
			kind: 'item',
			unitCostCents: 650,
			faceValueCents: null,
			active: false
		});
		data.set('kind', 'voucher');
		data.set('active', 'on');
		expect(readGiftForm(data).body).toMatchObject({
			kind: 'voucher',
			faceValueCents: 1_500,
			active: true
		});
	});
});
