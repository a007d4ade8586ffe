import type { Database } from '../../../db/client.ts';
import type { Actor, Ctx } from '../domain/context.ts';
import type { Env } from '../env.ts';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
export type Log = (level: LogLevel, msg: string, data?: Record<string, unknown>) => void;

export interface ApiDeps {
	database: Database;
	env: Env;
	log: Log;
	/** Injectable clock for tests. */
	now?: () => Date;
	/** This process runs the background jobs: /api/ready then waits for them. */
	runsJobs?: boolean;
}

export type AppEnv = {
	Variables: {
		deps: ApiDeps;
		requestId: string;
		actor: Actor;
		ctx: Ctx;
		log: Log;
		/** How the actor was identified: cookies need CSRF checks, bearer tokens do not. */
		authVia: 'cookie' | 'bearer' | 'none';
	};
};
