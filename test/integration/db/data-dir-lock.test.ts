/**
 * Two app processes on one embedded ./data lose writes. Two containers on one volume both run as
 * PID 1 (or 13): the lock must hold across PID namespaces, and go with the process however it dies.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError, openDatabase } from '../../../db/client.ts';

const root = path.resolve(import.meta.dirname, '../../..');
const node = path.join(root, 'node_modules/.bin/node');
const script = path.join(root, 'test/support/hold-data-dir.ts');

/** `unshare --pid` (a PID namespace each, as containers have), when this machine allows it. */
const unshare = ['unshare', '--pid', '--fork', '--map-root-user', '--kill-child'];
const namespaces = spawnSync(unshare[0]!, [...unshare.slice(1), 'true']).status === 0;
if (!namespaces)
	console.log(
		'data-dir lock: unshare --pid is not available here; both processes share one PID namespace'
	);

interface Started {
	child: ChildProcess;
	output: () => string;
	exited: Promise<number | null>;
}

function start(dir: string): Started {
	const [cmd, args] = namespaces
		? [unshare[0]!, [...unshare.slice(1), node, script, dir]]
		: [node, [script, dir]];
	const child = spawn(cmd, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
	let out = '';
	child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
	child.stderr!.on('data', (c: Buffer) => (out += c.toString()));
	const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
	return { child, output: () => out, exited };
}

async function holding(p: Started): Promise<{ pid: number; hostPid: number }> {
	const deadline = Date.now() + 30_000;
	while (Date.now() < deadline) {
		const m = p.output().match(/holding (\d+) (\d+)/);
		if (m) return { pid: Number(m[1]), hostPid: Number(m[2]) };
		if (p.child.exitCode !== null) break;
		await new Promise((r) => setTimeout(r, 50));
	}
	throw new Error(`did not open the database:\n${p.output()}`);
}

const started: Started[] = [];
const dirs: string[] = [];
afterAll(() => {
	for (const p of started) p.child.kill('SIGKILL');
	for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the embedded data directory lock', () => {
	it('refuses a second process in another PID namespace, even with the same pid, and frees on kill -9', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-lock-'));
		dirs.push(dir);
		const first = start(dir);
		started.push(first);
		const a = await holding(first);
		if (namespaces) expect(a.pid).toBe(1);

		const second = start(dir);
		started.push(second);
		expect(await second.exited).toBe(3);
		expect(second.output()).toContain(
			`The data directory ${dir} is in use by another Hoppatee process`
		);
		expect(second.output()).toMatch(/instance [0-9a-f-]{36}/);
		if (namespaces) expect(second.output()).toContain('pid 1,');

		// kill -9: no exit handler runs; the kernel drops the lock with the process.
		process.kill(a.hostPid, 'SIGKILL');
		await first.exited;
		const third = start(dir);
		started.push(third);
		const c = await holding(third);
		if (namespaces) expect(c.pid).toBe(1);
		third.child.kill('SIGKILL');
		await third.exited;
	}, 60_000);

	it('refuses a second open in the same process until the first is closed', async () => {
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-lock-'));
		dirs.push(dir);
		const first = await openDatabase({ dataDir: dir });
		await expect(openDatabase({ dataDir: dir })).rejects.toBeInstanceOf(DataDirLockedError);
		await first.close();
		const again = await openDatabase({ dataDir: dir });
		await again.close();
	}, 60_000);
});
