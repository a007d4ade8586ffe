import { eq } from 'drizzle-orm';
import { campaigns, nominations } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireStaffOrScope, userId, type Ctx } from '../context.ts';
import { findCustomerRow } from '../customers/customer-view.ts';
import { findOrCreateByHandle } from '../customers/find-or-create-from-url.ts';
import { recogniseUrl } from '../customers/recognise-url.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { canonicalPostUrl } from '../reactions/post-url.ts';
import { handleOn } from '../reactions/resolve-author.ts';
import { loadNominationView, type NominationView } from './nomination-view.ts';
import { refuseSecondOpenNomination } from './open-for-post.ts';
import { CreateNominationInput } from './schemas.ts';

/**
 * Propose a customer for a surprise. Staff, or an API token with `nominations:write` (the webcare
 * inbox). With only a post link, the customer is found by handle or created.
 */
export async function createNomination({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<NominationView & { customerCreated: boolean }> {
	requireStaffOrScope(ctx, 'nominations:write');
	const data = CreateNominationInput.parse(input);
	return inTransaction(ctx, async (ctx) => {
		let customerId: string;
		let customerCreated = false;
		if (data.customerId) {
			const row = await findCustomerRow(ctx, data.customerId).catch((error: unknown) => {
				if (error instanceof NotFoundError)
					throw new ValidationError(msg('this_customer_does_not_exist'), [
						{ field: 'customerId', message: msg('no_such_customer') }
					]);
				throw error;
			});
			customerId = row.id;
		} else {
			let target: ReturnType<typeof recogniseUrl>;
			try {
				target = recogniseUrl(data.postUrl!);
			} catch (error) {
				if (!(error instanceof ValidationError)) throw error;
				// A post link that names nobody (Instagram /p/…, /reel/…): the handle typed beside it.
				const channel = canonicalPostUrl(data.postUrl!).channel;
				if (!data.handle || !channel)
					throw new ValidationError(error.text, [{ field: 'postUrl', message: error.text }]);
				target = { channel, handle: handleOn(channel, data.handle) };
			}
			const found = await findOrCreateByHandle(ctx, { ...target, name: data.customerName });
			customerId = found.customer.id;
			customerCreated = found.created;
		}

		if (data.campaignId) {
			const [campaign] = await ctx.db
				.select({ status: campaigns.status, name: campaigns.name })
				.from(campaigns)
				.where(eq(campaigns.id, data.campaignId));
			if (!campaign)
				throw new ValidationError(msg('this_campaign_does_not_exist'), [
					{ field: 'campaignId', message: msg('no_such_campaign') }
				]);
			if (campaign.status === 'closed' || campaign.status === 'rejected') {
				throw new ConflictError(
					msg('campaign_is_2', {
						name: campaign.name,
						status: word('campaign_status', campaign.status)
					}),
					[
						{
							field: 'campaignId',
							message: msg('campaign_is', { status: word('campaign_status', campaign.status) })
						}
					]
				);
			}
		}

		if (data.postUrl) await refuseSecondOpenNomination(ctx, data.postUrl);

		const [row] = await ctx.db
			.insert(nominations)
			.values({
				customerId,
				campaignId: data.campaignId ?? null,
				nominatedBy: userId(ctx.actor),
				reason: data.reason,
				text: data.text,
				postUrl: data.postUrl ?? null,
				createdAt: ctx.now()
			})
			.returning();
		await recordAudit(ctx, {
			action: 'nomination.create',
			entity: 'nomination',
			entityId: row!.id,
			data: {
				customerId,
				customerCreated,
				reason: data.reason,
				campaignId: data.campaignId ?? null
			}
		});
		return { ...(await loadNominationView(ctx, row!.id)), customerCreated };
	});
}
