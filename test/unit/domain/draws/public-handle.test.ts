/** The public record never carries an email address or a phone number as a handle. */
import { describe, expect, it } from 'vitest';
import { candidateProblem } from '#api/domain/draws/algorithm.ts';
import { publicHandle } from '#api/domain/draws/pool.ts';

describe('publicHandle', () => {
	it('keeps social handles as they are', () => {
		expect(publicHandle('instagram', 'zoë.devries')).toBe('zoë.devries');
		expect(publicHandle('x', '@Pvandijk')).toBe('@Pvandijk');
	});
	it('keeps the first character and the domain of an email address', () => {
		expect(publicHandle('email', 'ruben.meijer@example.com')).toBe('r•••@example.com');
		expect(publicHandle('email', 'Øyvind@example.no')).toBe('Ø•••@example.no');
		expect(publicHandle('email', 'not-an-address')).toBe('•••');
	});
	it('keeps the last two digits of a phone number', () => {
		expect(publicHandle('whatsapp', '+31 6 1234 5678')).toBe('•••78');
	});
	it('gives handles a record accepts', () => {
		for (const [channel, handle] of [
			['email', 'a@b.nl'],
			['whatsapp', '+31612345678']
		] as const)
			expect(
				candidateProblem({ id: 'x1', handle: publicHandle(channel, handle), channel, weight: 1 })
			).toBeNull();
	});
});
