/**
 * The database out of reach (stopped, restarting, network gone, full) is no bug of ours and no
 * fault of the client: 503 with Retry-After, so clients and load balancers wait and try again.
 */

export { RETRY_AFTER_SECONDS } from './names.ts';

/** Node's socket errors and postgres.js's own connection errors. */
const CONNECTION_CODES = new Set([
	'ECONNREFUSED',
	'ECONNRESET',
	'ETIMEDOUT',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'ENOTFOUND',
	'EAI_AGAIN',
	'EPIPE',
	'CONNECT_TIMEOUT',
	'CONNECTION_CLOSED',
	'CONNECTION_ENDED',
	'CONNECTION_DESTROYED'
]);
/** SQLSTATE: connection exceptions (class 08), shutting down or starting up (57P01–03), too many connections. */
const UNAVAILABLE_SQLSTATE = /^(08[0-9A-Z]{3}|57P0[123]|53300)$/;

export class DatabaseUnavailableError extends Error {
	readonly code = 'CONNECT_TIMEOUT';
	constructor() {
		super('The database did not answer in time');
		this.name = 'DatabaseUnavailableError';
	}
}

/** Whether an error (or its causes: drizzle wraps the driver's) says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
	if (!error || typeof error !== 'object' || depth > 5) return false;
	const code = (error as { code?: unknown }).code;
	if (typeof code === 'string' && (CONNECTION_CODES.has(code) || UNAVAILABLE_SQLSTATE.test(code)))
		return true;
	if (
		error instanceof AggregateError &&
		error.errors.some((e) => isDatabaseUnavailable(e, depth + 1))
	)
		return true;
	return isDatabaseUnavailable((error as { cause?: unknown }).cause, depth + 1);
}
