import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';

/** 256 random bits, URL-safe: session cookies, API tokens and claim links. */
export function newSecret(prefix = ''): string {
	return prefix + randomBytes(32).toString('base64url');
}

/** Secrets are stored as SHA-256: they are long and random, so a fast hash is enough. */
export function sha256(value: string): string {
	return createHash('sha256').update(value).digest('hex');
}

/** argon2id with the library's defaults (memory-hard; tuned for interactive logins). */
export function hashPassword(password: string): Promise<string> {
	return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
	try {
		return await verify(passwordHash, password);
	} catch {
		return false;
	}
}

/** A hash to compare against when the user does not exist, so timing does not reveal accounts. */
let dummyHash: Promise<string> | undefined;
export function dummyPasswordHash(): Promise<string> {
	dummyHash ??= hashPassword(newSecret());
	return dummyHash;
}
