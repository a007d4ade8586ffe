import { and, inArray, isNull } from 'drizzle-orm';
import { addresses, auditLog } from '../../../../db/schema/index.ts';
import { actorId, type Ctx } from '../context.ts';
import { postcodeArea } from './postcode-area.ts';

export interface AddressToAnonymise {
	id: string;
	country: string;
	postcode: string | null;
	postcodeArea: string | null;
}

/**
 * Anonymise addresses in place: recipient name, street, house number, addition and the full
 * postcode go; country, postcode area (see postcode-area.ts), city and region stay for statistics.
 * Rows already anonymised are left alone, so calling it twice changes nothing. Returns how many
 * rows changed.
 */
export async function anonymiseAddresses(ctx: Ctx, rows: AddressToAnonymise[]): Promise<number> {
	const byArea = new Map<string | null, string[]>();
	for (const row of rows) {
		const area =
			postcodeArea(row.country, row.postcode) ?? postcodeArea(row.country, row.postcodeArea);
		byArea.set(area, [...(byArea.get(area) ?? []), row.id]);
	}
	const at = ctx.now();
	let changed = 0;
	for (const [area, ids] of byArea) {
		for (let i = 0; i < ids.length; i += 1000) {
			const updated = await ctx.db
				.update(addresses)
				.set({
					recipientName: null,
					street: null,
					houseNumber: null,
					addition: null,
					postcode: null,
					postcodeArea: area,
					anonymisedAt: at
				})
				.where(and(inArray(addresses.id, ids.slice(i, i + 1000)), isNull(addresses.anonymisedAt)))
				.returning({ id: addresses.id });
			changed += updated.length;
		}
	}
	return changed;
}

/** Many audit rows in one go (chunked below PostgreSQL's 65,535-parameter limit). */
export async function recordAuditRows(
	ctx: Ctx,
	entries: {
		action: string;
		entity: string;
		entityId: string | null;
		data: Record<string, unknown>;
	}[]
): Promise<void> {
	const rows = entries.map((e) => ({
		actorType: ctx.actor.type,
		actorId: actorId(ctx.actor),
		action: e.action,
		entity: e.entity,
		entityId: e.entityId,
		data: e.data,
		requestId: ctx.requestId ?? null,
		ip: ctx.ip ?? null
	}));
	for (let i = 0; i < rows.length; i += 1000)
		await ctx.db.insert(auditLog).values(rows.slice(i, i + 1000));
}
