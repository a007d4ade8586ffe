import { describe, expect, it } from 'vitest';
import { parseCustomerCsv } from '#api/domain/customers/customer-csv.ts';
import { ValidationError } from '#api/domain/errors.ts';

const fieldsOf = (fn: () => unknown) => {
	try {
		fn();
	} catch (error) {
		expect(error).toBeInstanceOf(ValidationError);
		return {
			message: (error as ValidationError).message,
			fields: (error as ValidationError).fields
		};
	}
	throw new Error('expected a ValidationError');
};

describe('parseCustomerCsv', () => {
	it('reads a comma file with every column and canonicalises values', () => {
		const csv = [
			'Name,E-mail,Locale,Notes,Twitter,Facebook,Instagram,LinkedIn,WhatsApp,followers_x,followers_instagram',
			'Zoë van ’t Hek,Zoe@Example.com,EN,"likes socks, red",@ZoeHek,zoe.hek,zoe.hek,zoe-hek,+31 6 1234 5678,120,3400',
			'محمد,,,,,,,,,,'
		].join('\r\n');
		const rows = parseCustomerCsv(csv);
		expect(rows).toHaveLength(2);
		expect(rows[0]!.errors).toEqual([]);
		expect(rows[0]!.line).toBe(2);
		expect(rows[0]!.values.x).toBe('@ZoeHek');
		const zoe = rows[0]!.customer!;
		expect(zoe.name).toBe('Zoë van ’t Hek');
		expect(zoe.email).toBe('zoe@example.com');
		expect(zoe.locale).toBe('en');
		expect(zoe.notes).toBe('likes socks, red');
		expect(zoe.handles).toEqual([
			{ channel: 'x', handle: 'ZoeHek', followers: 120 },
			{ channel: 'facebook', handle: 'zoe.hek', followers: 0 },
			{ channel: 'instagram', handle: 'zoe.hek', followers: 3400 },
			{ channel: 'linkedin', handle: 'zoe-hek', followers: 0 },
			{ channel: 'whatsapp', handle: '+31612345678', followers: 0 },
			{ channel: 'email', handle: 'Zoe@Example.com', followers: 0 }
		]);
		expect(rows[1]!.customer).toMatchObject({ name: 'محمد', handles: [], locale: 'nl' });
	});

	it('detects semicolons (Dutch Excel), strips a BOM and skips blank rows, keeping file line numbers', () => {
		const csv = '\uFEFFname;x\nJan;jan\n\n;\n"Piet\nJansen";piet\nKees;kees\n';
		const rows = parseCustomerCsv(csv);
		expect(rows.map((r) => [r.line, r.customer?.name])).toEqual([
			[2, 'Jan'],
			[5, undefined], // a name with a line break is refused; its record starts on line 5
			[7, 'Kees']
		]);
		expect(rows[1]!.errors).toEqual([
			{ line: 5, field: 'name', message: expect.stringMatching(/line breaks/) }
		]);
	});

	it('reports per-row errors by column', () => {
		const csv = [
			'name,x,instagram,whatsapp,followers_x,followers_instagram,email',
			',jan,,,,,',
			'Bad handles,this has spaces,https://instagram.com/p/abc,0612345678,,,',
			'Bad followers,kees,,,-3,12,',
			'Bad mail,,,,,,not-an-email',
			'Too many cells,piet,,,,,,extra'
		].join('\n');
		const rows = parseCustomerCsv(csv);
		const errors = rows.flatMap((r) => r.errors.map((e) => `${e.line}:${e.field}`));
		expect(errors).toEqual([
			'2:name',
			'3:x',
			'3:instagram',
			'3:whatsapp',
			'4:followers_x',
			'4:followers_instagram',
			'5:email',
			'6:row'
		]);
		expect(rows.every((r) => r.customer === null)).toBe(true);
		expect(rows[2]!.errors.find((e) => e.field === 'followers_instagram')!.message).toMatch(
			/no Instagram handle/
		);
		expect(rows[1]!.errors.find((e) => e.field === 'whatsapp')!.message).toMatch(/country code/);
	});

	it('finds duplicate handles within the file after normalisation', () => {
		const csv = [
			'name,x,email',
			'Jan,@Jan,jan@example.com',
			'Jan again,ja\u200Bn,',
			'Other,other,JAN@example.com'
		].join('\n');
		const rows = parseCustomerCsv(csv);
		expect(rows[0]!.errors).toEqual([]);
		expect(rows[1]!.errors).toEqual([{ line: 3, field: 'x', message: 'Same X handle as line 2.' }]);
		expect(rows[2]!.errors).toEqual([
			{ line: 4, field: 'email', message: 'Same email handle as line 2.' }
		]);
	});

	it('accepts a 200-character name and refuses 201', () => {
		const rows = parseCustomerCsv(`name\n${'é'.repeat(199)}😀\n${'a'.repeat(201)}\n`);
		expect(rows[0]!.customer?.name).toHaveLength(201); // 199 + a surrogate pair = 200 characters
		expect(rows[1]!.errors[0]!.message).toMatch(/at most 200/);
	});

	it('refuses files it cannot read, on the field csv', () => {
		expect(fieldsOf(() => parseCustomerCsv('email,x\na@b.nl,jan')).message).toMatch(
			/no "name" column/
		);
		expect(fieldsOf(() => parseCustomerCsv('name,instagarm\nJan,jan')).message).toMatch(
			/Unknown column "instagarm"/
		);
		expect(fieldsOf(() => parseCustomerCsv('name,x,twitter\nJan,a,b')).message).toMatch(
			/appears twice/
		);
		const broken = fieldsOf(() => parseCustomerCsv('name,x\n"Jan,jan\n'));
		expect(broken.fields).toEqual([
			{ field: 'csv', message: expect.stringMatching(/not valid CSV.*line 2/) }
		]);
	});

	it('refuses more than 20,000 rows', () => {
		const csv = `name\n${'x\n'.repeat(20_001)}`;
		expect(fieldsOf(() => parseCustomerCsv(csv)).message).toMatch(/more than 20000 rows/);
	});
});
