import { describe, expect, it } from 'vitest';
import { formFields, readForm } from '#lib/server/form.ts';

/** A POST as a browser sends it: urlencoded by default, multipart when the form has a file. */
const urlencoded = (pairs: [string, string][]) =>
	new Request('http://localhost/x', {
		method: 'POST',
		headers: { 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams(pairs).toString()
	});
const multipart = (build: (form: FormData) => void) => {
	const form = new FormData();
	build(form);
	return new Request('http://localhost/x', { method: 'POST', body: form });
};

describe('readForm', () => {
	it('trims text by default, keeps it as typed when asked, and reads a missing field as empty', async () => {
		const form = await readForm(
			urlencoded([
				['name', '  Anaïs  '],
				['notes', '  two\nlines  ']
			])
		);
		expect(form.text('name')).toBe('Anaïs');
		expect(form.text('notes', { trim: false })).toBe('  two\nlines  ');
		expect(form.text('missing')).toBe('');
		expect(form.text('missing', { trim: false })).toBe('');
	});

	it('cuts text at a maximum after trimming', async () => {
		const form = await readForm(urlencoded([['text', ' abcdef ']]));
		expect(form.text('text', { max: 3 })).toBe('abc');
		expect(form.text('text', { trim: false, max: 3 })).toBe(' ab');
	});

	it('reads an optional field as undefined when it is empty, blank or missing', async () => {
		const form = await readForm(
			urlencoded([
				['email', ''],
				['blank', '   '],
				['set', ' a@b.nl ']
			])
		);
		expect(form.optional('email')).toBeUndefined();
		expect(form.optional('blank')).toBeUndefined();
		expect(form.optional('missing')).toBeUndefined();
		expect(form.optional('set')).toBe('a@b.nl');
	});

	it('reads numbers: empty or missing is undefined, garbage is NaN for the caller to refuse', async () => {
		const form = await readForm(
			urlencoded([
				['start', ' 3 '],
				['zero', '0'],
				['empty', ''],
				['bad', 'drie'],
				['negative', '-4']
			])
		);
		expect(form.number('start')).toBe(3);
		expect(form.number('zero')).toBe(0);
		expect(form.number('negative')).toBe(-4);
		expect(form.number('empty')).toBeUndefined();
		expect(form.number('missing')).toBeUndefined();
		expect(form.number('bad')).toBeNaN();
	});

	it('reads checkboxes: sent with its value is true, anything else false', async () => {
		const form = await readForm(
			urlencoded([
				['active', 'on'],
				['consent', 'yes'],
				['odd', 'true']
			])
		);
		expect(form.checked('active')).toBe(true);
		expect(form.checked('missing')).toBe(false);
		expect(form.checked('odd')).toBe(false);
		expect(form.checked('consent', 'yes')).toBe(true);
		expect(form.checked('active', 'yes')).toBe(false);
	});

	it('reads a repeated field as an array in the order sent, empty values left out', async () => {
		const form = await readForm(
			urlencoded([
				['giftIds', 'a'],
				['giftIds', ''],
				['giftIds', 'b'],
				['giftIds', 'a'],
				['one', 'x']
			])
		);
		expect(form.all('giftIds')).toEqual(['a', 'b', 'a']);
		expect(form.all('one')).toEqual(['x']);
		expect(form.all('missing')).toEqual([]);
		// A single read of a repeated field gives the first value, as FormData does.
		expect(form.text('giftIds')).toBe('a');
	});

	it('reads a group of prefixed fields by key, the first value of each, empty ones left out', async () => {
		const form = await readForm(
			urlencoded([
				['variant.a1', 'v-maat-m'],
				['variant.b2', ''],
				['variant.c3', 'v-1'],
				['variant.c3', 'v-2'],
				['variantx', 'no'],
				['address.street', 'Keizersgracht']
			])
		);
		expect(form.prefixed('variant.')).toEqual({ a1: 'v-maat-m', c3: 'v-1' });
		expect(form.prefixed('nothing.')).toEqual({});
	});

	it('keeps diacritics, emoji and right-to-left text exactly as typed (no normalisation)', async () => {
		const decomposed = 'Ame\u0301lie'; // e + combining acute, not é
		const values = {
			name: 'Zoë Ŝtraße-Çelik',
			decomposed,
			emoji: 'Bedankt! 🎉👩🏽‍💻🇳🇱',
			rtl: 'شكرا جزيلا — תודה רבה',
			mixed: '\u202Bنص\u202C abc'
		};
		for (const request of [
			urlencoded(Object.entries(values)),
			multipart((form) => {
				for (const [k, v] of Object.entries(values)) form.append(k, v);
			})
		]) {
			const form = await readForm(request);
			for (const [k, v] of Object.entries(values)) expect(form.text(k)).toBe(v);
			expect(form.text('decomposed')).not.toBe(decomposed.normalize('NFC'));
			expect([...form.text('emoji')].length).toBe([...values.emoji].length);
		}
	});

	it('reads an uploaded file, and never turns a file into text', async () => {
		const form = await readForm(
			multipart((form) => {
				form.append('file', new File(['naam\nAnaïs'], 'klanten.csv', { type: 'text/csv' }));
				form.append('empty', new File([], 'leeg.csv'));
				form.append('csv', 'pasted');
			})
		);
		const file = form.file('file');
		expect(file?.name).toBe('klanten.csv');
		expect(await file?.text()).toBe('naam\nAnaïs');
		expect(form.file('empty')).toBeUndefined();
		expect(form.file('csv')).toBeUndefined();
		expect(form.file('missing')).toBeUndefined();
		expect(form.text('file')).toBe('');
		expect(form.all('file')).toEqual([]);
		expect(form.text('csv')).toBe('pasted');
	});

	it('tells a field sent empty from one not sent', async () => {
		const form = await readForm(urlencoded([['value', '']]));
		expect(form.has('value')).toBe(true);
		expect(form.has('missing')).toBe(false);
	});

	it('wraps FormData once: the helpers that take either accept an already read form', () => {
		const data = new FormData();
		data.set('name', ' x ');
		const fields = formFields(data);
		expect(formFields(fields)).toBe(fields);
		expect(fields.text('name')).toBe('x');
	});
});
