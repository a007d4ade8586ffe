import type { Log, LogLevel } from './http/types.ts';

const ORDER: Record<LogLevel | 'silent', number> = {
	debug: 10,
	info: 20,
	warn: 30,
	error: 40,
	silent: 99
};

/*
 * stdout is synchronous on Linux (a file or a pipe): a write per request line blocks the event loop
 * in a system call for every request. Lines are gathered and written once per turn of the event
 * loop instead (every request that finished in it), and at exit; warnings and errors go at once.
 */
let pending = '';
let scheduled = false;
function flush(): void {
	scheduled = false;
	if (!pending) return;
	const lines = pending;
	pending = '';
	process.stdout.write(lines);
}
process.once('exit', flush);

/** Structured JSON lines on stdout: one object per event, easy to ship to any log store. */
export function createLogger(minLevel: LogLevel | 'silent'): Log {
	return (level, msg, data = {}) => {
		if (ORDER[level] < ORDER[minLevel]) return;
		pending += `${JSON.stringify({ time: new Date().toISOString(), level, msg, ...data })}\n`;
		if (ORDER[level] >= ORDER.warn) flush();
		else if (!scheduled) {
			scheduled = true;
			setImmediate(flush);
		}
	};
}
