import { spawnSync } from 'node:child_process';

/** The first container engine whose daemon answers (docker, then podman), with why none does. */
export function containerEngine(): { engine: string | null; why: string } {
	const reasons: string[] = [];
	for (const engine of ['docker', 'podman']) {
		const info = spawnSync(engine, ['info', '--format', '{{.ServerVersion}}'], {
			encoding: 'utf8',
			timeout: 20_000
		});
		if (info.status === 0) return { engine, why: '' };
		const said = (info.error?.message ?? info.stderr ?? '').trim().split('\n').at(-1) ?? '';
		reasons.push(`${engine}: ${said || `exit ${info.status}`}`);
	}
	return { engine: null, why: reasons.join('; ') };
}
