/**
 * The container files say what the project says: the Node version, a Debian base, a non-root user,
 * the health check, the port, and a compose file that sets only variables the app reads, with
 * values it accepts, pointing at the services it defines. (Building the image needs a container
 * engine: test/container/build-image.ts, a step of `npm test` when one answers.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { envNames, parseEnv } from '#api/env.ts';
import { DRAIN_TIMEOUT_MS, JOB_STOP_TIMEOUT_MS, SHUTDOWN_DEADLINE_MS } from '#api/http/shutdown.ts';

const root = path.resolve(import.meta.dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');
const pkg = JSON.parse(read('package.json')) as { devDependencies: Record<string, string> };

/** Instructions with their continuation lines joined, comments dropped. */
function instructions(dockerfile: string): { op: string; args: string }[] {
	return dockerfile
		.replace(/\\\n/g, ' ')
		.split('\n')
		.map((l) => l.trim())
		.filter((l) => l && !l.startsWith('#'))
		.map((l) => {
			const [op, ...rest] = l.split(/\s+/);
			return { op: op!.toUpperCase(), args: rest.join(' ') };
		});
}

/** The `environment:` map of one compose service, from the file's plain two-space layout. */
function composeEnvironment(compose: string, service: string): Record<string, string> {
	const lines = compose.split('\n');
	const start = lines.indexOf(`  ${service}:`);
	expect(start, `service ${service}`).toBeGreaterThan(-1);
	const env: Record<string, string> = {};
	let inside = false;
	for (const line of lines.slice(start + 1)) {
		if (/^ {2}\S/.test(line) || /^\S/.test(line)) break;
		if (/^ {4}\S/.test(line)) inside = line.trim() === 'environment:';
		else if (inside) {
			const m = line.match(/^ {6}([A-Z_]+): (.*)$/);
			if (m) env[m[1]!] = m[2]!;
		}
	}
	return env;
}

/** What compose makes of `${NAME:-default}` with nothing set in the shell. */
const withDefaults = (value: string) => value.replace(/\$\{\w+(?::?-([^}]*))?\}/g, '$1');

describe('Dockerfile', () => {
	const steps = instructions(read('Dockerfile'));
	const froms = steps.filter((s) => s.op === 'FROM');
	const finalStage = steps.slice(steps.lastIndexOf(froms.at(-1)!));
	const nodeVersion = steps.find((s) => s.op === 'ARG' && s.args.startsWith('NODE_VERSION='));

	it('builds on the project’s Node version, Debian (glibc) images, in several stages', () => {
		expect(nodeVersion?.args).toBe(`NODE_VERSION=${pkg.devDependencies.node}`);
		expect(pkg.devDependencies.node).toMatch(/^24\./);
		expect(froms.length).toBeGreaterThanOrEqual(2);
		for (const from of froms) {
			expect(from.args).toMatch(/^node:\$\{NODE_VERSION\}-bookworm-slim( AS \w+)?$/);
			expect(from.args).not.toMatch(/alpine/i);
		}
	});

	it('builds the app with its stamp in the build stage, so the image never builds at start', () => {
		expect(steps).toContainEqual({ op: 'RUN', args: 'node web/start.ts --build' });
		expect(finalStage).toContainEqual({ op: 'COPY', args: '--from=build /app/build ./build' });
		expect(finalStage).toContainEqual({ op: 'CMD', args: '["node", "web/start.ts"]' });
	});

	it('runs as a non-root user, from before the command on', () => {
		const users = finalStage.filter((s) => s.op === 'USER');
		expect(users.length).toBeGreaterThan(0);
		const user = users.at(-1)!;
		expect(user.args).not.toMatch(/^(root|0)(:|$)/);
		expect(finalStage.indexOf(user)).toBeLessThan(finalStage.findIndex((s) => s.op === 'CMD'));
	});

	it('checks liveness on /api/health at the port it exposes, which is the app’s default', () => {
		const check = finalStage.find((s) => s.op === 'HEALTHCHECK');
		expect(check?.args).toContain('/api/health');
		const port = String(parseEnv({}).PORT);
		expect(finalStage).toContainEqual({ op: 'EXPOSE', args: port });
		expect(check?.args).toContain(`process.env.PORT || ${port}`);
	});

	it('keeps modules, builds, data and git out of the build context', () => {
		const ignored = read('.dockerignore').split('\n');
		for (const entry of ['node_modules', 'build', '.svelte-kit', 'data', '.git', '.env'])
			expect(ignored).toContain(entry);
	});
});

describe('compose.yaml', () => {
	const compose = read('compose.yaml');
	const app = composeEnvironment(compose, 'app');
	const db = composeEnvironment(compose, 'db');

	it('sets only variables the app reads, with values it accepts', () => {
		expect(Object.keys(app).length).toBeGreaterThan(3);
		for (const name of Object.keys(app)) expect(envNames).toContain(name);
		const env = parseEnv(
			Object.fromEntries(Object.entries(app).map(([k, v]) => [k, withDefaults(v)]))
		);
		expect(env.DATABASE_URL).toBeDefined();
		expect(env.SMTP_URL).toBeDefined();
	});

	it('points the app at its own PostgreSQL (15 or newer) and Mailpit services', () => {
		const url = new URL(app.DATABASE_URL!);
		expect(url.hostname).toBe('db');
		expect(decodeURIComponent(url.username)).toBe(db.POSTGRES_USER);
		expect(decodeURIComponent(url.password)).toBe(db.POSTGRES_PASSWORD);
		expect(url.pathname).toBe(`/${db.POSTGRES_DB}`);
		expect(Number(compose.match(/^ {4}image: postgres:(\d+)/m)?.[1])).toBeGreaterThanOrEqual(15);
		expect(new URL(app.SMTP_URL!).host).toBe('mailpit:1025');
		expect(compose).toMatch(/^ {2}mailpit:\n {4}image: axllent\/mailpit/m);
	});

	it('gives the app longer than its own shutdown deadline to stop (Docker’s default is 10 s)', () => {
		const grace = compose.match(/^ {4}stop_grace_period: (\d+)s$/m);
		expect(Number(grace?.[1]) * 1000).toBeGreaterThan(SHUTDOWN_DEADLINE_MS);
	});

	it('fits the requests’ drain and the job in hand inside that deadline, with time to close the pool', () => {
		expect(JOB_STOP_TIMEOUT_MS).toBeGreaterThan(0);
		expect(DRAIN_TIMEOUT_MS + JOB_STOP_TIMEOUT_MS).toBeLessThan(SHUTDOWN_DEADLINE_MS);
	});
});
