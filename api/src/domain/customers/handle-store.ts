import { and, eq, inArray, ne } from 'drizzle-orm';
import { handles } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { ConflictError, type FieldText, type MessageText } from '../errors.ts';
import { msg } from '../../messages/index.ts';
import { foldHandle } from '../text.ts';
import { channelLabels, channels, type Channel } from './handles.ts';

const CHUNK = 1000;

export const handleKey = (channel: Channel, handle: string) => `${channel}:${foldHandle(handle)}`;

/**
 * Who already holds these handles: `channel:norm` → customer id. Other customers only when
 * `exceptCustomerId` is given (an update keeps its own handles).
 */
export async function findHandleOwners(
	ctx: Ctx,
	wanted: { channel: Channel; handle: string }[],
	exceptCustomerId?: string
): Promise<Map<string, string>> {
	const owners = new Map<string, string>();
	for (const channel of channels) {
		const norms = [
			...new Set(wanted.filter((h) => h.channel === channel).map((h) => foldHandle(h.handle)))
		];
		for (let i = 0; i < norms.length; i += CHUNK) {
			const rows = await ctx.db
				.select({ customerId: handles.customerId, handleNorm: handles.handleNorm })
				.from(handles)
				.where(
					and(
						eq(handles.channel, channel),
						inArray(handles.handleNorm, norms.slice(i, i + CHUNK)),
						exceptCustomerId ? ne(handles.customerId, exceptCustomerId) : undefined
					)
				);
			for (const row of rows) owners.set(`${channel}:${row.handleNorm}`, row.customerId);
		}
	}
	return owners;
}

export function clashMessage(channel: Channel, customerId: string): MessageText {
	return msg('handle_taken', { channel: channelLabels[channel], customer_id: customerId });
}

/** The same message in both languages, for the conflict an API request gets. */
function clashText(channel: Channel, customerId: string): MessageText {
	return msg('handle_taken', { channel: channelLabels[channel], customer_id: customerId });
}

/** ConflictError naming each clashing `handles.N.handle` and the customer that holds it. */
export async function assertHandlesFree(
	ctx: Ctx,
	wanted: { channel: Channel; handle: string }[],
	exceptCustomerId?: string
): Promise<void> {
	const owners = await findHandleOwners(ctx, wanted, exceptCustomerId);
	const fields: FieldText[] = [];
	const clashes: { field: string; channel: Channel; customerId: string }[] = [];
	wanted.forEach((h, i) => {
		const owner = owners.get(handleKey(h.channel, h.handle));
		if (owner) {
			fields.push({ field: `handles.${i}.handle`, message: clashText(h.channel, owner) });
			clashes.push({ field: `handles.${i}.handle`, channel: h.channel, customerId: owner });
		}
	});
	if (clashes.length) {
		throw new ConflictError(
			clashes.length === 1
				? clashText(clashes[0]!.channel, clashes[0]!.customerId)
				: msg('handles_taken'),
			fields,
			{ existingCustomerId: clashes[0]!.customerId, clashes }
		);
	}
}

export async function insertHandles(
	ctx: Ctx,
	customerId: string,
	list: { channel: Channel; handle: string; followers: number }[]
) {
	if (list.length === 0) return;
	await ctx.db.insert(handles).values(
		list.map((h) => ({
			customerId,
			channel: h.channel,
			handle: h.handle,
			handleNorm: foldHandle(h.handle),
			followers: h.followers,
			createdAt: ctx.now()
		}))
	);
}

/**
 * Makes a customer's handles exactly `list`: a handle that stays (same channel, same folded
 * handle) keeps its id and gets the new spelling and followers; others are deleted or added.
 */
export async function replaceHandles(
	ctx: Ctx,
	customerId: string,
	list: { channel: Channel; handle: string; followers: number }[]
) {
	const existing = await ctx.db.select().from(handles).where(eq(handles.customerId, customerId));
	const wanted = new Map(list.map((h) => [h.channel, h]));
	const keep = existing.filter(
		(e) => wanted.has(e.channel) && foldHandle(wanted.get(e.channel)!.handle) === e.handleNorm
	);
	const drop = existing.filter((e) => !keep.includes(e));
	if (drop.length)
		await ctx.db.delete(handles).where(
			inArray(
				handles.id,
				drop.map((d) => d.id)
			)
		);
	for (const e of keep) {
		const w = wanted.get(e.channel)!;
		if (w.handle !== e.handle || w.followers !== e.followers) {
			await ctx.db
				.update(handles)
				.set({ handle: w.handle, followers: w.followers })
				.where(eq(handles.id, e.id));
		}
	}
	await insertHandles(
		ctx,
		customerId,
		list.filter((h) => !keep.some((k) => k.channel === h.channel))
	);
}

/** A unique violation on (channel, handle_norm): a concurrent request took the handle first. */
export function isHandleUniqueViolation(error: unknown): boolean {
	const e = error as {
		code?: string;
		constraint?: string;
		constraint_name?: string;
		message?: string;
		cause?: unknown;
	} | null;
	if (!e) return false;
	if (e.code === '23505') {
		const name = e.constraint_name ?? e.constraint ?? e.message ?? '';
		return name.includes('handles_channel_norm_uq');
	}
	return e.cause !== undefined && e.cause !== error && isHandleUniqueViolation(e.cause);
}

/** Runs `work`; a handle race lost to another request becomes a ConflictError, not a 500. */
export async function mapHandleRace<T>(work: () => Promise<T>, field = 'handles'): Promise<T> {
	try {
		return await work();
	} catch (error) {
		if (isHandleUniqueViolation(error)) {
			throw new ConflictError(msg('handles_saved_meanwhile'), [
				{ field, message: msg('already_in_use') }
			]);
		}
		throw error;
	}
}
