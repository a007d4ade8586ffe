import { and, asc, eq, inArray } from 'drizzle-orm';
import { campaigns, customers, printJobs, surprises, users } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { ConflictError, NotFoundError, ValidationError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { isIn, printableStatuses, type SurpriseStatus } from '../surprises/state-machine.ts';
import type { PrintKind } from './schemas.ts';

/** What printing needs of one surprise. The internal note is deliberately not selected. */
export interface BatchSurprise {
	id: string;
	reference: string;
	status: SurpriseStatus;
	addressId: string | null;
	postage: string;
	cardMessage: string;
	customerName: string;
	customerLocale: string;
	signerName: string | null;
	campaignId: string;
}

export interface PrintBatch {
	/** In print order: by reference, so a cards PDF and a labels PDF of one batch pair up. */
	surprises: BatchSurprise[];
	templateId: string;
	/** The campaign printed: given, or the one campaign all surprises of a selection or reprint belong to. */
	campaignId: string | null;
	reprintOf: string | null;
}

/** HOP-00042 before HOP-100000: references compare by their number. */
const byReference = new Intl.Collator('en', { numeric: true });

/** With a selection or a reprint, printed surprises may print again; a campaign prints its ready ones. */

/**
 * Resolves what to print — a selection, a campaign's `ready` surprises, or an earlier job's
 * surprises — and locks those rows until the transaction ends (in id order, as every batch does,
 * so two batches cannot deadlock). Unknown ids are a 404; surprises that are not ready or printed a
 * 409 naming each of them.
 */
export async function collectBatch(
	ctx: Ctx,
	kind: PrintKind,
	input: { surpriseIds?: string[]; campaignId?: string; reprintJobId?: string; templateId?: string }
): Promise<PrintBatch> {
	let ids: string[];
	let templateId = input.templateId;
	let reprintOf: string | null = null;
	let campaignId: string | null = null;

	if (input.campaignId) {
		const [campaign] = await ctx.db
			.select({ id: campaigns.id })
			.from(campaigns)
			.where(eq(campaigns.id, input.campaignId));
		if (!campaign) throw new NotFoundError('campaign', input.campaignId);
		campaignId = campaign.id;
		const ready = await ctx.db
			.select({ id: surprises.id })
			.from(surprises)
			.where(and(eq(surprises.campaignId, campaign.id), eq(surprises.status, 'ready')))
			.orderBy(asc(surprises.id))
			.for('update');
		if (ready.length === 0) {
			throw new ConflictError(msg('print_campaign_nothing_ready'), [
				{ field: 'campaignId', message: msg('no_ready_surprises') }
			]);
		}
		ids = ready.map((r) => r.id);
	} else {
		if (input.reprintJobId) {
			const [job] = await ctx.db
				.select()
				.from(printJobs)
				.where(eq(printJobs.id, input.reprintJobId));
			if (!job) throw new NotFoundError('print_job', input.reprintJobId);
			reprintOf = job.id;
			ids = job.surpriseIds;
			if (templateId === undefined) {
				if (job.kind !== kind)
					throw new ValidationError(msg('print_reprint_other_kind'), [
						{ field: 'templateId', message: msg('choose_template') }
					]);
				templateId = job.template;
			}
		} else {
			ids = [...new Set(input.surpriseIds ?? [])];
		}
		const locked = new Set<string>();
		for (let i = 0; i < ids.length; i += 1000) {
			const chunk = [...ids.slice(i, i + 1000)].sort();
			const rows = await ctx.db
				.select({ id: surprises.id })
				.from(surprises)
				.where(inArray(surprises.id, chunk))
				.orderBy(asc(surprises.id))
				.for('update');
			for (const r of rows) locked.add(r.id);
		}
		const missing = ids.find((id) => !locked.has(id));
		if (missing) throw new NotFoundError('surprise', missing);
	}

	const rows: BatchSurprise[] = [];
	for (let i = 0; i < ids.length; i += 1000) {
		rows.push(
			...((await ctx.db
				.select({
					id: surprises.id,
					reference: surprises.reference,
					status: surprises.status,
					addressId: surprises.addressId,
					postage: surprises.postage,
					cardMessage: surprises.cardMessage,
					customerName: customers.name,
					customerLocale: customers.locale,
					signerName: users.name,
					campaignId: surprises.campaignId
				})
				.from(surprises)
				.innerJoin(customers, eq(customers.id, surprises.customerId))
				.leftJoin(users, eq(users.id, surprises.signedBy))
				.where(inArray(surprises.id, ids.slice(i, i + 1000)))) as BatchSurprise[])
		);
	}

	const unprintable = rows.filter((r) => !isIn(printableStatuses, r.status));
	if (unprintable.length) {
		const named = unprintable.map((r) => `${r.reference} (${r.status})`);
		throw new ConflictError(
			msg('print_not_ready', {
				named: named.slice(0, 20).join(', '),
				more: named.length > 20 ? msg('print_and_more', { count: named.length - 20 }) : ''
			}),
			unprintable.map((r) => ({
				field: input.surpriseIds
					? `surpriseIds.${input.surpriseIds.indexOf(r.id)}`
					: 'reprintJobId',
				message: msg('ship_reference_is_status', {
					reference: r.reference,
					status: word('surprise_status', r.status)
				})
			})),
			{
				surprises: unprintable.map((r) => ({ id: r.id, reference: r.reference, status: r.status }))
			}
		);
	}

	rows.sort((a, b) => byReference.compare(a.reference, b.reference));
	// A selection (or a reprint) that lies within one campaign is recorded as that campaign's print,
	// so the job history says what was printed whichever way the batch was chosen.
	const campaignsOfRows = new Set(rows.map((r) => r.campaignId));
	if (campaignId === null && campaignsOfRows.size === 1) campaignId = [...campaignsOfRows][0]!;
	return { surprises: rows, templateId: templateId!, campaignId, reprintOf };
}
