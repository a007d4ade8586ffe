/**
 * Each background job's runs in this process, for /metrics: finished, failed, in hand, and how long
 * the last one took. The scheduler runs every job through countedRun.
 */
export interface JobStats {
	runs: number;
	failures: number;
	running: number;
	lastSeconds: number | null;
}

const stats = new Map<string, JobStats>();

export function jobStats(): ReadonlyMap<string, Readonly<JobStats>> {
	return stats;
}

/** Runs one job and counts it; the job's result or error passes through unchanged. */
export async function countedRun<T>(name: string, work: () => Promise<T>): Promise<T> {
	let s = stats.get(name);
	if (!s) stats.set(name, (s = { runs: 0, failures: 0, running: 0, lastSeconds: null }));
	s.running += 1;
	const started = performance.now();
	try {
		return await work();
	} catch (error) {
		s.failures += 1;
		throw error;
	} finally {
		s.running -= 1;
		s.runs += 1;
		s.lastSeconds = (performance.now() - started) / 1000;
	}
}
