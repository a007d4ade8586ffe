/**
 * Request overhead: the reactions list (`GET /api/v1/reactions`, first page) under 50 concurrent
 * connections, served by the API as `npm run start:api` runs it (its own process, the real runtime,
 * a session cookie from a real login) and by a bare Hono + postgres.js server doing the same session
 * lookup and page query (bench/support/bare-api.ts), on the same real PostgreSQL and data, in the
 * same run. autocannon drives both from this process on loopback, in alternating rounds.
 * Prints requests/s and p95 for both; the last line `api: <R>x the bare baseline's throughput`.
 * Run: npm run bench:api-throughput  (CUSTOMERS=… REACTIONS=… SECONDS=… ROUNDS=… to change;
 * CPU_PROF=<dir> writes --cpu-prof profiles of both servers there: api.cpuprofile, bare.cpuprofile;
 * API_LOG=<file> keeps the API's stdout, API_NODE_OPTIONS adds node flags to it, e.g. --trace-gc).
 */
import { fork, spawn, type ChildProcess } from 'node:child_process';
import { openSync, readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import net from 'node:net';
import path from 'node:path';
import autocannon from 'autocannon';
import postgres from 'postgres';
import { migrateDatabase, openDatabase } from '#db/client.ts';
import { hashPassword } from '#api/domain/accounts/secrets.ts';
import { createDatabase, dropDatabase, startPgServer } from '../test/support/pg-server.ts';
import { copy, log, p95, rng, uuidFrom } from './support/pg-load.ts';

const CUSTOMERS = Number(process.env.CUSTOMERS ?? 20_000);
const REACTIONS = Number(process.env.REACTIONS ?? 200_000);
const SURPRISES = Math.round(CUSTOMERS / 5);
const CONNECTIONS = 50;
const SECONDS = Number(process.env.SECONDS ?? 10);
const ROUNDS = Number(process.env.ROUNDS ?? 3);
const TARGETS = { throughput: 0.75, p95: 1.3 };
const PATH = '/api/v1/reactions';
/** A hub user (created by the seed, logged in for real); the reactions' `createdBy`. */
const STAFF = { email: 'bench-hub@example.test', password: 'bench-Hoppatee-9f3kq-lantern' };
const DAY = 86_400_000;
const NOW = Date.now();
const root = path.resolve(import.meta.dirname, '..');
const node = process.execPath;

const random = rng(20261207);
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const esc = (s: string) =>
	s.replaceAll('\\', '\\\\').replaceAll('\t', '\\t').replaceAll('\n', '\\n');

async function seed(sql: postgres.Sql) {
	const tiers = ['none', 'none', 'none', 'fan', 'fan', 'advocate', 'ambassador'];
	await copy(sql, 'customers', ['id', 'name', 'locale', 'tier'], function* () {
		for (let i = 0; i < CUSTOMERS; i++)
			yield `${uuidFrom(i, 1)}\tKlant ${i}\t${random() < 0.8 ? 'nl' : 'en'}\t${pick(tiers)}\n`;
	});
	const [campaign] =
		await sql`insert into campaigns (name, kind, status, starts_on, ends_on, budget_cents) values ('Bench', 'always_on', 'active', '2020-01-01', '2099-12-31', 100000000) returning id`;
	await copy(
		sql,
		'surprises',
		['id', 'reference', 'customer_id', 'campaign_id', 'status'],
		function* () {
			for (let i = 0; i < SURPRISES; i++)
				yield `${uuidFrom(i, 2)}\tHOP-${String(i).padStart(6, '0')}\t${uuidFrom(Math.floor(random() * CUSTOMERS), 1)}\t${campaign!.id}\tdelivered\n`;
		}
	);
	await sql`insert into users (id, email, name, role, password_hash) values (${uuidFrom(0, 9)}, ${STAFF.email}, 'Fleur Bench', 'hub', ${await hashPassword(STAFF.password)})`;
	const texts = [
		['Wat een leuke verrassing! Dank jullie wel 😍', 'positive', 'leuke', 2],
		['Vandaag sokken ontvangen, super lief!', 'positive', 'lief', 2],
		['Slechte service, al drie weken wachten 😡', 'negative', 'slechte', -3],
		['Great service, the team was really helpful', 'positive', 'helpful', 2],
		['Hoe laat gaat de winkel morgen open?', 'neutral', '', 0]
	] as const;
	const kinds = ['post', 'post', 'review', 'comment', 'share'] as const;
	await copy(
		sql,
		'reactions',
		[
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
			'sentiment_basis',
			'likes',
			'followers',
			'created_by'
		],
		function* () {
			for (let i = 0; i < REACTIONS; i++) {
				const c = Math.floor(random() * CUSTOMERS);
				const [text, sentiment, word, weight] = pick(texts);
				const basis = JSON.stringify({
					language: text.startsWith('Great') ? 'en' : 'nl',
					score: weight,
					drivers: word ? [{ text: word, weight, count: 1, source: 'word' }] : []
				});
				const surprise = random() < 0.1 ? uuidFrom(Math.floor(random() * SURPRISES), 2) : '\\N';
				const posted = new Date(NOW - Math.floor(random() * 730 * DAY)).toISOString();
				const createdBy = random() < 0.3 ? uuidFrom(0, 9) : '\\N';
				yield `${uuidFrom(i, 3)}\t${uuidFrom(c, 1)}\t${surprise}\tx\thttps://x.com/klant_${c}/status/${i}\t${esc(text)}\t${posted}\t${pick(kinds)}\t${sentiment}\t${sentiment}\t${esc(basis)}\t${Math.floor(random() * 50)}\t${Math.floor(random() * 5000)}\t${createdBy}\n`;
			}
		}
	);
	await sql`vacuum analyze`;
}

async function freePort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await new Promise((r) => server.once('listening', r));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

async function waitFor(url: string, child: ChildProcess): Promise<void> {
	const deadline = Date.now() + 120_000;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`${url}: the server exited (${child.exitCode})`);
		try {
			const res = await fetch(url);
			await res.arrayBuffer();
			if (res.ok) return;
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	throw new Error(`${url}: no answer within 120 s`);
}

/**
 * The scheduler's first runs (15 s after the start: on fresh data the nightly score recompute over
 * every reaction) are over: nothing but this connection busy in the database for a few seconds.
 * A start's work, not a request's: it would fall into the first round otherwise.
 */
async function settled(databaseUrl: string): Promise<void> {
	const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
	try {
		await new Promise((r) => setTimeout(r, 17_000));
		const deadline = Date.now() + 300_000;
		for (let quiet = 0; quiet < 6 && Date.now() < deadline;) {
			const [{ n }] = (await sql`select count(*)::int as n from pg_stat_activity
				where datname = current_database() and state = 'active' and pid <> pg_backend_pid()`) as unknown as [
				{ n: number }
			];
			quiet = n === 0 ? quiet + 1 : 0;
			await new Promise((r) => setTimeout(r, 500));
		}
	} finally {
		await sql.end({ timeout: 5 });
	}
}

function stopped(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null) return Promise.resolve();
	return new Promise((resolve) => {
		child.once('exit', () => resolve());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
	});
}

interface Run {
	requests: number;
	seconds: number;
	latencies: number[];
	errors: number;
	/** The server process's CPU time (user + system) over the run, when /proc tells it. */
	cpuMs: number | null;
	/** PostgreSQL's over the run (its backends'). */
	dbCpuMs: number | null;
}

/** A process's CPU time so far in ms (Linux /proc; null elsewhere): steadier than req/s on a busy machine. */
function cpuMsOf(pid: number | undefined): number | null {
	try {
		const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
		return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
	} catch {
		return null;
	}
}

/** The database server's CPU time so far: its backends', the postmaster's children. */
function dbCpuMs(): number | null {
	try {
		const children = readFileSync(`/proc/${postmaster}/task/${postmaster}/children`, 'utf8')
			.split(' ')
			.filter(Boolean);
		return children.reduce((n, pid) => n + (cpuMsOf(Number(pid)) ?? 0), 0);
	} catch {
		return null;
	}
}
let postmaster: number | undefined;

async function drive(url: string, cookie: string, seconds: number, pid?: number): Promise<Run> {
	const latencies: number[] = [];
	let errors = 0;
	const cpuBefore = cpuMsOf(pid);
	const dbBefore = dbCpuMs();
	const result = await new Promise<autocannon.Result>((resolve, reject) => {
		const instance = autocannon(
			{ url, connections: CONNECTIONS, duration: seconds, headers: { cookie } },
			(error, done) => (error ? reject(error as Error) : resolve(done))
		);
		instance.on('response', (_client, status, _bytes, ms) => {
			if (status !== 200) errors++;
			latencies.push(ms);
		});
	});
	const cpuAfter = cpuMsOf(pid);
	const dbAfter = dbCpuMs();
	return {
		requests: latencies.length,
		seconds: result.duration,
		latencies,
		errors: errors + result.errors + result.timeouts,
		cpuMs: cpuBefore === null || cpuAfter === null ? null : cpuAfter - cpuBefore,
		dbCpuMs: dbBefore === null || dbAfter === null ? null : dbAfter - dbBefore
	};
}

const server = process.env.BENCH_PG_URL
	? { url: process.env.BENCH_PG_URL, version: '', source: 'BENCH_PG_URL', stop: async () => {} }
	: await startPgServer();
const dbName = `bench_api_${Date.now().toString(36)}`;
const url = await createDatabase(server.url, dbName);
const children: ChildProcess[] = [];
try {
	const database = await openDatabase({ url, max: 1 });
	await migrateDatabase(database);
	await database.close();
	const sql = postgres(url, { max: 1, onnotice: () => {} });
	const [{ server_version: version }] = (await sql`show server_version`) as unknown as [
		{ server_version: string }
	];
	try {
		const [{ pid }] = (await sql`select pg_backend_pid() as pid`) as unknown as [{ pid: number }];
		postmaster = Number(/PPid:\s*(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))![1]);
	} catch {
		/* no /proc: no CPU figures */
	}
	const t0 = performance.now();
	await seed(sql);
	await sql.end({ timeout: 5 });
	log(
		`api-throughput: PostgreSQL ${version.split(' ')[0]} (${server.source}), ${CUSTOMERS.toLocaleString('en')} customers, ${REACTIONS.toLocaleString('en')} reactions, loaded in ${((performance.now() - t0) / 1000).toFixed(1)} s`
	);

	// The API as `npm run start:api` runs it: the real runtime (env, migrations, the scheduler),
	// LOG_LEVEL as configured (info by default: a JSON line per request).
	const apiPort = await freePort();
	const profile = process.env.CPU_PROF;
	const cpuProf = (name: string) => [
		'--cpu-prof',
		`--cpu-prof-dir=${path.resolve(profile!)}`,
		`--cpu-prof-name=${name}.cpuprofile`
	];
	const api = spawn(
		node,
		[
			...(profile ? cpuProf('api') : []),
			...(process.env.API_NODE_OPTIONS?.split(' ').filter(Boolean) ?? []),
			path.join(root, 'api/src/server.ts')
		],
		{
			cwd: root,
			stdio: [
				'ignore',
				process.env.API_LOG ? openSync(process.env.API_LOG, 'w') : 'ignore',
				'inherit'
			],
			env: {
				...process.env,
				DATABASE_URL: url,
				PORT: String(apiPort),
				SEED_DEMO: 'false'
			}
		}
	);
	children.push(api);
	const apiBase = `http://127.0.0.1:${apiPort}`;
	await waitFor(`${apiBase}/api/ready`, api);
	await settled(url);
	const login = await fetch(`${apiBase}/api/v1/auth/login`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: apiBase },
		body: JSON.stringify(STAFF)
	});
	const cookie = login.headers.getSetCookie().find((c) => c.startsWith('hoppatee_session='));
	if (!login.ok || !cookie) throw new Error(`login failed: ${login.status} ${await login.text()}`);
	const sessionCookie = cookie.split(';')[0]!;

	const barePort = await freePort();
	const bare = fork(path.join(root, 'bench/support/bare-api.ts'), [], {
		cwd: root,
		execPath: node,
		execArgv: profile ? cpuProf('bare') : [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
		env: { ...process.env, DATABASE_URL: url, PORT: String(barePort) }
	});
	children.push(bare);
	const bareBase = `http://127.0.0.1:${barePort}`;
	await new Promise((resolve, reject) => {
		bare.once('message', resolve);
		bare.once('exit', (code) => reject(new Error(`the bare server exited (${code})`)));
	});

	// Both answer the same page, byte for byte the same JSON.
	const [fromApi, fromBare] = await Promise.all(
		[apiBase, bareBase].map(async (base) => {
			const res = await fetch(`${base}${PATH}`, { headers: { cookie: sessionCookie } });
			if (res.status !== 200) throw new Error(`${base}${PATH}: ${res.status}`);
			return (await res.json()) as { items: unknown[] };
		})
	);
	if (!isDeepStrictEqual(fromApi, fromBare) || fromApi!.items.length !== 50)
		throw new Error('the API and the bare server answer different pages');

	const targets = { api: `${apiBase}${PATH}`, bare: `${bareBase}${PATH}` } as const;
	const pids = { api: api.pid, bare: bare.pid };
	const perRequest = (rs: Run[], of: (r: Run) => number | null) =>
		rs.every((r) => of(r) !== null)
			? (rs.reduce((n, r) => n + of(r)!, 0) / rs.reduce((n, r) => n + r.requests, 0)).toFixed(2)
			: null;
	const cpu = (rs: Run[]) => {
		const own = perRequest(rs, (r) => r.cpuMs);
		const db = perRequest(rs, (r) => r.dbCpuMs);
		return own === null
			? ''
			: `, CPU/request ${own} ms${db === null ? '' : ` + PostgreSQL ${db} ms`}`;
	};
	// Warm-up (JIT, pools, plans), then alternating rounds so drift on the machine hits both alike.
	for (const target of Object.values(targets)) await drive(target, sessionCookie, 3);
	const runs = { api: [] as Run[], bare: [] as Run[] };
	for (let round = 0; round < ROUNDS; round++) {
		for (const name of ['api', 'bare'] as const) {
			const run = await drive(targets[name], sessionCookie, SECONDS, pids[name]);
			runs[name].push(run);
			log(
				`api-throughput: round ${round + 1} ${name.padEnd(4)} ${(run.requests / run.seconds).toFixed(0)} req/s, p95 ${p95(run.latencies).toFixed(1)} ms${cpu([run])}`
			);
		}
	}
	const total = (name: 'api' | 'bare') => {
		const all = runs[name];
		const latencies = all.flatMap((r) => r.latencies);
		return {
			rps: all.reduce((n, r) => n + r.requests, 0) / all.reduce((s, r) => s + r.seconds, 0),
			p95: p95(latencies),
			errors: all.reduce((n, r) => n + r.errors, 0),
			cpu: cpu(all)
		};
	};
	const a = total('api');
	const b = total('bare');
	for (const [name, t] of [
		['bare Hono + postgres.js', b],
		['API (npm run start:api)', a]
	] as const)
		log(
			`api-throughput: ${name}: ${t.rps.toFixed(0)} req/s, p95 ${t.p95.toFixed(1)} ms${t.cpu} (${CONNECTIONS} connections, ${ROUNDS} × ${SECONDS} s${t.errors ? `, ${t.errors} errors` : ''})`
		);
	const ratio = a.rps / b.rps;
	const p95Ratio = a.p95 / b.p95;
	log(`api-throughput: API p95 ${p95Ratio.toFixed(2)}x the bare baseline's`);
	const missed = [
		ratio < TARGETS.throughput && `throughput ${ratio.toFixed(2)}x < ${TARGETS.throughput}x`,
		p95Ratio > TARGETS.p95 && `p95 ${p95Ratio.toFixed(2)}x > ${TARGETS.p95}x`,
		(a.errors || b.errors) && `${a.errors + b.errors} failed requests`
	].filter(Boolean);
	if (missed.length) {
		process.stderr.write(`api-throughput: target missed: ${missed.join('; ')}\n`);
		process.exitCode = 1;
	}
	log(`api: ${ratio.toFixed(2)}x the bare baseline's throughput`);
} finally {
	for (const child of children) await stopped(child);
	if (process.env.BENCH_PG_URL) await dropDatabase(server.url, dbName);
	await server.stop();
}
