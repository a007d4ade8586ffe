/**
 * The wall's fan-out, one per database in a process: it listens on WALL_CHANNEL (db/notify.ts),
 * reads the feed once per change and writes the same server-sent events to every open screen, so
 * 200 screens cost one read, not 200. A screen's events say what is new (`reaction`, with the feed
 * cursor as its id), what changed around it (`stats`: counters, ambassadors, the ids on screen) or
 * everything (`snapshot`); `revoked` and `changed` end its stream.
 */
import { inArray, and, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { listen } from '../../../db/notify.ts';
import { displayLinks } from '../../../db/schema/index.ts';
import {
	WALL_CHANNEL,
	type LiveDisplayLink,
	type WallSignal
} from '../domain/wall/display-links.ts';
import { readWallFeed, type WallFeed, type WallReaction } from '../domain/wall/wall-feed.ts';
import { beforeDrain } from './shutdown.ts';
import type { Log } from './types.ts';

/** A keep-alive event: the page counts a screen offline when none arrived for two of these. */
export const WALL_PING_MS = 15_000;
/** Links checked and counters re-read this often, whatever the notifications said (a week turns, a nightly recompute). */
const SWEEP_MS = 30_000;
/** The browser reconnects this soon after a lost connection. */
const RETRY_MS = 1_500;

export interface Screen {
	link: LiveDisplayLink;
	write(chunk: string): void;
	end(): void;
}

export function sse(event: string, data: unknown, id?: string): string {
	return `${id ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

const listOf = (feed: WallFeed, link: LiveDisplayLink) =>
	link.showNegative ? feed.all : feed.positive;
const stats = (feed: WallFeed, list: WallReaction[]) => ({
	counters: feed.counters,
	ambassadors: feed.ambassadors,
	ids: list.map((r) => r.id)
});
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

export class WallHub {
	private readonly screens = new Set<Screen>();
	private feed: WallFeed | null = null;
	private starting: Promise<void> | null = null;
	private unlisten: (() => Promise<void>) | null = null;
	private refreshing: Promise<void> | null = null;
	private dirty = false;
	private timers: NodeJS.Timeout[] = [];
	private stopped = false;
	private readonly endAll = () => this.endWhere(() => true, 'closing');

	private readonly db: Db;
	private readonly log: Log;

	constructor(db: Db, log: Log) {
		this.db = db;
		this.log = log;
	}

	private start(): Promise<void> {
		this.starting ??= (async () => {
			this.unlisten = await listen(
				this.db,
				WALL_CHANNEL,
				(payload) => this.onSignal(payload),
				// (Re)connected: what was sent while the listening connection was down is read now.
				() => void this.refresh()
			);
			this.feed = await readWallFeed(this.db);
			this.timers.push(
				setInterval(() => void this.sweep(), SWEEP_MS),
				setInterval(() => this.broadcast(sse('ping', Date.now())), WALL_PING_MS)
			);
			for (const t of this.timers) t.unref();
			beforeDrain.add(this.endAll);
		})();
		return this.starting;
	}

	/** Opens a screen: everything (a first connection) or what it missed after `lastEventId`. */
	async attach(screen: Screen, lastEventId?: string | null): Promise<void> {
		await this.start();
		// A read under way may hold what this screen missed.
		if (this.refreshing) await this.refreshing;
		const feed = this.feed!;
		const list = listOf(feed, screen.link);
		let out = `retry: ${RETRY_MS}\n\n`;
		if (lastEventId) {
			const missed = list.filter((r) => r.cursor > lastEventId).reverse();
			for (const r of missed) out += sse('reaction', r, r.cursor);
			out += sse('stats', stats(feed, list));
		} else {
			out += sse(
				'snapshot',
				{ reactions: list, counters: feed.counters, ambassadors: feed.ambassadors },
				list[0]?.cursor
			);
		}
		screen.write(out);
		this.screens.add(screen);
	}

	detach(screen: Screen): void {
		this.screens.delete(screen);
	}

	get size(): number {
		return this.screens.size;
	}

	private onSignal(payload: string): void {
		let signal: WallSignal;
		try {
			signal = JSON.parse(payload) as WallSignal;
		} catch {
			return;
		}
		if (signal.kind === 'reactions') void this.refresh();
		else this.endWhere((s) => s.link.id === signal.linkId, signal.kind);
	}

	private endWhere(match: (s: Screen) => boolean, event: 'revoked' | 'changed' | 'closing'): void {
		for (const screen of [...this.screens]) {
			if (!match(screen)) continue;
			this.screens.delete(screen);
			screen.write(sse(event, {}));
			screen.end();
		}
	}

	private broadcast(chunk: string, to: (s: Screen) => boolean = () => true): void {
		for (const screen of this.screens) if (to(screen)) screen.write(chunk);
	}

	/** One read at a time; changes meanwhile make one more read after it. */
	refresh(): Promise<void> {
		if (this.stopped || !this.feed) return Promise.resolve();
		if (this.refreshing) {
			this.dirty = true;
			return this.refreshing;
		}
		this.refreshing = (async () => {
			do {
				this.dirty = false;
				try {
					const next = await readWallFeed(this.db);
					const prev = this.feed!;
					this.feed = next;
					for (const showNegative of [false, true]) {
						const chunk = changes(
							showNegative ? prev.all : prev.positive,
							showNegative ? next.all : next.positive,
							prev,
							next
						);
						if (chunk) this.broadcast(chunk, (s) => s.link.showNegative === showNegative);
					}
				} catch (error) {
					this.log('warn', 'wall refresh failed', { error: String(error) });
				}
			} while (this.dirty && !this.stopped);
		})().finally(() => {
			this.refreshing = null;
		});
		return this.refreshing;
	}

	/** Screens of links revoked while a notification was lost end here, within SWEEP_MS. */
	private async sweep(): Promise<void> {
		const ids = [...new Set([...this.screens].map((s) => s.link.id))];
		try {
			if (ids.length) {
				const live = new Set(
					(
						await this.db
							.select({ id: displayLinks.id })
							.from(displayLinks)
							.where(and(inArray(displayLinks.id, ids), isNull(displayLinks.revokedAt)))
					).map((r) => r.id)
				);
				this.endWhere((s) => !live.has(s.link.id), 'revoked');
			}
			await this.refresh();
		} catch (error) {
			this.log('warn', 'wall sweep failed', { error: String(error) });
		}
	}

	async stop(): Promise<void> {
		this.stopped = true;
		for (const t of this.timers) clearInterval(t);
		beforeDrain.delete(this.endAll);
		this.endAll();
		await this.starting?.catch(() => {});
		await this.unlisten?.().catch(() => {});
	}
}

/** The events that take a screen from `before` to `after`, or '' when nothing it shows changed. */
function changes(
	before: WallReaction[],
	after: WallReaction[],
	prev: WallFeed,
	next: WallFeed
): string {
	const old = new Map(before.map((r) => [r.id, r]));
	const newest = before[0]?.cursor ?? '';
	let out = '';
	for (const r of [...after].reverse()) {
		const was = old.get(r.id);
		// One that committed late (logged earlier than the newest shown) or an edited text takes its
		// place by cursor without moving the screen's place in the feed.
		if (!was) out += sse('reaction', r, r.cursor > newest ? r.cursor : undefined);
		else if (!same(was, r)) out += sse('reaction', r);
	}
	const s = stats(next, after);
	if (out || !same(stats(prev, before), s)) out += sse('stats', s);
	return out;
}

const hubs = new WeakMap<Db, WallHub>();

export function wallHub(db: Db, log: Log): WallHub {
	let hub = hubs.get(db);
	if (!hub) {
		hub = new WallHub(db, log);
		hubs.set(db, hub);
	}
	return hub;
}

/** Before the database closes: every stream ends and the listening stops. */
export async function stopWallHub(db: Db): Promise<void> {
	const hub = hubs.get(db);
	if (!hub) return;
	hubs.delete(db);
	await hub.stop();
}
