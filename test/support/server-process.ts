/**
 * A real server process (`npm start`'s web/start.ts or `npm run start:api`'s api/src/server.ts) on
 * a free port with an empty embedded data dir, and what a graceful-shutdown test does to it: a
 * request whose body is still on its way, a connection attempt, the exit.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '../..');
const node = path.join(root, 'node_modules/.bin/node');

export const ADMIN = { email: 'admin@example.test', password: 'shutdown-admin-password-long' };

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = net.createServer().on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as net.AddressInfo;
			server.close(() => resolve(port));
		});
	});
}

export interface ServerProcess {
	child: ChildProcess;
	port: number;
	dataDir: string;
	output(): string;
	exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
	cleanUp(): void;
}

export async function startServer(
	entry: 'web/start.ts' | 'api/src/server.ts',
	timeoutMs = 120_000
): Promise<ServerProcess> {
	const port = await freePort();
	const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-shutdown-'));
	const child = spawn(node, [path.join(root, entry)], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			HOST: '127.0.0.1',
			PORT: String(port),
			DATA_DIR: dataDir,
			DATABASE_URL: '',
			SEED_DEMO: 'false',
			LOG_LEVEL: 'info',
			HOPPATEE_ADMIN_EMAIL: ADMIN.email,
			HOPPATEE_ADMIN_PASSWORD: ADMIN.password
		}
	});
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
		(resolve) =>
			child.once('exit', (code, signal) => resolve({ code, signal, at: performance.now() }))
	);
	const cleanUp = () => {
		if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
		fs.rmSync(dataDir, { recursive: true, force: true });
	};
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline && child.exitCode === null) {
		try {
			const res = await fetch(`http://127.0.0.1:${port}/api/health`);
			if (res.status === 200) return { child, port, dataDir, output: () => out, exited, cleanUp };
		} catch {
			/* not listening yet */
		}
		await new Promise((r) => setTimeout(r, 200));
	}
	cleanUp();
	throw new Error(`${entry} did not become healthy:\n${out}`);
}

/** A login whose body arrives in two halves: in flight from its headers until finish() sends the rest. */
export function slowLogin(port: number) {
	const body = Buffer.from(JSON.stringify(ADMIN));
	const half = Math.floor(body.length / 2);
	let req!: http.ClientRequest;
	const response = new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>(
		(resolve, reject) => {
			req = http.request(
				{
					host: '127.0.0.1',
					port,
					method: 'POST',
					path: '/api/v1/auth/login',
					headers: { 'content-type': 'application/json', 'content-length': body.length }
				},
				(res) => {
					let text = '';
					res.on('data', (c: Buffer) => (text += c.toString()));
					res.on('end', () =>
						resolve({ status: res.statusCode!, headers: res.headers, body: text })
					);
					res.on('error', reject);
				}
			);
			req.on('error', reject);
			req.write(body.subarray(0, half));
		}
	);
	return { response, finish: () => req.end(body.subarray(half)) };
}

/** Whether a new TCP connection to the port is accepted or refused. */
export function connect(port: number): Promise<'accepted' | 'refused'> {
	return new Promise((resolve, reject) => {
		const socket = net.connect(port, '127.0.0.1');
		socket.once('connect', () => {
			socket.destroy();
			resolve('accepted');
		});
		socket.once('error', (error: NodeJS.ErrnoException) =>
			error.code === 'ECONNREFUSED' ? resolve('refused') : reject(error)
		);
	});
}

/** A keep-alive connection that answered once and now sits idle (it must not hold the exit up). */
export async function idleKeepAlive(port: number): Promise<http.Agent> {
	const agent = new http.Agent({ keepAlive: true });
	await new Promise<void>((resolve, reject) =>
		http
			.get({ host: '127.0.0.1', port, path: '/api/health', agent }, (res) => {
				res.resume();
				res.on('end', resolve);
			})
			.on('error', reject)
	);
	return agent;
}
