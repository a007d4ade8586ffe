import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '#api/log.ts';

afterEach(() => vi.restoreAllMocks());

const lines = (write: { mock: { calls: unknown[][] } }): string[] =>
	write.mock.calls.flatMap(([chunk]) => String(chunk).trimEnd().split('\n'));

describe('the JSON logger', () => {
	it('writes the lines of one turn of the event loop in one write to stdout', async () => {
		const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		const log = createLogger('info');
		log('info', 'request', { n: 1 });
		log('info', 'request', { n: 2 });
		log('debug', 'below the level');
		expect(write).not.toHaveBeenCalled();
		await new Promise((r) => setImmediate(r));
		expect(write).toHaveBeenCalledTimes(1);
		expect(lines(write).map((l) => JSON.parse(l) as { msg: string; n: number })).toMatchObject([
			{ level: 'info', msg: 'request', n: 1 },
			{ level: 'info', msg: 'request', n: 2 }
		]);
	});

	it('writes a warning or an error at once, after the lines before it', () => {
		const write = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
		const log = createLogger('info');
		log('info', 'first');
		log('error', 'failed');
		expect(lines(write).map((l) => (JSON.parse(l) as { msg: string }).msg)).toEqual([
			'first',
			'failed'
		]);
	});
});
