/** Reads a server-sent event stream the way a browser's EventSource does, for tests and the bench. */
export interface SseEvent {
	event: string;
	data: string;
	id?: string;
}

export function sseReader(body: ReadableStream<Uint8Array>) {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	const events: SseEvent[] = [];
	const raw: string[] = [];
	let buffer = '';
	let ended = false;
	let wake = (): void => {};
	const pump = (async () => {
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				const text = decoder.decode(value, { stream: true });
				raw.push(text);
				buffer += text;
				let end: number;
				while ((end = buffer.indexOf('\n\n')) >= 0) {
					const block = buffer.slice(0, end);
					buffer = buffer.slice(end + 2);
					const e: SseEvent = { event: 'message', data: '' };
					const data: string[] = [];
					for (const line of block.split('\n')) {
						const colon = line.indexOf(':');
						if (colon === 0) continue;
						const field = colon < 0 ? line : line.slice(0, colon);
						const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
						if (field === 'event') e.event = value;
						else if (field === 'data') data.push(value);
						else if (field === 'id') e.id = value;
					}
					if (!data.length) continue;
					e.data = data.join('\n');
					events.push(e);
				}
				wake();
			}
		} catch {
			// cancelled
		} finally {
			ended = true;
			wake();
		}
	})();

	/** The first event (from `from` on) that matches, within `timeoutMs`. */
	async function next(
		match: (e: SseEvent) => boolean,
		{ timeoutMs = 5_000, from = 0 } = {}
	): Promise<SseEvent> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			const found = events.slice(from).find(match);
			if (found) return found;
			if (ended) throw new Error(`stream ended without the event; got ${JSON.stringify(events)}`);
			const left = deadline - Date.now();
			if (left <= 0)
				throw new Error(`no such event in ${timeoutMs} ms; got ${JSON.stringify(events)}`);
			await new Promise<void>((resolve) => {
				wake = () => resolve();
				setTimeout(resolve, left);
			});
		}
	}

	return {
		events,
		/** Everything received, as text. */
		text: () => raw.join(''),
		next,
		get ended() {
			return ended;
		},
		/** Resolves once the server ended the stream. */
		closed: pump,
		cancel: () => reader.cancel().catch(() => {})
	};
}
