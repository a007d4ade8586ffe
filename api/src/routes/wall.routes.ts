import { z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { displayLinks } from '../../../db/schema/index.ts';
import { ADMINS } from '../domain/accounts/roles.ts';
import {
	createDisplayLink,
	DisplayLinkUnavailableError,
	findLiveDisplayLink,
	listDisplayLinks,
	revokeDisplayLink,
	updateDisplayLink
} from '../domain/wall/display-links.ts';
import { CreateDisplayLinkInput, UpdateDisplayLinkInput } from '../domain/wall/schemas.ts';
import { readWallFeed } from '../domain/wall/wall-feed.ts';
import { defineRoute } from '../http/access.ts';
import { publicOrigin } from '../http/origin.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { wallHub, type Screen } from '../http/wall-hub.ts';

const ADMIN = { roles: ADMINS } as const;

const DisplayLinkSchema = z
	.object({
		id: z.string(),
		name: z.string(),
		prefix: z.string(),
		showNegative: z.boolean(),
		theme: z.enum(['dark', 'light']),
		locale: z.enum(['nl', 'en']),
		createdAt: z.string(),
		lastSeenAt: z.string().nullable(),
		revokedAt: z.string().nullable(),
		can: z.object({ update: z.boolean(), revoke: z.boolean() })
	})
	.openapi('DisplayLink');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Display links of the wall (never their tokens)',
	tags: ['wall'],
	access: ADMIN,
	responses: {
		200: json(z.object({ items: z.array(DisplayLinkSchema) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const create = defineRoute({
	method: 'post',
	path: '/',
	summary: 'Create a display link; its URL is in this answer only',
	description:
		'No Idempotency-Key: a stored replay would keep the token in the database. Only the SHA-256 of the token is kept.',
	tags: ['wall'],
	access: ADMIN,
	request: {
		body: { content: { 'application/json': { schema: CreateDisplayLinkInput } }, required: true }
	},
	responses: {
		201: json(DisplayLinkSchema.extend({ token: z.string(), url: z.string() }), 'Created'),
		...problemResponses
	}
});

const update = defineRoute({
	method: 'patch',
	path: '/{id}',
	summary: 'Rename a display link or change what its wall shows (open screens reload)',
	tags: ['wall'],
	access: ADMIN,
	request: {
		params: IdParam,
		body: { content: { 'application/json': { schema: UpdateDisplayLinkInput } }, required: true }
	},
	responses: { 200: json(DisplayLinkSchema), ...problemResponses }
});

const revoke = defineRoute({
	method: 'post',
	path: '/{id}/revoke',
	summary: 'Revoke a display link: every open wall of it stops at once, on every instance',
	tags: ['wall'],
	access: ADMIN,
	request: { params: IdParam },
	responses: { 200: json(DisplayLinkSchema), ...problemResponses }
});

export const displayLinksRoutes = newRouter()
	.openapi(list, async (c) => c.json({ items: await listDisplayLinks({ ctx: c.get('ctx') }) }, 200))
	.openapi(create, async (c) =>
		c.json(
			await createDisplayLink({
				ctx: c.get('ctx'),
				input: { body: c.req.valid('json'), origin: publicOrigin(c) }
			}),
			201
		)
	)
	.openapi(update, async (c) =>
		c.json(
			await updateDisplayLink({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, body: c.req.valid('json') }
			}),
			200
		)
	)
	.openapi(revoke, async (c) =>
		c.json(
			await revokeDisplayLink({ ctx: c.get('ctx'), input: { id: c.req.valid('param').id } }),
			200
		)
	);

// ---- The screen: public, through the display link's token (mounted at /v1/wall)

const TokenParam = z.object({
	token: z
		.string()
		.min(1)
		.max(200)
		.openapi({
			param: { name: 'token', in: 'path' },
			description: 'The token from the display link'
		})
});

const WallReactionSchema = z
	.object({
		id: z.string(),
		cursor: z.string(),
		handle: z.string(),
		channel: z.string(),
		text: z.string(),
		sentiment: z.enum(['positive', 'neutral', 'negative']),
		postedAt: z.string()
	})
	.openapi('WallReaction');

const WallSchema = z
	.object({
		link: z.object({
			theme: z.enum(['dark', 'light']),
			locale: z.enum(['nl', 'en']),
			showNegative: z.boolean()
		}),
		reactions: z.array(WallReactionSchema),
		counters: z.object({
			weekStart: z.string(),
			surprisesSent: z.number(),
			positiveReactions: z.number(),
			happyCustomers: z.number(),
			reach: z.number()
		}),
		ambassadors: z.array(z.object({ handle: z.string(), channel: z.string(), tier: z.string() }))
	})
	.openapi('Wall');

const show = defineRoute({
	method: 'get',
	path: '/{token}',
	summary:
		'What the wall shows now: public handles and reaction texts, the week’s counters, top ambassadors',
	description:
		'No login. Never a name, email, address, note or post link; negative and neutral reactions only when the link shows them. Unknown and revoked links answer the same 404.',
	tags: ['wall'],
	access: { public: true },
	request: { params: TokenParam },
	responses: { 200: json(WallSchema), 404: problemResponses[404] }
});

const events = defineRoute({
	method: 'get',
	path: '/{token}/events',
	summary: 'The wall’s live updates as server-sent events',
	description:
		'Events: `snapshot` (everything, on a first connection), `reaction` (a new one, its id the feed cursor; without an id an edited one), ' +
		'`stats` (counters, ambassadors and the ids on screen), `ping` every 15 s, and `revoked`, `changed` (settings: reload) or `closing` (the instance stops: reconnect) before the stream ends. ' +
		'Reconnecting with `Last-Event-ID` (or `?after=`) sends what was missed since.',
	tags: ['wall'],
	access: { public: true },
	request: {
		params: TokenParam,
		query: z.object({ after: z.string().max(200).optional() })
	},
	responses: {
		200: {
			description: 'The event stream',
			content: { 'text/event-stream': { schema: z.string() } }
		},
		404: problemResponses[404]
	}
});

const encoder = new TextEncoder();

export const wallRoutes = newRouter()
	.openapi(show, async (c) => {
		const { db } = c.get('ctx');
		const link = await findLiveDisplayLink(db, c.req.valid('param').token);
		if (!link) throw new DisplayLinkUnavailableError();
		const feed = await readWallFeed(db, c.get('ctx').now());
		return c.json(
			{
				link: { theme: link.theme, locale: link.locale, showNegative: link.showNegative },
				reactions: link.showNegative ? feed.all : feed.positive,
				counters: feed.counters,
				ambassadors: feed.ambassadors
			},
			200
		);
	})
	.openapi(events, async (c) => {
		const { db, now } = c.get('ctx');
		const link = await findLiveDisplayLink(db, c.req.valid('param').token);
		if (!link) throw new DisplayLinkUnavailableError();
		await db.update(displayLinks).set({ lastSeenAt: now() }).where(eq(displayLinks.id, link.id));
		const deps = c.get('deps');
		const hub = wallHub(deps.database.db, deps.log);
		const lastEventId = c.req.header('last-event-id') || c.req.valid('query').after || null;
		let screen: Screen | null = null;
		const body = new ReadableStream<Uint8Array>({
			async start(controller) {
				let open = true;
				screen = {
					link,
					write: (chunk) => {
						if (!open) return;
						try {
							controller.enqueue(encoder.encode(chunk));
						} catch {
							open = false;
							hub.detach(screen!);
						}
					},
					end: () => {
						if (!open) return;
						open = false;
						controller.close();
					}
				};
				c.req.raw.signal.addEventListener('abort', () => {
					open = false;
					hub.detach(screen!);
				});
				await hub.attach(screen, lastEventId);
			},
			cancel() {
				if (screen) hub.detach(screen);
			}
		});
		return new Response(body, {
			status: 200,
			headers: {
				'Content-Type': 'text/event-stream; charset=utf-8',
				// No proxy or browser may keep or buffer the stream.
				'Cache-Control': 'no-cache, no-store, no-transform',
				'X-Accel-Buffering': 'no'
			}
		}) as never;
	});
