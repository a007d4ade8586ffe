import type { SubmitFunction } from '$app/forms';

/**
 * A page's forms while an action runs: `busy` disables their buttons (no double submit), `submit`
 * goes to `use:enhance`. A form keeps what was typed afterwards, unless `reset`: then one that
 * worked is emptied (a stock change is not sent twice by accident) and one that failed keeps it.
 */
export function pendingForms(options: { reset?: boolean } = {}) {
	let busy = $state(false);
	const submit: SubmitFunction = () => {
		busy = true;
		return async ({ update }) => {
			await update({ reset: options.reset ?? false });
			busy = false;
		};
	};
	return {
		get busy() {
			return busy;
		},
		submit
	};
}
