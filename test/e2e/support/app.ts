/**
 * Start the app exactly as `npm start` does (web/start.ts: boot, build when the sources changed,
 * serve) on a free port with an empty PGlite data dir, for e2e tests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../../..');
/** Node 24 from the `node` devDependency: the system node is too old for the build. */
const node = path.join(root, 'node_modules/.bin/node');
const entry = path.join(root, 'web/start.ts');

export const E2E_ADMIN = {
	email: 'admin@example.test',
	password: 'e2e-admin-password-long-enough'
} as const;

async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer().on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface RunningApp {
	baseUrl: string;
	/** Everything the server printed (for failure reports). */
	output(): string;
	stop(): Promise<void>;
}

/** Demo data seeds on first start; the first start may also build (minutes on a cold machine). */
/** `env` adds to or overrides the app's environment (e.g. DATABASE_URL, TRUST_PROXY). */
export async function startApp(
	timeoutMs = 600_000,
	env: Record<string, string> = {}
): Promise<RunningApp> {
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}`;
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-e2e-'));
	const child: ChildProcess = spawn(node, [entry], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: dataDir,
			PUBLIC_ORIGIN: baseUrl,
			HOPPATEE_ADMIN_EMAIL: E2E_ADMIN.email,
			HOPPATEE_ADMIN_PASSWORD: E2E_ADMIN.password,
			...env
		}
	});
	let out = '';
	child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
	// If the runner dies, the server must not outlive it.
	const killNow = () => child.kill('SIGKILL');
	process.once('exit', killNow);

	const stop = async () => {
		if (child.exitCode === null && child.signalCode === null) {
			const exited = new Promise<void>((r) => child.once('exit', () => r()));
			child.kill('SIGTERM');
			const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
			await exited;
			clearTimeout(timer);
		}
		process.removeListener('exit', killNow);
		fs.rmSync(dataDir, { recursive: true, force: true });
	};

	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null) {
			await stop();
			throw new Error(
				`the app exited (${child.exitCode ?? child.signalCode}) before it was healthy:\n${out}`
			);
		}
		try {
			const res = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(5000) });
			if (res.status === 200) return { baseUrl, output: () => out, stop };
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	await stop();
	throw new Error(`GET /api/health did not answer 200 within ${timeoutMs} ms:\n${out}`);
}
