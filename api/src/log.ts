import type { Log, LogLevel } from './http/types.ts';

const ORDER: Record<LogLevel | 'silent', number> = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
	silent: 99
};

/** Structured JSON lines on stdout: one object per event, easy to ship to any log store. */
export function createLogger(minLevel: LogLevel | 'silent'): Log {
	return (level, msg, data = {}) => {
		if (ORDER[level] < ORDER[minLevel]) return;
		process.stdout.write(
			`${JSON.stringify({ time: new Date().toISOString(), level, msg, ...data })}\n`
		);
	};
}
