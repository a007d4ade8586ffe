import { describe, expect, it } from 'vitest';
import {
	DEMO_PASSWORD,
	passwordProblem
} from '../../../../api/src/domain/accounts/password-policy.ts';
import { Password } from '../../../../api/src/domain/accounts/schemas.ts';
import { EnvError, parseEnv } from '../../../../api/src/env.ts';

describe('the password policy', () => {
	it.each([
		['aaaaaaaaaaaa', 'password_too_common'],
		['123456789012', 'password_too_common'],
		['password1234', 'password_too_common'],
		['qwertyuiop123', 'password_too_common'],
		['iloveyou1234', 'password_too_common'],
		['trustno1trustno1', 'password_too_common'],
		['Password1234', 'password_too_common'],
		[DEMO_PASSWORD, 'password_is_published'],
		[` ${DEMO_PASSWORD.toUpperCase()} `, 'password_is_published'],
		['Hoppatee-Demo-2026!', 'password_too_common'],
		['            ', 'password_is_only_spaces'],
		['\t\t\t\t\t\t\t\t\t\t\t\t', 'password_has_control_characters'],
		['correct horse\u0000battery', 'password_has_control_characters'],
		['correct horse\nbattery', 'password_has_control_characters'],
		['correct horse\u0085battery', 'password_has_control_characters']
	])('refuses %j (%s)', (password, key) => {
		expect(passwordProblem(password)).toBe(key);
		const parsed = Password.safeParse(password);
		expect(parsed.success).toBe(false);
	});

	it.each([
		'correct horse battery staple',
		'e2e-admin-password-long-enough',
		'MijnHondHeetMax',
		'zomervakantie in Zeeland',
		'kx8#Qm2!vR9@pL'
	])('accepts %j', (password) => {
		expect(passwordProblem(password)).toBeNull();
		expect(Password.safeParse(password).success).toBe(true);
	});

	it('still says "at least 12 characters" first, once', () => {
		const parsed = Password.safeParse('abc');
		expect(parsed.success).toBe(false);
		expect(parsed.error!.issues).toHaveLength(1);
		expect(parsed.error!.issues[0]!.message).toBe('Use at least 12 characters.');
	});

	it('holds HOPPATEE_ADMIN_PASSWORD to the same rule at start', () => {
		expect(() => parseEnv({ HOPPATEE_ADMIN_PASSWORD: 'password1234' })).toThrow(EnvError);
		expect(() => parseEnv({ HOPPATEE_ADMIN_PASSWORD: DEMO_PASSWORD })).toThrow(
			/HOPPATEE_ADMIN_PASSWORD: must be a password nobody guesses early/
		);
		expect(parseEnv({ HOPPATEE_ADMIN_PASSWORD: 'correct horse battery staple' })).toBeTruthy();
	});
});
