import { printJobs } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { userId, type Ctx } from '../context.ts';
import type { PrintBatch } from './collect-batch.ts';
import type { Flag } from './engine.ts';
import type { PrintKind } from './schemas.ts';

/** The print_jobs row (who, when, what, template, start position, pages, flags) and its audit row. */
export async function recordPrintJob(
	ctx: Ctx,
	input: { kind: PrintKind; batch: PrintBatch; startPosition: number; pages: number; flags: Flag[] }
): Promise<typeof printJobs.$inferSelect> {
	const { kind, batch } = input;
	const [job] = await ctx.db
		.insert(printJobs)
		.values({
			kind,
			template: batch.templateId,
			surpriseIds: batch.surprises.map((s) => s.id),
			startPosition: input.startPosition,
			campaignId: batch.campaignId,
			reprintOf: batch.reprintOf,
			pages: input.pages,
			flags: input.flags,
			createdBy: userId(ctx.actor),
			createdAt: ctx.now()
		})
		.returning();
	await recordAudit(ctx, {
		action: `print.${kind}`,
		entity: 'print_job',
		entityId: job!.id,
		data: {
			template: batch.templateId,
			surprises: batch.surprises.length,
			startPosition: input.startPosition,
			pages: input.pages,
			flags: input.flags.length,
			...(batch.campaignId ? { campaignId: batch.campaignId } : {}),
			...(batch.reprintOf ? { reprintOf: batch.reprintOf } : {})
		}
	});
	return job!;
}
