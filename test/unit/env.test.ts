import { describe, expect, it } from 'vitest';
import { EnvError, parseEnv } from '#api/env.ts';

describe('environment', () => {
	it('has working defaults with nothing set', () => {
		const env = parseEnv({});
		expect(env.PORT).toBe(3000);
		expect(env.DATA_DIR).toBe('./data');
		expect(env.DATABASE_URL).toBeUndefined();
	});

	it('reports every bad variable by name, at once', () => {
		try {
			parseEnv({
				PORT: 'eighty',
				DATABASE_URL: 'mysql://x',
				HOPPATEE_ADMIN_PASSWORD: 'short',
				SMTP_URL: 'http://mail'
			});
			expect.unreachable();
		} catch (error) {
			expect(error).toBeInstanceOf(EnvError);
			const problems = (error as EnvError).problems.map((p) => p.split(':')[0]).sort();
			expect(problems).toEqual(['DATABASE_URL', 'HOPPATEE_ADMIN_PASSWORD', 'PORT', 'SMTP_URL']);
		}
	});

	it('treats empty strings as unset', () => {
		expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
	});
});
