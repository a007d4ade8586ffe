/**
 * Notifications between app instances, on either engine: PostgreSQL's LISTEN/NOTIFY through
 * postgres.js (one connection of its own, re-listened after a reconnect) on a server, PGlite's own
 * listen/notify in the embedded database. A notification sent inside a transaction arrives when it
 * commits, and never when it rolls back, on both.
 */
import { sql } from 'drizzle-orm';
import type { Db, Executor } from './client.ts';

export interface Listener {
	/** `onReady` runs when listening starts and again after a lost connection came back. */
	listen(
		channel: string,
		onMessage: (payload: string) => void,
		onReady?: () => void
	): Promise<() => Promise<void>>;
}

const listeners = new WeakMap<Db, Listener>();

/** openDatabase registers how its engine listens. */
export function registerListener(db: Db, listener: Listener): void {
	listeners.set(db, listener);
}

/** Calls `onMessage` with every payload sent on `channel`; the result stops listening. */
export function listen(
	db: Db,
	channel: string,
	onMessage: (payload: string) => void,
	onReady?: () => void
): Promise<() => Promise<void>> {
	const listener = listeners.get(db);
	if (!listener) throw new Error('This database was not opened by openDatabase: it cannot listen.');
	return listener.listen(channel, onMessage, onReady);
}

/** Sends `payload` (at most 8,000 bytes) to every listener on `channel`, when the transaction commits. */
export async function notify(db: Executor, channel: string, payload: string): Promise<void> {
	await db.execute(sql`select pg_notify(${channel}, ${payload})`);
}
