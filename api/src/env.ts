import { z } from 'zod';
import { passwordProblem } from './domain/accounts/password-policy.ts';

/**
 * The only module that reads process.env. Every variable is validated once at start; a bad one is
 * reported by name with what is expected, all at once.
 */
const EnvSchema = z.object({
	DATABASE_URL: z
		.string()
		.regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// URL')
		.optional(),
	DATA_DIR: z.string().min(1).default('./data'),
	// Where the nightly backup of the embedded database goes (the nightly_backup setting turns it on).
	BACKUP_DIR: z.string().min(1).default('./backups'),
	PORT: z.coerce.number().int().min(1).max(65535).default(3000),
	// Every interface by default, as a container needs; 127.0.0.1 keeps the app to this machine.
	HOST: z.string().min(1).default('0.0.0.0'),
	PUBLIC_ORIGIN: z
		.url({ message: 'must be a URL such as https://hoppatee.example.com' })
		.optional(),
	HOPPATEE_ADMIN_EMAIL: z.email({ message: 'must be an email address' }).optional(),
	HOPPATEE_ADMIN_PASSWORD: z
		.string()
		.min(12, 'must be at least 12 characters')
		.refine((password) => password.length < 12 || passwordProblem(password) === null, {
			message: 'must be a password nobody guesses early: not a common one, not the demo password'
		})
		.optional(),
	SMTP_URL: z
		.string()
		.regex(/^smtps?:\/\//, 'must be an smtp:// or smtps:// URL')
		.optional(),
	MAIL_FROM: z.string().min(3).default('Hoppatee <hoppatee@localhost>'),
	SESSION_TTL_HOURS: z.coerce
		.number()
		.int()
		.min(1)
		.max(24 * 90)
		.default(12),
	// Failed logins per 15 minutes from one client address (an office behind one NAT shares it).
	LOGIN_RATE_LIMIT: z.coerce.number().int().min(1).max(100_000).default(100),
	TRUST_PROXY: z
		.enum(['true', 'false'], { message: 'must be true or false' })
		.default('false')
		.transform((v) => v === 'true'),
	// Proxies in front that each append to X-Forwarded-For (TRUST_PROXY=true); adapter-node reads it too.
	XFF_DEPTH: z.coerce.number().int().min(1).max(20).default(1),
	SEED_DEMO: z
		.enum(['auto', 'true', 'false'], { message: 'must be auto, true or false' })
		.default('auto'),
	// Bearer token for /metrics; unset, only this machine may scrape (api/src/http/metrics.ts).
	METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
	LOG_LEVEL: z
		.enum(['debug', 'info', 'warn', 'error', 'silent'], {
			message: 'must be debug, info, warn, error or silent'
		})
		.default('info')
});

export type Env = z.infer<typeof EnvSchema>;
/** Every variable this module reads (compose.yaml's test holds the file to them). */
export const envNames = Object.keys(EnvSchema.shape);

export class EnvError extends Error {
	readonly problems: string[];
	constructor(problems: string[]) {
		super(`Configuration error:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
		this.name = 'EnvError';
		this.problems = problems;
	}
}

export function parseEnv(source: Record<string, string | undefined>): Env {
	// Empty strings mean "not set": that is how most shells and .env files express it.
	const cleaned: Record<string, string> = Object.fromEntries(
		Object.entries(source).filter((entry): entry is [string, string] => !!entry[1])
	);
	// ORIGIN is what SvelteKit's Node adapter documents; taken rather than silently ignored.
	if (cleaned.ORIGIN) {
		if (cleaned.PUBLIC_ORIGIN && cleaned.PUBLIC_ORIGIN !== cleaned.ORIGIN)
			throw new EnvError([
				'ORIGIN: differs from PUBLIC_ORIGIN; set one of them (PUBLIC_ORIGIN is the one Hoppatee reads)'
			]);
		cleaned.PUBLIC_ORIGIN ??= cleaned.ORIGIN;
	}
	const result = EnvSchema.safeParse(cleaned);
	if (!result.success) {
		throw new EnvError(
			result.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`)
		);
	}
	return result.data;
}

export function readEnv(): Env {
	return parseEnv(process.env);
}
