import { describe, expect, it } from 'vitest';
import { canonicalHandle } from '#api/domain/customers/handles.ts';
import {
	CreateCustomerInput,
	CustomerName,
	ListCustomersInput,
	UpdateCustomerInput
} from '#api/domain/customers/schemas.ts';
import { foldForSearch } from '#api/domain/customers/search-fold.ts';

const issues = (result: {
	success: boolean;
	error?: { issues: { path: PropertyKey[]; message: string }[] };
}) => (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

describe('customer names', () => {
	it.each([
		['  Zoe\u0308 van ’t Hek ', 'Zoë van ’t Hek'],
		['Łukasz Żółć 🧦', 'Łukasz Żółć 🧦'],
		['محمد بن سلمان', 'محمد بن سلمان'],
		['👨‍👩‍👧 Familie Jansen', '👨‍👩‍👧 Familie Jansen'], // zero-width joiners inside the emoji stay
		['Nguyễn Thị Minh Khai', 'Nguyễn Thị Minh Khai']
	])('keeps %j as typed (NFC, trimmed)', (input, stored) => {
		expect(CustomerName.parse(input)).toBe(stored);
	});

	it.each([
		['', /Enter a name/],
		['   ', /Enter a name/],
		['\u200B', /Enter a name/],
		['Jan\nJansen', /control characters/],
		['Jan\u0000', /control characters/],
		['Jan\tJansen', /control characters/],
		['\uD800 lone', /broken character/],
		['a'.repeat(201), /at most 200/]
	])('refuses %j', (input, message) => {
		const result = CustomerName.safeParse(input);
		expect(result.success).toBe(false);
		expect(result.error!.issues[0]!.message).toMatch(message);
	});

	it('counts characters, not UTF-16 units: 200 emoji fit', () => {
		expect(CustomerName.parse('😀'.repeat(200))).toHaveLength(400);
	});
});

describe('handles', () => {
	it('fold @Jan, jan and ja\\u200Bn to one key', () => {
		const norms = ['@Jan', 'jan', 'ja\u200Bn', ' JAN '].map((h) => canonicalHandle('x', h));
		expect(norms.map((n) => n.ok && n.norm)).toEqual(['jan', 'jan', 'jan', 'jan']);
		expect(norms[0]).toEqual({ ok: true, handle: 'Jan', norm: 'jan' });
	});

	it('normalises WhatsApp numbers to +<country><number>', () => {
		expect(canonicalHandle('whatsapp', '0031 (6) 12-34-56-78')).toMatchObject({
			ok: true,
			handle: '+31612345678'
		});
		expect(canonicalHandle('whatsapp', '06 12345678')).toMatchObject({
			ok: false,
			message: expect.stringMatching(/country code/)
		});
	});

	it('accepts a pasted profile link of the same channel, refuses another channel’s link', () => {
		const ok = CreateCustomerInput.parse({
			name: 'Jan',
			handles: [{ channel: 'instagram', handle: 'https://www.instagram.com/jan.jansen/' }]
		});
		expect(ok.handles).toEqual([{ channel: 'instagram', handle: 'jan.jansen', followers: 0 }]);
		const wrong = CreateCustomerInput.safeParse({
			name: 'Jan',
			handles: [{ channel: 'x', handle: 'https://instagram.com/jan' }]
		});
		expect(issues(wrong)).toEqual(['handles.0.handle: This is a link to Instagram, not X.']);
	});

	it('allows one handle per channel and whole followers ≥ 0', () => {
		const twice = CreateCustomerInput.safeParse({
			name: 'Jan',
			handles: [
				{ channel: 'x', handle: 'a' },
				{ channel: 'x', handle: 'b' }
			]
		});
		expect(issues(twice)).toEqual(['handles.1.channel: Only one X handle per customer.']);
		const negative = CreateCustomerInput.safeParse({
			name: 'Jan',
			handles: [{ channel: 'x', handle: 'a', followers: -1 }]
		});
		expect(issues(negative)[0]).toMatch(/^handles\.0\.followers: /);
		const fraction = CreateCustomerInput.safeParse({
			name: 'Jan',
			handles: [{ channel: 'x', handle: 'a', followers: 1.5 }]
		});
		expect(issues(fraction)[0]).toMatch(/^handles\.0\.followers: /);
	});

	it('parses its own output again unchanged (routes validate, then the verb parses)', () => {
		const once = CreateCustomerInput.parse({
			name: ' Zoë ',
			email: 'Zoe@Example.COM',
			handles: [
				{ channel: 'whatsapp', handle: '0031612345678' },
				{ channel: 'x', handle: '@Zoe' }
			]
		});
		expect(CreateCustomerInput.parse(once)).toEqual(once);
	});
});

describe('update and list inputs', () => {
	it('an update must change something', () => {
		expect(issues(UpdateCustomerInput.safeParse({}))).toEqual([': Nothing to change.']);
		expect(UpdateCustomerInput.parse({ email: null })).toEqual({ email: null });
	});

	it('empty filters mean no filter; unknown ones are refused', () => {
		expect(ListCustomersInput.parse({ channel: '', tier: '', limit: '10' })).toEqual({
			channel: undefined,
			tier: undefined,
			limit: 10
		});
		expect(issues(ListCustomersInput.safeParse({ channel: 'myspace' }))[0]).toMatch(
			/^channel: Choose one of/
		);
	});
});

describe('foldForSearch', () => {
	it.each([
		['Zoë', 'zoe'],
		['ŁUKASZ Żółć', 'lukasz zolc'],
		['Şükrü Öztürk', 'sukru ozturk'],
		['Nguyễn', 'nguyen'],
		['Zoe\u0308', 'zoe'],
		['İstanbul', 'istanbul'],
		['محمد', 'محمد']
	])('%s → %s', (input, folded) => {
		expect(foldForSearch(input)).toBe(folded);
	});
});
