import { describe, expect, it } from 'vitest';
import { redactPath } from '#api/http/redact.ts';

describe('redactPath', () => {
	const token = 'Zx8Kq3vN1pT7wY2mR5sD9fG4hJ6kL0aB3cE8iO1uQ7y';

	it('keeps six characters of a claim token, on the page and in the API', () => {
		expect(redactPath(`/claim/${token}`)).toBe('/claim/Zx8Kq3…');
		expect(redactPath(`/api/v1/claims/${token}`)).toBe('/api/v1/claims/Zx8Kq3…');
		expect(redactPath(`/claim/${token}/__data.json`)).toBe('/claim/Zx8Kq3…/__data.json');
	});

	it('leaves every other path alone', () => {
		for (const path of ['/api/v1/claim-links', '/api/v1/claims', '/customers/abc', '/claims/x'])
			expect(redactPath(path)).toBe(path);
	});
});
