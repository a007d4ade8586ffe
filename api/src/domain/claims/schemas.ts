import { z } from 'zod';
import { claimLocales } from './claim-links.ts';
import { zodText } from '../../messages/zod.ts';

export const CreateClaimLinkInput = z.object({
	surpriseId: z.uuid(zodText('must_be_uuid')),
	/** The claim page's language; defaults to the customer's. */
	locale: z.enum(claimLocales).optional(),
	/** Also email the link to the customer (needs their email address). */
	sendEmail: z.boolean().default(false)
});
export type CreateClaimLinkInput = z.input<typeof CreateClaimLinkInput>;

const line = (max: number) =>
	z
		.string()
		.max(max, zodText('at_most_characters', { maximum: max }))
		.optional();

/** Shapes only; what a valid address is per country lives in address.ts (localised field errors). */
export const ClaimAddressInput = z.object({
	recipientName: line(200),
	street: line(200),
	houseNumber: line(50),
	addition: line(50).nullable(),
	postcode: line(50),
	city: line(200),
	country: line(10)
});

export const SubmitClaimInput = z.object({
	/** Surprise item id → chosen variant id, for items where the customer picks (e.g. sock size). */
	variantChoices: z.record(z.uuid(), z.uuid()).optional(),
	address: ClaimAddressInput,
	/** Must be true: the customer agrees that the address is stored to send this gift. */
	consent: z.boolean()
});
export type SubmitClaimInput = z.input<typeof SubmitClaimInput>;

export const ListClaimLinksInput = z.object({ surpriseId: z.uuid(zodText('must_be_uuid')) });
