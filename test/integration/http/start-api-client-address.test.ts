/**
 * `npm run start:api` takes the client address from the socket, or behind trusted proxies
 * (TRUST_PROXY=true) from X-Forwarded-For at XFF_DEPTH, as `npm start` does: seen through the
 * per-address login limit (LOGIN_RATE_LIMIT=1: a second failure from one address is a 429).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../..');
const node = path.join(root, 'node_modules/.bin/node');
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
	for (const child of children) child.kill('SIGKILL');
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
	const server = net.createServer().listen(0, '127.0.0.1');
	await new Promise((r) => server.once('listening', r));
	const { port } = server.address() as net.AddressInfo;
	await new Promise((r) => server.close(r));
	return port;
}

/** The API alone on an empty embedded database; resolves with a login that sends the given headers. */
async function startApi(env: Record<string, string>) {
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-start-api-'));
	dirs.push(dir);
	const port = await freePort();
	let out = '';
	const child = spawn(node, ['api/src/server.ts'], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
		env: {
			...process.env,
			DATABASE_URL: '',
			DATA_DIR: dir,
			PORT: String(port),
			SEED_DEMO: 'false',
			LOG_LEVEL: 'silent',
			LOGIN_RATE_LIMIT: '1',
			...env
		}
	});
	children.push(child);
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 60_000;
	for (;;) {
		if (child.exitCode !== null) throw new Error(`start:api exited:\n${out}`);
		if (Date.now() > deadline) throw new Error(`start:api did not answer:\n${out}`);
		const ok = await fetch(`${base}/api/health`).then(
			(r) => r.ok,
			() => false
		);
		if (ok) break;
		await new Promise((r) => setTimeout(r, 200));
	}
	let n = 0;
	// A new unknown account each time: only the address limit can refuse.
	return async (headers: Record<string, string>) =>
		(
			await fetch(`${base}/api/v1/auth/login`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', ...headers },
				body: JSON.stringify({ email: `nobody${n++}@example.test`, password: 'wrong password!' })
			})
		).status;
}

describe('npm run start:api, the client address', () => {
	it('is the socket address without TRUST_PROXY, whatever the request says', async () => {
		const login = await startApi({});
		expect(await login({ 'x-forwarded-for': '203.0.113.1' })).toBe(401);
		expect(await login({ 'x-forwarded-for': '203.0.113.2' })).toBe(429);
		expect(await login({ 'x-hoppatee-client-ip': '203.0.113.3' })).toBe(429);
	}, 90_000);

	it('behind a trusted proxy is the address it appended to X-Forwarded-For', async () => {
		const login = await startApi({ TRUST_PROXY: 'true' });
		expect(await login({ 'x-forwarded-for': '203.0.113.1' })).toBe(401);
		expect(await login({ 'x-forwarded-for': '203.0.113.2' })).toBe(401);
		// What the client put before it, or in the API's own header, changes nothing.
		expect(await login({ 'x-forwarded-for': '198.51.100.7, 203.0.113.1' })).toBe(429);
		expect(
			await login({ 'x-forwarded-for': '203.0.113.2', 'x-hoppatee-client-ip': '198.51.100.8' })
		).toBe(429);
	}, 90_000);

	it('behind XFF_DEPTH=2 proxies is the entry the outer one appended', async () => {
		const login = await startApi({ TRUST_PROXY: 'true', XFF_DEPTH: '2' });
		expect(await login({ 'x-forwarded-for': '203.0.113.1, 10.0.0.1' })).toBe(401);
		expect(await login({ 'x-forwarded-for': '203.0.113.2, 10.0.0.1' })).toBe(401);
		expect(await login({ 'x-forwarded-for': '198.51.100.7, 203.0.113.1, 10.0.0.9' })).toBe(429);
	}, 90_000);
});
