import { describe, expect, it } from 'vitest';
import { listQuery, pageAccumulator } from '../../../web/src/lib/paging.ts';

const row = (id: string) => ({ id });

describe('pageAccumulator', () => {
	it('adds the next page below the rows shown while the filters stay the same, without doubles', () => {
		const accumulate = pageAccumulator<{ id: string }>((r) => r.id);
		expect(accumulate({ q: 'a' }, null, [row('1'), row('2')]).map((r) => r.id)).toEqual(['1', '2']);
		expect(accumulate({ q: 'a' }, 'c1', [row('2'), row('3')]).map((r) => r.id)).toEqual([
			'1',
			'2',
			'3'
		]);
	});

	it('starts over on the first page or when the filters change', () => {
		const accumulate = pageAccumulator<{ id: string }>((r) => r.id);
		accumulate({ q: 'a' }, null, [row('1')]);
		expect(accumulate({ q: 'b' }, 'c1', [row('9')]).map((r) => r.id)).toEqual(['9']);
		expect(accumulate({ q: 'b' }, null, [row('8')]).map((r) => r.id)).toEqual(['8']);
	});
});

describe('listQuery', () => {
	it('keeps the filters that are set, in order, then the cursor', () => {
		expect(listQuery({ q: 'Zoë', channel: '', tier: 'fan' }, 'abc')).toBe(
			'q=Zo%C3%AB&tier=fan&cursor=abc'
		);
		expect(listQuery({ status: '' })).toBe('');
	});
});
