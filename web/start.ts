/**
 * `npm start`: one process that serves the pages and the API.
 *
 * 1. Boot the runtime first (env validation, database lock, migrations, first admin, demo data), so
 *    a bad variable or a second process on the same ./data stops here with one clear message.
 * 2. Build when there is no build or the web sources changed since the last one. The build goes to a
 *    temporary directory that is then swapped in: rebuilding a build that is being served crashes it.
 * 3. Serve with node:http: /api/* goes straight to the Hono app (the very app `npm run start:api`
 *    serves: its body limits, CSRF check and 415s, not SvelteKit's plain-text ones), everything
 *    else to build/handler.js.
 *
 * One runtime per process: the server build does not bundle api/ and db/ (see vite.config.ts), so
 * the hooks import the very api/src/runtime.ts module this script boots. The promise also sits in a
 * globalThis slot (web/src/lib/server/runtime.ts reads it) as a second guard.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import type { TLSSocket } from 'node:tls';
import { pathToFileURL } from 'node:url';
import { getRequestListener } from '@hono/node-server';
import { BODY_LIMITS, METRICS_PATH, stampClientAddress } from '#api/client';
import { drainable, SHUTDOWN_DEADLINE_MS } from '#api/http/shutdown.ts';
import { getRuntime, type Runtime } from '#api/runtime';
import { sourceHash } from './build-inputs.ts';
import { SECURITY_HEADERS } from './src/lib/server/security-headers.ts';

const root = path.resolve(import.meta.dirname, '..');
/** HOPPATEE_BUILD_DIR: a build of one's own, e.g. for tests beside a running app (default build/). */
const buildDir = path.resolve(root, process.env.HOPPATEE_BUILD_DIR || 'build');
const STAMP_FILE = '.hoppatee-build.json';
const RUNTIME_SLOT = Symbol.for('hoppatee.runtime');

function builtHash(): string | null {
	try {
		return (
			(JSON.parse(fs.readFileSync(path.join(buildDir, STAMP_FILE), 'utf8')) as { hash?: string })
				.hash ?? null
		);
	} catch {
		return null;
	}
}

const LOCK_DIR = path.join(root, '.build-lock');

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'EPERM';
	}
}

/**
 * One build of this checkout at a time: builds share .svelte-kit/, so two at once (two `npm start`,
 * tests beside a running app) spoil each other. mkdir is atomic; a lock whose process died is taken over.
 */
async function withBuildLock(work: () => void): Promise<void> {
	const deadline = Date.now() + 15 * 60_000;
	let told = false;
	for (;;) {
		try {
			fs.mkdirSync(LOCK_DIR);
			fs.writeFileSync(path.join(LOCK_DIR, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const holder = Number(
				fs.readFileSync(path.join(LOCK_DIR, 'pid'), { encoding: 'utf8', flag: 'a+' })
			);
			if (holder && !alive(holder)) {
				fs.rmSync(LOCK_DIR, { recursive: true, force: true });
				continue;
			}
			if (Date.now() > deadline)
				throw new Error(`Another build (${LOCK_DIR}) has not finished in 15 minutes.`);
			if (!told) console.log('Another build of this checkout is running: waiting for it…');
			told = true;
			await new Promise((r) => setTimeout(r, 500));
		}
	}
	try {
		work();
	} finally {
		fs.rmSync(LOCK_DIR, { recursive: true, force: true });
	}
}

/** Builds into .build-next-<pid>/ and swaps it in; build/ is never half-written. */
async function ensureBuild(): Promise<void> {
	if (!fs.existsSync(path.join(root, 'web/src'))) return; // a deployed build without sources
	const upToDate = () =>
		fs.existsSync(path.join(buildDir, 'handler.js')) && builtHash() === sourceHash(root);
	if (upToDate()) return;
	await withBuildLock(() => {
		if (!upToDate()) build();
	});
}

function build(): void {
	const hash = sourceHash(root);

	console.log(
		fs.existsSync(buildDir)
			? 'Sources changed since the last build: building Hoppatee…'
			: 'Building Hoppatee (first start)…'
	);
	const started = performance.now();
	const next = path.join(root, `.build-next-${process.pid}`);
	const old = path.join(root, `.build-old-${process.pid}`);
	const vite = path.join(root, 'node_modules/vite/bin/vite.js');
	const viteBuild = () => {
		const run = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
			cwd: root,
			stdio: ['ignore', 'pipe', 'inherit'],
			encoding: 'utf8',
			env: { ...process.env, HOPPATEE_BUILD_OUT: next }
		});
		// SvelteKit's hint about `npm run preview` names a script this project does not have.
		process.stdout.write(run.stdout.replace(/\n?Run .*npm run preview.*\n/, ''));
		return run;
	};
	let result = viteBuild();
	// Another build of this checkout at the same moment (`npm run build`, tests) shares .svelte-kit/
	// and can leave ours incomplete: try once more before giving up.
	if (result.status === 0 && !fs.existsSync(path.join(next, 'handler.js'))) {
		console.log(
			'The build output is incomplete (another build running at the same time?): building again…'
		);
		result = viteBuild();
	}
	if (result.status !== 0 || !fs.existsSync(path.join(next, 'handler.js'))) {
		fs.rmSync(next, { recursive: true, force: true });
		throw new Error(
			`The build failed (exit ${result.status ?? result.signal}). Run \`npm run build\` to see why.`
		);
	}
	fs.writeFileSync(
		path.join(next, STAMP_FILE),
		JSON.stringify({ hash, builtAt: new Date().toISOString() })
	);
	if (fs.existsSync(buildDir)) fs.renameSync(buildDir, old);
	fs.renameSync(next, buildDir);
	fs.rmSync(old, { recursive: true, force: true });
	console.log(`Built in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}

type NodeHandler = (req: http.IncomingMessage, res: http.ServerResponse, next: () => void) => void;

async function main(): Promise<void> {
	const started = performance.now();
	const booting = getRuntime();
	(globalThis as { [RUNTIME_SLOT]?: Promise<Runtime> })[RUNTIME_SLOT] = booting;
	const runtime = await booting;

	let server: http.Server | undefined = undefined;
	let drain: ReturnType<typeof drainable> | undefined = undefined;
	let stopping = false;
	// SIGTERM: refuse new connections, finish the requests in flight, then the job in hand, then close the database.
	const stop = (code: number) => {
		if (stopping) return;
		stopping = true;
		setTimeout(() => process.exit(1), SHUTDOWN_DEADLINE_MS).unref();
		const exit = (drained: boolean) =>
			void runtime.close().finally(() => {
				runtime.log(drained ? 'info' : 'warn', 'stopped', { drained });
				process.exit(drained ? code : 1);
			});
		if (!drain) return exit(true);
		runtime.log('info', 'shutting down', {});
		void drain().then(exit);
	};
	process.once('SIGINT', () => stop(0));
	process.once('SIGTERM', () => stop(0));

	try {
		await ensureBuild();
	} catch (error) {
		console.error(error instanceof Error ? error.message : error);
		return stop(1);
	}

	// adapter-node ignores ORIGIN and assumes https unless a protocol header says otherwise. We set the
	// header from the real socket, so SvelteKit's CSRF check compares against the true origin. Behind a
	// reverse proxy (TRUST_PROXY=true) the proxy's X-Forwarded-Proto and X-Forwarded-For count instead.
	const trustProxy = runtime.env.TRUST_PROXY;
	process.env.PROTOCOL_HEADER = 'x-forwarded-proto';
	if (trustProxy) process.env.ADDRESS_HEADER ??= 'x-forwarded-for';
	// Page forms (a CSV upload through the import pages) may carry what the API's largest limit takes.
	process.env.BODY_SIZE_LIMIT = String(BODY_LIMITS.upload);
	const { handler } = (await import(pathToFileURL(path.join(buildDir, 'handler.js')).href)) as {
		handler: NodeHandler;
	};

	const api = getRequestListener(runtime.api.fetch);

	server = http.createServer((req, res) => {
		const pathname = (req.url ?? '/').split('?')[0]!;
		if (pathname === '/api' || pathname.startsWith('/api/') || pathname === METRICS_PATH) {
			// The client address for the API: the socket's, or behind trusted proxies the one XFF_DEPTH names.
			stampClientAddress(req, runtime.env);
			return void api(req, res);
		}
		const protocol = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
		if (!trustProxy) req.headers['x-forwarded-proto'] = protocol;
		else {
			// A request that did not pass the proxy (a health check straight to the port) has no such
			// headers, and adapter-node fails every request without its ADDRESS_HEADER: the socket's own.
			req.headers['x-forwarded-proto'] ||= protocol;
			req.headers['x-forwarded-for'] ||= req.socket.remoteAddress ?? 'unknown';
		}
		// Static files are answered before any SvelteKit hook runs: their headers are set here (a page's own win).
		for (const [name, value] of Object.entries(SECURITY_HEADERS)) res.setHeader(name, value);
		handler(req, res, () => {
			res.statusCode = 404;
			res.end();
		});
	});
	drain = drainable(server);
	const port = runtime.env.PORT;
	const host = runtime.env.HOST;
	server.once('error', (error: NodeJS.ErrnoException) => {
		console.error(
			error.code === 'EADDRINUSE'
				? `Port ${port} is already in use. Stop the other program or set PORT to another port.`
				: error
		);
		stop(1);
	});
	server.listen(port, host, () => {
		runtime.log('info', 'listening', { host, port, ms: Math.round(performance.now() - started) });
		console.log(`Hoppatee is running on http://localhost:${port}`);
	});
}

try {
	// `node web/start.ts --build`: build as a start would, stamp included, and stop (the Dockerfile's build stage).
	if (process.argv.includes('--build')) await ensureBuild();
	else await main();
} catch (error) {
	// EnvError (one line per bad variable), DataDirLockedError and NewerDatabaseError carry messages meant for people.
	const name = error instanceof Error ? error.name : '';
	console.error(
		['EnvError', 'DataDirLockedError', 'NewerDatabaseError'].includes(name)
			? (error as Error).message
			: error
	);
	process.exit(1);
}
