import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { CLIENT_IP_HEADER, createApiClient, LOCALE_HEADER, SESSION_COOKIE } from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';
import { runtime } from './runtime.ts';

type ApiEvent = Pick<RequestEvent, 'cookies' | 'getClientAddress' | 'request' | 'url'>;

/**
 * The typed API client for one request. It calls the Hono app in-process (no network hop) and
 * forwards only what the API needs: the session cookie, the client address (the API trusts the
 * header because nothing from outside can set it: hooks strip it) and the user agent.
 * Pages never touch the database or domain functions; they go through this client.
 */
export function apiClient(event: ApiEvent) {
	const headers: Record<string, string> = {
		[CLIENT_IP_HEADER]: event.getClientAddress(),
		[LOCALE_HEADER]: getLocale()
	};
	const session = event.cookies.get(SESSION_COOKIE);
	if (session) headers.cookie = `${SESSION_COOKIE}=${session}`;
	const userAgent = event.request.headers.get('user-agent');
	if (userAgent) headers['user-agent'] = userAgent;

	return createApiClient(event.url.origin, {
		headers,
		fetch: async (input: RequestInfo | URL, init?: RequestInit) =>
			(await runtime()).api.fetch(new Request(input, init))
	});
}

export type ApiClient = ReturnType<typeof apiClient>;

export interface FieldProblem {
	field: string;
	message: string;
}

/** An RFC 9457 problem as the API sends it (anything else is turned into one). */
export interface Problem {
	status: number;
	title: string;
	detail: string;
	code?: string;
	requestId?: string;
	errors?: FieldProblem[];
	/** With 429: how long until the next attempt may succeed. */
	retryAfterSeconds?: number;
}

/** Reads a failed response as a problem, whatever its body turned out to be. */
export async function readProblem(res: Response): Promise<Problem> {
	let body: Partial<Problem> = {};
	try {
		body = (await res.clone().json()) as Partial<Problem>;
	} catch {
		/* not JSON: keep the status */
	}
	return {
		status: res.status,
		title: typeof body.title === 'string' ? body.title : res.statusText,
		detail: typeof body.detail === 'string' ? body.detail : res.statusText,
		...(typeof body.code === 'string' ? { code: body.code } : {}),
		...(typeof body.requestId === 'string' ? { requestId: body.requestId } : {}),
		...(Array.isArray(body.errors) ? { errors: body.errors } : {}),
		...(typeof body.retryAfterSeconds === 'number'
			? { retryAfterSeconds: body.retryAfterSeconds }
			: {})
	};
}

/** What a form action returns on failure; pages show `detail` and each error beside its input. */
export interface FormFailure {
	detail: string;
	errors: Record<string, string>;
}

/** Field errors keyed by the field path (`handles.0.handle`); the first message per field wins. */
export function fieldErrors(problems: FieldProblem[] = []): Record<string, string> {
	const out: Record<string, string> = {};
	for (const { field, message } of problems) out[field] ??= message;
	return out;
}

/**
 * Turns a failed API response into `fail(status, { detail, errors, ...extra })` for a form action
 * (`extra` carries what the page needs back, such as the typed values). A 401 sends the person to
 * the login page instead: their session ended.
 */
export async function failFromApi<E extends Record<string, unknown> = Record<never, never>>(
	res: Response,
	event: Pick<RequestEvent, 'url'>,
	extra?: E
) {
	const problem = await readProblem(res);
	if (problem.status === 401) redirect(303, loginUrl(event.url));
	const errors = fieldErrors(problem.errors);
	// The API speaks English; "check the fields" is said in the reader's language, the field messages follow.
	const detail =
		problem.status === 400 && Object.keys(errors).length > 0
			? m.form_check_fields()
			: problem.detail;
	const failure: FormFailure = { detail, errors };
	return fail(problem.status, { ...failure, ...(extra as E) });
}

/**
 * For load functions: a failed API response becomes SvelteKit's error page (with the status), or a
 * redirect to the login page when the session ended.
 */
export async function throwFromApi(res: Response, url?: URL): Promise<never> {
	const problem = await readProblem(res);
	if (problem.status === 401) redirect(303, loginUrl(url));
	error(problem.status, {
		status: problem.status,
		message: problem.detail,
		...(problem.requestId ? { requestId: problem.requestId } : {})
	});
}

/** The login page, coming back to `url` afterwards. */
export function loginUrl(url?: URL): string {
	if (!url || url.pathname === '/login' || url.pathname === '/') return '/login';
	return `/login?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** A `next` parameter is only followed to a path on this site. */
export function safeNext(next: string | null): string {
	return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')
		? next
		: '/';
}
