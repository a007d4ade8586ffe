import { and, desc, eq, inArray, isNotNull, isNull, lte, sql } from 'drizzle-orm';
import { customers, handles, surprises } from '../../../../db/schema/index.ts';
import type { Ctx } from '../context.ts';
import { findCustomerRow, type CustomerRow } from '../customers/customer-view.ts';
import { findOrCreateByHandle } from '../customers/find-or-create-from-url.ts';
import { channelLabels, type Channel } from '../customers/handles.ts';
import { recogniseUrl } from '../customers/recognise-url.ts';
import { HandleInput } from '../customers/schemas.ts';
import { DomainError, NotFoundError, ValidationError, type MessageText } from '../errors.ts';
import { giftedStatuses } from '../surprises/state-machine.ts';
import { foldHandle } from '../text.ts';
import type { PostUrl } from './post-url.ts';
import { msg } from '../../messages/index.ts';
import { issueField } from '../../messages/zod.ts';

export interface AuthorInput {
	customerId?: string;
	handle?: string;
	customerName?: string;
	channel?: Channel;
}

export interface Author {
	/** Null only when looking up without creating (the suggestion) and nobody holds the handle yet. */
	customer: CustomerRow | null;
	customerCreated: boolean;
	channel: Channel;
	/** The handle the link or the form named, when there was one. */
	handle: string | null;
}

const fieldError = (field: string, message: MessageText) =>
	new ValidationError(message, [{ field, message }]);

/** A handle typed or pasted (profile link) for a channel, canonical; errors on the field `handle`. */
export function handleOn(channel: Channel, raw: string): string {
	const parsed = HandleInput.safeParse({ channel, handle: raw });
	if (!parsed.success)
		throw fieldError(
			'handle',
			parsed.error.issues[0]
				? issueField(parsed.error.issues[0])
				: msg('enter_channel_handle', { channel: channelLabels[channel] })
		);
	return parsed.data.handle;
}

async function customerByHandle(
	ctx: Ctx,
	channel: Channel,
	handle: string
): Promise<CustomerRow | null> {
	const [row] = await ctx.db
		.select({ customer: customers })
		.from(handles)
		.innerJoin(customers, eq(customers.id, handles.customerId))
		.where(
			and(
				eq(handles.channel, channel),
				eq(handles.handleNorm, foldHandle(handle)),
				isNull(customers.erasedAt)
			)
		);
	return row?.customer ?? null;
}

/**
 * Who posted: the chosen customer; else the handle in the post link (found or created); else the
 * `handle` field on the link's (or the given) channel. `create: false` only looks up.
 */
export async function resolveAuthor(
	ctx: Ctx,
	input: AuthorInput,
	post: PostUrl | null,
	options: { create: boolean }
): Promise<Author> {
	if (input.customerId) {
		const customer = await findCustomerRow(ctx, input.customerId).catch((error: unknown) => {
			if (error instanceof NotFoundError)
				throw fieldError('customerId', 'reaction_customer_does_not_exist');
			throw error;
		});
		let channel = input.channel ?? post?.channel ?? null;
		if (!channel) {
			const own = await ctx.db
				.select({ channel: handles.channel })
				.from(handles)
				.where(eq(handles.customerId, customer.id));
			if (own.length === 1) channel = own[0]!.channel;
		}
		if (!channel) throw fieldError('channel', 'reaction_choose_channel');
		return { customer, customerCreated: false, channel, handle: null };
	}

	let channel: Channel;
	let handle: string;
	if (post?.channel) {
		channel = post.channel;
		try {
			handle = recogniseUrl(post.original).handle;
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			// e.g. an Instagram post link: it does not say who posted it.
			if (!input.handle)
				throw fieldError(
					'handle',
					msg('reaction_enter_poster_handle', { reason: error.message.replace(/ Paste .*$/, '') })
				);
			handle = handleOn(channel, input.handle);
		}
	} else {
		if (!input.handle)
			throw fieldError(
				post ? 'handle' : 'url',
				post ? 'reaction_link_not_readable' : 'reaction_paste_link_or_choose_customer'
			);
		if (!input.channel) throw fieldError('channel', 'reaction_choose_handle_channel');
		channel = input.channel;
		handle = handleOn(channel, input.handle);
	}

	if (!options.create)
		return {
			customer: await customerByHandle(ctx, channel, handle),
			customerCreated: false,
			channel,
			handle
		};
	const found = await findOrCreateByHandle(ctx, { channel, handle, name: input.customerName });
	return {
		customer: await findCustomerRow(ctx, found.customer.id),
		customerCreated: found.created,
		channel,
		handle
	};
}

/** The customer's followers on a channel (their handle's number), for a reaction logged without one. */
export async function followersOn(ctx: Ctx, customerId: string, channel: Channel): Promise<number> {
	const [row] = await ctx.db
		.select({ followers: handles.followers })
		.from(handles)
		.where(and(eq(handles.customerId, customerId), eq(handles.channel, channel)));
	return row?.followers ?? 0;
}

/**
 * The surprise a reaction is probably about: the customer's latest surprise whose gift window
 * (approved → arrived + giftWindowDays) contains the post's time.
 */
export async function suggestSurpriseFor(
	ctx: Ctx,
	customerId: string,
	postedAt: Date,
	giftWindowDays: number
): Promise<{ id: string; reference: string } | null> {
	const [row] = await ctx.db
		.select({ id: surprises.id, reference: surprises.reference })
		.from(surprises)
		.where(
			and(
				eq(surprises.customerId, customerId),
				inArray(surprises.status, [...giftedStatuses]),
				isNotNull(surprises.approvedAt),
				lte(surprises.approvedAt, postedAt),
				sql`coalesce(${surprises.deliveredAt}, ${surprises.shippedAt}, ${surprises.approvedAt}) + ${String(giftWindowDays)}::int * interval '1 day' >= ${postedAt.toISOString()}::timestamptz`
			)
		)
		.orderBy(desc(surprises.approvedAt), desc(surprises.id))
		.limit(1);
	return row ?? null;
}

/** A surprise chosen for a reaction must exist and be this customer's. */
export async function assertSurpriseOf(
	ctx: Ctx,
	surpriseId: string,
	customerId: string
): Promise<void> {
	const [row] = await ctx.db
		.select({ customerId: surprises.customerId })
		.from(surprises)
		.where(eq(surprises.id, surpriseId));
	if (!row) throw fieldError('surpriseId', 'reaction_surprise_does_not_exist');
	if (row.customerId !== customerId)
		throw fieldError('surpriseId', 'reaction_surprise_other_customer');
}
