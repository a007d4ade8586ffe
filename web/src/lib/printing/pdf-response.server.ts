/**
 * The print endpoints under /print/*.pdf pass the API's PDF through as it comes (streamed, never
 * buffered here) with the headers a browser and the page need: the job id, the flag and page counts.
 */
import { error } from '@sveltejs/kit';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { m } from '#lib/paraglide/messages.js';
import type { PrintSource } from './print-form.ts';

type Api = ReturnType<typeof apiClient>;

const PASSED = [
	'content-type',
	'content-disposition',
	'cache-control',
	'x-print-job-id',
	'x-print-flags',
	'x-print-pages'
];

/** The PDF response of the API as this site's response; a problem becomes SvelteKit's error (JSON for fetch, a page for a form post). */
export async function pdfFrom(res: Response, url: URL): Promise<Response> {
	if (!res.ok) return throwFromApi(res, url);
	const headers = new Headers({ 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
	for (const name of PASSED) {
		const value = res.headers.get(name);
		if (value) headers.set(name, value);
	}
	return new Response(res.body, { status: 200, headers });
}

/** A source is required: a campaign or at least one surprise. */
export function requireSource(source: PrintSource | null): PrintSource {
	if (!source) error(400, { status: 400, message: m.print_error_no_source() });
	return source;
}

/** The surprises of an earlier print job, in its print order (cards that pair with a labels job). */
export async function surprisesOfJob(
	api: Api,
	jobId: string,
	url: URL
): Promise<{ kind: 'labels' | 'cards'; template: string; surpriseIds: string[] }> {
	const res = await api.api.v1.print.jobs[':id'].$get({ param: { id: jobId } });
	if (!res.ok) return throwFromApi(res, url);
	const job = await res.json();
	return {
		kind: job.kind,
		template: job.template,
		surpriseIds: (job.surprises ?? []).map((s) => s.id)
	};
}
