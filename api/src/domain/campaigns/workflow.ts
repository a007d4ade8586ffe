import { and, count, eq, inArray } from 'drizzle-orm';
import {
	auditLog,
	campaignDecisions,
	campaignGifts,
	campaigns,
	users
} from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { queueApprovalRequest } from '../email/queue-approval-request.ts';
import { queueDecisionEmail } from '../email/queue-decision-email.ts';
import { todayInAmsterdam } from '../calendar/today.ts';
import { inTransaction, type Ctx } from '../context.ts';
import { ConflictError, DomainError } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { readSetting } from '../settings/settings.ts';
import { CAMPAIGN_MANAGERS, requireCampaignManager } from './access.ts';
import { loadCampaign, type CampaignRow } from './campaign-view.ts';
import { getCampaign, type CampaignDetail } from './campaigns.ts';
import { DecideCampaignInput, type CampaignDecisionKind, type CampaignStatus } from './schemas.ts';
import {
	assertCampaignTransition,
	canTransitionCampaign,
	editableStatuses,
	effectiveCampaignStatus
} from './status.ts';

/**
 * Separation of duties: whoever wrote a campaign does not decide on it. A 403, not a
 * 409: the campaign's state is fine, this person is the problem, and another marketer can do it.
 */
export class SeparationOfDutiesError extends DomainError {
	constructor() {
		super('forbidden', msg('campaign_own_decision'), {
			fields: [{ field: 'decision', message: msg('ask_another_marketing_user') }],
			details: { reason: 'separation_of_duties' }
		});
	}
}

const outcome = {
	approve: 'approved',
	reject: 'rejected',
	request_changes: 'changes_requested'
} as const satisfies Record<CampaignDecisionKind, CampaignStatus>;

/** The creator, and everyone who edited the campaign since (from the audit log, written in the same transactions). */
async function campaignAuthors(ctx: Ctx, campaign: CampaignRow): Promise<Set<string>> {
	const editors = await ctx.db
		.selectDistinct({ id: auditLog.actorId })
		.from(auditLog)
		.where(
			and(
				eq(auditLog.entity, 'campaign'),
				eq(auditLog.entityId, campaign.id),
				inArray(auditLog.action, ['campaign.create', 'campaign.update']),
				eq(auditLog.actorType, 'user')
			)
		);
	return new Set(
		[campaign.createdBy, ...editors.map((e) => e.id)].filter((id): id is string => !!id)
	);
}

async function activeMarketingUsers(ctx: Ctx): Promise<number> {
	const [row] = await ctx.db
		.select({ n: count() })
		.from(users)
		.where(and(eq(users.role, 'marketing'), eq(users.active, true)));
	return Number(row?.n ?? 0);
}

/**
 * Whether this marketer may decide on the campaign: 'other' when they did not write it, 'self' when
 * they did but are the only active marketing user and the admin allows it, 'forbidden' otherwise.
 */
async function decider(
	ctx: Ctx,
	campaign: CampaignRow,
	actorId: string
): Promise<'other' | 'self' | 'forbidden'> {
	if (!(await campaignAuthors(ctx, campaign)).has(actorId)) return 'other';
	const sole = (await activeMarketingUsers(ctx)) === 1;
	return sole && (await readSetting(ctx, 'allow_sole_marketing_self_approval'))
		? 'self'
		: 'forbidden';
}

/** What this actor may do next with a campaign, by the rules the verbs below enforce (role, status, separation of duties). */
export interface CampaignCan {
	edit: boolean;
	submit: boolean;
	approve: boolean;
	reject: boolean;
	requestChanges: boolean;
}

export async function campaignCan(ctx: Ctx, campaign: CampaignRow): Promise<CampaignCan> {
	const { actor } = ctx;
	const manager =
		actor.type === 'user' && (CAMPAIGN_MANAGERS as readonly string[]).includes(actor.role);
	const decide = (to: CampaignStatus) => manager && canTransitionCampaign(campaign.status, to);
	const mayDecide =
		manager &&
		actor.type === 'user' &&
		campaign.status === 'submitted' &&
		(await decider(ctx, campaign, actor.id)) !== 'forbidden';
	return {
		edit: manager && editableStatuses.includes(campaign.status),
		submit: decide('submitted'),
		approve: mayDecide && decide(outcome.approve),
		reject: mayDecide && decide(outcome.reject),
		requestChanges: mayDecide && decide(outcome.request_changes)
	};
}

/** Where links in the emails point (PUBLIC_ORIGIN or the request's origin). */
export interface CampaignMailOptions {
	origin?: string;
}

/**
 * Send a draft (or a reworked campaign) to marketing for a decision. In the same transaction, every
 * other marketing user who takes mail one by one gets an approval request (digest users see it in
 * the daily digest); one mail per submission round, however often the request is retried.
 */
export async function submitCampaign({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { id: string };
	options?: CampaignMailOptions;
}): Promise<CampaignDetail> {
	requireCampaignManager(ctx);
	await inTransaction(ctx, async (ctx) => {
		const campaign = await loadCampaign(ctx, input.id, { lock: true });
		assertCampaignTransition(campaign.status, 'submitted');
		const today = todayInAmsterdam(ctx.now());
		if (campaign.endsOn < today) {
			throw new ConflictError(msg('campaign_ended', { ends_on: campaign.endsOn }), [
				{ field: 'endsOn', message: msg('in_past') }
			]);
		}
		const [gifts] = await ctx.db
			.select({ n: count() })
			.from(campaignGifts)
			.where(eq(campaignGifts.campaignId, campaign.id));
		if (Number(gifts?.n ?? 0) === 0) {
			throw new ConflictError(msg('campaign_needs_gift'), [
				{ field: 'giftIds', message: msg('no_gifts_allowed_yet') }
			]);
		}
		const [earlier] = await ctx.db
			.select({ n: count() })
			.from(auditLog)
			.where(
				and(
					eq(auditLog.entity, 'campaign'),
					eq(auditLog.entityId, campaign.id),
					eq(auditLog.action, 'campaign.submit')
				)
			);
		const round = String(Number(earlier?.n ?? 0) + 1);
		await ctx.db
			.update(campaigns)
			.set({ status: 'submitted', updatedAt: ctx.now() })
			.where(eq(campaigns.id, campaign.id));
		await recordAudit(ctx, {
			action: 'campaign.submit',
			entity: 'campaign',
			entityId: campaign.id,
			data: { from: campaign.status, round }
		});
		await queueApprovalRequest({
			ctx,
			input: {
				kind: 'campaign',
				id: campaign.id,
				round,
				...(options.origin ? { origin: options.origin } : {})
			}
		});
	});
	return getCampaign({ ctx, input });
}

/**
 * Approve, reject or request changes, with a comment (required unless approving); the creator gets
 * the decision by email in the same transaction. Never by an
 * author of the campaign, unless they are the only active marketing user and the admin setting
 * `allow_sole_marketing_self_approval` is on. An approval inside the campaign's dates makes it
 * active at once. Every decision lands in campaign_decisions and the audit log.
 */
export async function decideCampaign({
	ctx,
	input,
	options = {}
}: {
	ctx: Ctx;
	input: { id: string; decision: unknown };
	options?: CampaignMailOptions;
}): Promise<CampaignDetail> {
	const actor = requireCampaignManager(ctx);
	const data = DecideCampaignInput.parse(input.decision);
	await inTransaction(ctx, async (ctx) => {
		const campaign = await loadCampaign(ctx, input.id, { lock: true });
		const target = outcome[data.decision];
		assertCampaignTransition(campaign.status, target);

		const who = await decider(ctx, campaign, actor.id);
		if (who === 'forbidden') throw new SeparationOfDutiesError();
		const selfDecision = who === 'self';

		const now = ctx.now();
		const status =
			target === 'approved'
				? effectiveCampaignStatus({ ...campaign, status: 'approved' }, todayInAmsterdam(now))
				: target;
		await ctx.db
			.update(campaigns)
			.set({
				status,
				updatedAt: now,
				...(target === 'approved' ? { approvedBy: actor.id, approvedAt: now } : {})
			})
			.where(eq(campaigns.id, campaign.id));
		const [decisionRow] = await ctx.db
			.insert(campaignDecisions)
			.values({
				campaignId: campaign.id,
				decision: target,
				comment: data.comment,
				decidedBy: actor.id,
				createdAt: now
			})
			.returning({ id: campaignDecisions.id });
		await recordAudit(ctx, {
			action: 'campaign.decide',
			entity: 'campaign',
			entityId: campaign.id,
			data: { decision: target, comment: data.comment, from: campaign.status, status, selfDecision }
		});
		// The creator hears the outcome with the comment, in their language (not when they decided themselves).
		if (campaign.createdBy && campaign.createdBy !== actor.id) {
			await queueDecisionEmail({
				ctx,
				input: {
					kind: 'campaign',
					id: campaign.id,
					decision: target,
					comment: data.comment,
					toUserId: campaign.createdBy,
					round: decisionRow!.id,
					...(options.origin ? { origin: options.origin } : {})
				}
			});
		}
	});
	return getCampaign({ ctx, input: { id: input.id } });
}
