/**
 * The wall under load: one app instance (the API as `npm run start:api` serves it, embedded
 * database) with 200 screens on its event stream, held by a load script in a second process on
 * loopback, which also logs the reactions (bearer token) and times each one's arrival on every
 * screen. Baseline in the same run: one screen. Target: every delivery within 2 s.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { getRequestListener } from '@hono/node-server';
import { boot } from '../api/src/runtime.ts';
import { parseEnv } from '../api/src/env.ts';
import { createApiToken } from '../api/src/domain/accounts/api-tokens.ts';
import { createUser } from '../api/src/domain/accounts/users.ts';
import { systemCtx, type Ctx } from '../api/src/domain/context.ts';
import { createDisplayLink } from '../api/src/domain/wall/display-links.ts';
import { log } from './support/pg-load.ts';

const SCREENS = 200;
const REACTIONS = 10;
const TARGET_MS = 2_000;

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-bench-wall-'));
const runtime = await boot(
	parseEnv({
		DATA_DIR: dataDir,
		SEED_DEMO: 'false',
		LOG_LEVEL: 'silent',
		HOPPATEE_ADMIN_PASSWORD: 'bench wall first admin password'
	})
);
const listener = getRequestListener(runtime.api.fetch);
const server = http.createServer((req, res) => void listener(req, res));
server.maxConnections = SCREENS + 50;
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;

const system = systemCtx(runtime.database.db);
const admin = await createUser({
	ctx: system,
	input: {
		email: 'bench-admin@example.test',
		name: 'Bench admin',
		role: 'admin',
		password: 'bench wall admin password'
	}
});
const asAdmin: Ctx = {
	...system,
	actor: { type: 'user', id: admin.id, role: 'admin', name: admin.name, email: admin.email }
};
const link = await createDisplayLink({ ctx: asAdmin, input: { body: { name: 'Bench' }, origin } });
const token = await createApiToken({
	ctx: asAdmin,
	input: { name: 'bench', scopes: ['reactions:write'] }
});

type Figures = { p50: number; p95: number; max: number; deliveries: number; missed: number };
function run(screens: number): Promise<Figures> {
	return new Promise((resolve, reject) => {
		const child = spawn(
			path.resolve(import.meta.dirname, '../node_modules/.bin/node'),
			[
				path.join(import.meta.dirname, 'support/wall-load.ts'),
				origin,
				link.token,
				token.token,
				String(screens),
				String(REACTIONS)
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] }
		);
		let out = '';
		child.stdout.on('data', (d: Buffer) => (out += d.toString()));
		child.on('exit', (code) =>
			code === 0
				? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Figures)
				: reject(new Error(`load script exit ${code}`))
		);
	});
}

const f = (x: number) => `${x.toFixed(1)} ms`;
const one = await run(1);
log(
	`wall: 1 screen (baseline): p50 ${f(one.p50)}, p95 ${f(one.p95)}, max ${f(one.max)} from logging a reaction to its event (${one.deliveries} deliveries)`
);
const many = await run(SCREENS);
log(
	`wall: ${SCREENS} screens on one instance: p50 ${f(many.p50)}, p95 ${f(many.p95)}, max ${f(many.max)} (${many.deliveries} deliveries, ${many.missed} missed)`
);
log(`wall: p95 ratio ${SCREENS} screens / 1 screen: ${(many.p95 / one.p95).toFixed(2)}×`);
const ok = many.missed === 0 && many.max <= TARGET_MS;
log(`wall: every reaction on every screen within ${TARGET_MS} ms: ${ok ? 'yes ✔' : 'no ✘'}`);

server.closeAllConnections();
server.close();
await runtime.close();
fs.rmSync(dataDir, { recursive: true, force: true });
process.exit(ok ? 0 : 1);
