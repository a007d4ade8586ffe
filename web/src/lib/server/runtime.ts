import { getRuntime, type Runtime } from '#api/runtime';

/**
 * The one runtime of this process (database, lock, API app).
 *
 * In a production build api/ is not bundled (see vite.config.ts): hooks and web/start.ts import the
 * same api/src/runtime.ts module, so `getRuntime()` already returns one shared promise. The
 * globalThis slot also keeps it single when the dev server re-evaluates modules after an edit, which
 * would otherwise open the data directory a second time and hit its lock.
 */
const SLOT = Symbol.for('hoppatee.runtime');
type Holder = { [SLOT]?: Promise<Runtime> };

export function runtime(): Promise<Runtime> {
	const holder = globalThis as Holder;
	holder[SLOT] ??= getRuntime();
	return holder[SLOT];
}
