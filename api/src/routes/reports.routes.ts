import { z } from '@hono/zod-openapi';
import {
	channels,
	giftKinds,
	sentiments,
	surpriseStatuses,
	tiers
} from '../../../db/schema/index.ts';
import { REPORT_READERS } from '../domain/reports/access.ts';
import { getCampaignResults } from '../domain/reports/campaign-results.ts';
import { getOverview } from '../domain/reports/get-overview.ts';
import { PeriodInput } from '../domain/reports/period.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { zodText } from '../messages/zod.ts';

const READ = { roles: REPORT_READERS } as const;
const readProblems = {
	400: problemResponses[400],
	401: problemResponses[401],
	403: problemResponses[403]
};
const int = () => z.number().int();
const counts = <T extends readonly [string, ...string[]]>(keys: T) => z.record(z.enum(keys), int());
const PeriodSchema = z.object({ from: z.string(), to: z.string() });

const ReactionTotalsSchema = z.object({
	total: int(),
	bySentiment: counts(sentiments),
	reach: int(),
	likes: int(),
	shares: int(),
	comments: int(),
	audience: int()
});

const OverviewSchema = z
	.object({
		period: PeriodSchema.extend({
			quarter: z.string().nullable(),
			start: z.string(),
			end: z.string()
		}),
		previous: PeriodSchema,
		surprises: z.object({
			total: int(),
			gifted: int(),
			costCents: int(),
			byStatus: counts(surpriseStatuses),
			byCampaign: z.array(
				z.object({
					campaignId: z.string(),
					name: z.string(),
					surprises: int(),
					gifted: int(),
					costCents: int(),
					budgetCents: int(),
					spentCents: int(),
					reservedCents: int()
				})
			),
			byGift: z.array(
				z.object({
					giftId: z.string(),
					name: z.string(),
					kind: z.enum(giftKinds),
					surprises: int(),
					quantity: int(),
					costCents: int()
				})
			),
			byChannel: counts([...channels, 'none']),
			previous: z.object({ total: int(), costCents: int() })
		}),
		reactions: ReactionTotalsSchema.extend({
			byWeek: z.array(
				z.object({
					week: z.string(),
					start: z.string(),
					end: z.string(),
					positive: int(),
					neutral: int(),
					negative: int()
				})
			),
			previous: ReactionTotalsSchema
		}),
		tierMoves: z.object({
			total: int(),
			customers: z.array(
				z.object({ id: z.string(), name: z.string(), before: z.enum(tiers), after: z.enum(tiers) })
			)
		}),
		ambassadors: z.object({
			top: z.array(
				z.object({
					customerId: z.string(),
					name: z.string(),
					score: z.number(),
					tier: z.enum(tiers),
					change: z.number()
				})
			),
			emerging: z.array(
				z.object({
					customerId: z.string(),
					name: z.string(),
					score: z.number(),
					tier: z.enum(tiers),
					change: z.number()
				})
			)
		}),
		highlights: z.array(
			z.object({
				id: z.string(),
				customerId: z.string(),
				customerName: z.string(),
				channel: z.enum(channels),
				url: z.string().nullable(),
				text: z.string(),
				postedAt: z.string(),
				sentiment: z.enum(sentiments),
				reach: int()
			})
		),
		serviceLevel: z.object({
			days: int(),
			weeks: z.array(
				z.object({
					week: z.string(),
					approved: int(),
					onTime: int(),
					late: int(),
					pending: int(),
					share: z.number().nullable()
				})
			),
			onTime: int(),
			late: int(),
			pending: int(),
			share: z.number().nullable(),
			overdueNow: int()
		}),
		generatedAt: z.string()
	})
	.openapi('ReportOverview');

const CampaignResultsSchema = z
	.object({
		postedWithinDays: int(),
		campaigns: z.array(
			z.object({
				campaignId: z.string(),
				name: z.string(),
				status: z.string(),
				startsOn: z.string(),
				endsOn: z.string(),
				budgetCents: int(),
				surprises: int(),
				costCents: int(),
				costPerSurpriseCents: int().nullable(),
				reactions: int(),
				reactionsPerSurprise: z.number().nullable(),
				positivePer100Euro: z.number().nullable(),
				reachPer100Euro: z.number().nullable(),
				reach: int(),
				recipients: int(),
				recipientsPosted: int(),
				postedShare: z.number().nullable(),
				medianHoursToShip: z.number().nullable(),
				bySentiment: counts(sentiments)
			})
		)
	})
	.openapi('CampaignResults');

const overview = defineRoute({
	method: 'get',
	path: '/overview',
	summary:
		'The overview of a period: a quarter (2026-Q3), from–to (Europe/Amsterdam dates), or the last full quarter',
	tags: ['reports'],
	access: READ,
	request: { query: PeriodInput },
	responses: { 200: json(OverviewSchema), ...readProblems }
});

/** `ids=a,b,c`: one to four campaign ids, comma-separated. */
const CampaignIdsQuery = z.object({
	ids: z
		.string(zodText('report_choose_campaigns'))
		.max(200, zodText('report_choose_campaigns'))
		.openapi({ description: '1–4 campaign ids, comma-separated', example: 'uuid1,uuid2' })
});

const campaigns = defineRoute({
	method: 'get',
	path: '/campaigns',
	summary: 'Campaign results side by side: cost, reactions and reach per surprise and per €100',
	tags: ['reports'],
	access: READ,
	request: { query: CampaignIdsQuery },
	responses: { 200: json(CampaignResultsSchema), ...readProblems, 404: problemResponses[404] }
});

export const reportsRoutes = newRouter()
	.openapi(overview, async (c) =>
		c.json(await getOverview({ ctx: c.get('ctx'), input: c.req.valid('query') }), 200)
	)
	.openapi(campaigns, async (c) =>
		c.json(
			await getCampaignResults({
				ctx: c.get('ctx'),
				input: {
					ids: c.req
						.valid('query')
						.ids.split(',')
						.map((s) => s.trim())
				}
			}),
			200
		)
	);
