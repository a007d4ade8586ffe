/**
 * Which passwords a person may set. At least 12 characters (the schema says so), and none an
 * attacker tries early: zxcvbn-ts estimates how many guesses a password takes against its list of
 * 49,233 common passwords, keyboard runs, repeats, sequences and dates, and a password within the
 * first million guesses is refused — the list itself, and its words with digits added
 * (`password1234`, `123456789012`, `aaaaaaaaaaaa`). The demo password is published in the README:
 * the seed may give it to the demo staff, nobody may choose it.
 */
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { MessageKey } from '../../messages/index.ts';

export const DEMO_PASSWORD = 'hoppatee-demo-2026';
/** Fewer estimated guesses than this and the password is refused (zxcvbn's "very guessable"). */
export const MIN_GUESSES = 1e6;
/** Words of this product that make a password easy to guess for someone who knows where it is used. */
const PRODUCT_WORDS = ['hoppatee', 'stroopwafel', 'webcare', DEMO_PASSWORD];

// Built on first use (≈ 60 ms, 4 MB): most processes never set a password.
let estimator: ZxcvbnFactory | undefined;

/** The catalogue key of what is wrong with a password of the right length, or null. */
export function passwordProblem(password: string): MessageKey | null {
	if (/\p{Cc}/u.test(password)) return 'password_has_control_characters';
	if (/^\s*$/u.test(password)) return 'password_is_only_spaces';
	if (password.trim().toLowerCase() === DEMO_PASSWORD) return 'password_is_published';
	estimator ??= new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs });
	if (estimator.check(password, PRODUCT_WORDS).guesses < MIN_GUESSES) return 'password_too_common';
	return null;
}
