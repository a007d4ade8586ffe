import type { surpriseStatuses } from '../../../../db/schema/enums.ts';

type SurpriseStatus = (typeof surpriseStatuses)[number];

/**
 * What each status means, named once. Every other file (domain, seed, tests, pages through the API's
 * `can` flags) asks these sets instead of listing statuses by hand.
 */
type StatusSet<S extends SurpriseStatus> = readonly S[];

/** Approved and not yet on its way: holds budget, stock and voucher codes (cancelling releases them); can be overdue. */
export const reservingStatuses = [
	'approved',
	'awaiting_address',
	'ready',
	'printed'
] as const satisfies StatusSet<SurpriseStatus>;
/** Not yet on its way: planned or reserving. Erasing the customer would strand these. */
export const undispatchedStatuses = [
	'planned',
	...reservingStatuses
] as const satisfies StatusSet<SurpriseStatus>;
/** Still in the hub's hands or the post's: the address is still needed (retention waits for these). */
export const openStatuses = [
	...undispatchedStatuses,
	'shipped'
] as const satisfies StatusSet<SurpriseStatus>;
/** Counted as a gift given (approved at some point, not cancelled): scores' gift window, cooldown, dashboards. */
export const giftedStatuses = [
	...reservingStatuses,
	'shipped',
	'delivered',
	'sent'
] as const satisfies StatusSet<SurpriseStatus>;
/** Gone out: its cost moved from reserved to spent. */
export const spentStatuses = [
	'shipped',
	'delivered',
	'sent'
] as const satisfies StatusSet<SurpriseStatus>;
/** Items, card message, variants and address may still change. */
export const editableStatuses = [
	'planned',
	'approved',
	'awaiting_address',
	'ready'
] as const satisfies StatusSet<SurpriseStatus>;
/** Waiting for an address: a claim link may be made. */
export const claimableStatuses = [
	'approved',
	'awaiting_address'
] as const satisfies StatusSet<SurpriseStatus>;
/** Has a complete address on file. */
export const addressedStatuses = [
	'ready',
	'printed',
	'shipped',
	'delivered'
] as const satisfies StatusSet<SurpriseStatus>;
/** May go into a print job (a reprint takes printed ones). */
export const printableStatuses = ['ready', 'printed'] as const satisfies StatusSet<SurpriseStatus>;
/** Listed for the carrier's shipment export. */
export const shipmentStatuses = [
	'ready',
	'printed',
	'shipped'
] as const satisfies StatusSet<SurpriseStatus>;
/** Moves the hub makes by hand; approval, address and cancellation have their own verbs. */
export const manualTargets = [
	'ready',
	'printed',
	'shipped',
	'delivered'
] as const satisfies StatusSet<SurpriseStatus>;
/** Nothing more happens. */
export const finalStatuses = [
	'delivered',
	'sent',
	'cancelled'
] as const satisfies StatusSet<SurpriseStatus>;

/** Whether a status is in one of the sets above (typed so `includes` takes any status, and narrows it). */
export function isIn<S extends SurpriseStatus>(set: readonly S[], status: string): status is S {
	return (set as readonly string[]).includes(status);
}
