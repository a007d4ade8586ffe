/**
 * `npm test`'s image step, when a container engine answers: builds the Dockerfile, reports the
 * image's size, runs it (embedded database in its /data volume) until /api/health and /api/ready
 * say yes, checks it runs as a non-root user, then stops it as an orchestrator does (SIGTERM) and
 * expects exit code 0. Exit 1 on any failure. Usage: node test/container/build-image.ts [engine]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import path from 'node:path';
import { containerEngine } from './engine.ts';

const root = path.resolve(import.meta.dirname, '../..');
const engine = process.argv[2] ?? containerEngine().engine;
if (!engine) {
	console.log(`image: no container engine answers (${containerEngine().why})`);
	process.exit(1);
}
const tag = `hoppatee:test-${process.pid}`;
const name = `hoppatee-test-${process.pid}`;
const run = (...args: string[]) =>
	execFileSync(engine, args, {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit']
	}).trim();

let failed = false;
try {
	const started = performance.now();
	execFileSync(engine, ['build', '-t', tag, '.'], { cwd: root, stdio: 'inherit' });
	const size = Number(run('image', 'inspect', tag, '--format', '{{.Size}}'));
	console.log(
		`image: built ${tag} in ${((performance.now() - started) / 1000).toFixed(0)} s, ${(size / 1e6).toFixed(0)} MB`
	);

	run('run', '-d', '--name', name, '-p', '127.0.0.1::3000', tag);
	const port = run('port', name, '3000/tcp').split('\n')[0]!.split(':').pop()!;
	const base = `http://127.0.0.1:${port}`;
	const deadline = Date.now() + 180_000;
	let ready = 0;
	while (Date.now() < deadline) {
		ready = await fetch(`${base}/api/ready`).then(
			(r) => r.status,
			() => 0
		);
		if (ready === 200) break;
		await new Promise((r) => setTimeout(r, 1000));
	}
	if (ready !== 200) throw new Error(`/api/ready answered ${ready}, not 200, within 180 s`);
	const health = await fetch(`${base}/api/health`);
	if (health.status !== 200) throw new Error(`/api/health answered ${health.status}`);
	const uid = run('exec', name, 'id', '-u');
	if (uid === '0') throw new Error('the container runs as root');
	console.log(`image: ${base} ready, running as uid ${uid}`);

	const stopping = performance.now();
	run('stop', '--time', '30', name);
	const code = run('inspect', name, '--format', '{{.State.ExitCode}}');
	if (code !== '0') throw new Error(`exit code ${code} after SIGTERM, not 0`);
	console.log(
		`image: stopped with exit code 0 in ${((performance.now() - stopping) / 1000).toFixed(1)} s`
	);
} catch (error) {
	failed = true;
	console.error(`image: ${(error as Error).message}`);
	spawnSync(engine, ['logs', name], { stdio: 'inherit' });
} finally {
	spawnSync(engine, ['rm', '-f', name], { stdio: 'ignore' });
	spawnSync(engine, ['image', 'rm', tag], { stdio: 'ignore' });
}
process.exit(failed ? 1 : 0);
