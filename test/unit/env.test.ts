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

	it('listens on every interface unless HOST says otherwise', () => {
		expect(parseEnv({}).HOST).toBe('0.0.0.0');
		expect(parseEnv({ HOST: '127.0.0.1' }).HOST).toBe('127.0.0.1');
	});

	it('takes ORIGIN as the public origin and refuses it when it contradicts PUBLIC_ORIGIN', () => {
		expect(parseEnv({ ORIGIN: 'https://hub.example.com' }).PUBLIC_ORIGIN).toBe(
			'https://hub.example.com'
		);
		expect(
			parseEnv({ ORIGIN: 'https://a.example.com', PUBLIC_ORIGIN: 'https://a.example.com' })
				.PUBLIC_ORIGIN
		).toBe('https://a.example.com');
		expect(() =>
			parseEnv({ ORIGIN: 'https://a.example.com', PUBLIC_ORIGIN: 'https://b.example.com' })
		).toThrow(/ORIGIN: differs from PUBLIC_ORIGIN/);
		expect(() => parseEnv({ ORIGIN: 'not a url' })).toThrow(/PUBLIC_ORIGIN: must be a URL/);
	});

	it('treats empty strings as unset', () => {
		expect(parseEnv({ DATABASE_URL: '', PORT: '' }).PORT).toBe(3000);
	});
});
