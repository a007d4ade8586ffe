/**
 * The baseline for bench/api-throughput.ts: a bare Hono + postgres.js server answering
 * `GET /api/v1/reactions` with what the API's first page costs at the least — the session lookup
 * (cookie → SHA-256 → session joined to its active user, touched at most once a minute) and the
 * same page query, its rows mapped to the same JSON. No middleware, no validation, no logging.
 * Run by the bench as its own process: DATABASE_URL and PORT from the environment.
 */
import { createHash } from 'node:crypto';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { getCookie } from 'hono/cookie';
import postgres from 'postgres';
import { SESSION_COOKIE } from '#api/client';

const sql = postgres(process.env.DATABASE_URL!, { max: 10, onnotice: () => {} });
const LIMIT = 50;
const EMPTY_BASIS = { language: 'nl', score: 0, drivers: [] };

type Row = Record<string, unknown> & { posted_at: Date; created_at: Date; updated_at: Date };

const app = new Hono();
app.get('/api/v1/reactions', async (c) => {
	const token = getCookie(c, SESSION_COOKIE);
	if (!token) return c.json({ title: 'Not logged in' }, 401);
	const hash = createHash('sha256').update(token).digest('hex');
	const now = new Date();
	const [session] = await sql`
		select u.id, u.role, s.last_seen_at from sessions s join users u on u.id = s.user_id
		where s.token_hash = ${hash} and s.expires_at > ${now} and u.active`;
	if (!session) return c.json({ title: 'Not logged in' }, 401);
	if (now.getTime() - (session.last_seen_at as Date).getTime() > 60_000)
		await sql`update sessions set last_seen_at = ${now} where token_hash = ${hash}`;
	const rows = await sql<Row[]>`
		select r.*, c.name as customer_name, c.tier as customer_tier, s.reference as surprise_reference,
			u.name as created_by_name,
			to_char(r.posted_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as posted_at_exact
		from reactions r
		join customers c on c.id = r.customer_id
		left join surprises s on s.id = r.surprise_id
		left join users u on u.id = r.created_by
		order by r.posted_at desc, r.id desc
		limit ${LIMIT + 1}`;
	const page = rows.slice(0, LIMIT);
	const last = page.at(-1);
	return c.json({
		items: page.map((r) => ({
			id: r.id,
			customerId: r.customer_id,
			customer: { id: r.customer_id, name: r.customer_name, tier: r.customer_tier },
			surpriseId: r.surprise_id,
			surprise:
				r.surprise_id && r.surprise_reference
					? { id: r.surprise_id, reference: r.surprise_reference }
					: null,
			channel: r.channel,
			url: r.url,
			text: r.text,
			postedAt: r.posted_at.toISOString(),
			kind: r.kind,
			sentiment: r.sentiment,
			suggestedSentiment: r.suggested_sentiment,
			sentimentOverridden: r.suggested_sentiment !== null && r.suggested_sentiment !== r.sentiment,
			sentimentBasis: r.sentiment_basis ?? EMPTY_BASIS,
			likes: r.likes,
			shares: r.shares,
			comments: r.comments,
			followers: r.followers,
			createdBy: r.created_by ? { id: r.created_by, name: r.created_by_name ?? '' } : null,
			createdAt: r.created_at.toISOString(),
			updatedAt: r.updated_at.toISOString()
		})),
		nextCursor:
			rows.length > LIMIT && last
				? Buffer.from(JSON.stringify([last.posted_at_exact, last.id])).toString('base64url')
				: null
	});
});

const server = serve({ port: Number(process.env.PORT), fetch: app.fetch }, () =>
	process.send?.('listening')
);
process.once('SIGTERM', () => server.close(() => void sql.end({ timeout: 5 })));
