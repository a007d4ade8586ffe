/**
 * The wall bench's load script (a process of its own): opens N event streams on one display link,
 * then logs reactions one by one through the API and times each one's `reaction` event on every
 * screen. Prints the figures as one JSON line.
 */
import http from 'node:http';

const [origin, linkToken, bearer, screensArg, reactionsArg] = process.argv.slice(2) as [
	string,
	string,
	string,
	string,
	string
];
const SCREENS = Number(screensArg);
const REACTIONS = Number(reactionsArg);
const WAIT_MS = 5_000;

type Screen = { buffer: string; seen: Map<string, number>; request: http.ClientRequest };
const screens: Screen[] = [];
let opened = 0;

await new Promise<void>((resolve, reject) => {
	for (let i = 0; i < SCREENS; i++) {
		const screen: Screen = { buffer: '', seen: new Map(), request: null as never };
		screen.request = http.get(
			`${origin}/api/v1/wall/${linkToken}/events`,
			{ agent: false },
			(res) => {
				if (res.statusCode !== 200) return reject(new Error(`stream answered ${res.statusCode}`));
				res.setEncoding('utf8');
				res.on('data', (chunk: string) => {
					const at = performance.now();
					screen.buffer += chunk;
					let end: number;
					while ((end = screen.buffer.indexOf('\n\n')) >= 0) {
						const block = screen.buffer.slice(0, end);
						screen.buffer = screen.buffer.slice(end + 2);
						if (block.startsWith('retry')) {
							if (++opened === SCREENS) resolve();
							continue;
						}
						const marker = /bench-mark-(\d+)/.exec(block);
						if (marker && block.includes('event: reaction') && !screen.seen.has(marker[1]!))
							screen.seen.set(marker[1]!, at);
					}
				});
			}
		);
		screen.request.on('error', reject);
		screens.push(screen);
	}
});

function post(i: number): Promise<void> {
	const body = JSON.stringify({
		handle: `bench_fan_${i}`,
		channel: 'instagram',
		text: `Super blij met de verrassing! bench-mark-${i}`,
		sentiment: 'positive',
		postedAt: new Date(Date.now() - 60_000).toISOString()
	});
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${origin}/api/v1/reactions`,
			{
				method: 'POST',
				headers: {
					authorization: `Bearer ${bearer}`,
					'content-type': 'application/json',
					'content-length': Buffer.byteLength(body)
				}
			},
			(res) => {
				res.resume();
				res.on('end', () =>
					res.statusCode === 201 ? resolve() : reject(new Error(`log answered ${res.statusCode}`))
				);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

const latencies: number[] = [];
let missed = 0;
for (let i = 0; i < REACTIONS; i++) {
	const key = `${process.pid}${i}`;
	const started = performance.now();
	await post(Number(key));
	const deadline = started + WAIT_MS;
	while (performance.now() < deadline && screens.some((s) => !s.seen.has(key)))
		await new Promise((r) => setTimeout(r, 5));
	for (const s of screens) {
		const at = s.seen.get(key);
		if (at === undefined) missed++;
		else latencies.push(at - started);
	}
	await new Promise((r) => setTimeout(r, 200));
}
latencies.sort((a, b) => a - b);
const pick = (q: number) =>
	latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
for (const s of screens) s.request.destroy();
process.stdout.write(
	`${JSON.stringify({ p50: pick(0.5), p95: pick(0.95), max: latencies.at(-1) ?? NaN, deliveries: latencies.length, missed })}\n`
);
process.exit(0);
