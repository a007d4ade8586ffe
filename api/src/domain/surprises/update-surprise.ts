import { eq } from 'drizzle-orm';
import { surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, type Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';
import { loadSurpriseView } from './get-surprise.ts';
import { lockSurprise } from './lifecycle.ts';
import { resolveSigner } from './plan-surprise.ts';
import { UpdateSurpriseInput } from './schemas.ts';
import { editableStatuses, isIn } from './state-machine.ts';

/** Card message, internal note and signer, until the card is printed. */
export async function updateSurprise({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; body: unknown };
}) {
	requireRole(ctx, 'hub');
	const data = UpdateSurpriseInput.parse(input.body);
	return inTransaction(ctx, async (ctx) => {
		const s = await lockSurprise(ctx, input.id);
		if (!isIn(editableStatuses, s.row.status)) {
			throw new ConflictError(
				msg('surprise_card_not_editable', { status: word('surprise_status', s.row.status) }),
				[
					{
						field: 'status',
						message: msg('surprise_is', { status: word('surprise_status', s.row.status) })
					}
				]
			);
		}
		const changes: Partial<typeof surprises.$inferInsert> = {};
		if (data.cardMessage !== undefined) changes.cardMessage = data.cardMessage;
		if (data.internalNote !== undefined) changes.internalNote = data.internalNote;
		if (data.signedBy !== undefined)
			changes.signedBy = await resolveSigner(ctx, data.signedBy, 'signedBy');
		await ctx.db
			.update(surprises)
			.set({ ...changes, updatedAt: ctx.now() })
			.where(eq(surprises.id, s.row.id));
		// Field names only: the note's text stays out of the audit log's readers' way.
		await recordAudit(ctx, {
			action: 'surprise.update',
			entity: 'surprise',
			entityId: s.row.id,
			data: { reference: s.row.reference, fields: Object.keys(changes) }
		});
		return loadSurpriseView(ctx, input.id);
	});
}
