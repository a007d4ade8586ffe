/** A readable, dependency-free API reference rendered from the OpenAPI document. */
import { BODY_LIMITS } from './names.ts';

const mb = (bytes: number) => `${bytes / (1024 * 1024)} MB`;

type Operation = {
	summary?: string;
	tags?: string[];
	'x-access'?: { public?: true; roles?: string[]; scope?: string };
	'x-idempotent'?: boolean;
	parameters?: { name: string; in: string; required?: boolean }[];
	requestBody?: unknown;
	responses?: Record<string, { description?: string }>;
};
type Doc = {
	info: { title: string; version: string };
	paths: Record<string, Record<string, Operation>>;
};

const esc = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function accessText(op: Operation): string {
	const a = op['x-access'];
	if (!a || a.public) return 'public';
	return `${(a.roles ?? []).join(', ')}${a.scope ? ` · token scope <code>${esc(a.scope)}</code>` : ''}`;
}

export function renderDocsPage(doc: Doc): string {
	const rows = Object.entries(doc.paths)
		.flatMap(([path, ops]) =>
			Object.entries(ops).map(
				([
					method,
					op
				]) => `<tr><td><span class="m m-${method}">${method.toUpperCase()}</span></td><td><code>${esc(path)}</code></td>
<td>${esc(op.summary ?? '')}${op['x-idempotent'] ? ' <small>(Idempotency-Key)</small>' : ''}</td><td>${accessText(op)}</td>
<td>${Object.keys(op.responses ?? {}).join(' ')}</td></tr>`
			)
		)
		.join('\n');
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${esc(doc.info.title)} API reference</title><style>
body{font:15px/1.5 system-ui,sans-serif;margin:2rem auto;max-width:72rem;padding:0 1rem;color:#1d2430}
table{border-collapse:collapse;width:100%}td,th{padding:.4rem .6rem;border-bottom:1px solid #dde3ea;text-align:left;vertical-align:top}
code{font:13px ui-monospace,monospace}.m{font:600 12px ui-monospace,monospace;padding:.1rem .4rem;border-radius:4px;background:#e8eef6}
.m-post{background:#e3f4e8}.m-patch{background:#fff3d6}.m-delete{background:#fde4e4}
</style></head><body><h1>${esc(doc.info.title)} API <small>${esc(doc.info.version)}</small></h1>
<p>REST under <code>/api/v1</code>, JSON in and out. Authenticate with the session cookie (web) or <code>Authorization: Bearer &lt;token&gt;</code>
(API tokens, scoped). Errors are <code>application/problem+json</code> (RFC 9457) with per-field <code>errors</code>;
<code>title</code>, <code>detail</code> and field messages are Dutch when <code>Accept-Language</code> prefers <code>nl</code>, English otherwise (<code>code</code> and field names never change).
Lists use cursor pagination: pass <code>nextCursor</code> as <code>?cursor=</code>. Creating POSTs accept <code>Idempotency-Key</code>:
the same key and body replay the first response; another body gives 422. Machine-readable: <a href="/api/v1/openapi.json">openapi.json</a>.</p>
<h2 id="problems">Problems</h2><p id="problem-validation">400 validation · 401 not logged in · 403 role or scope missing · 404 not found ·
409 conflict · 413 body too large (${mb(BODY_LIMITS.upload)} for CSV imports and uploads, ${mb(BODY_LIMITS.default)} otherwise: <code>x-body-limit</code>) · 415 not JSON · 422 idempotency mismatch · 429 rate limited (see <code>Retry-After</code>).</p>
<h2>Endpoints</h2><table><thead><tr><th>Method</th><th>Path</th><th>What</th><th>Who</th><th>Responses</th></tr></thead><tbody>
${rows}</tbody></table></body></html>`;
}
