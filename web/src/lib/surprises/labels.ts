import {
	nominationStatuses,
	postageMethods,
	reasons,
	surpriseStatuses,
	type NominationStatus,
	type PostageMethod,
	type Reason,
	type SurpriseStatus
} from '#api/client';
import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

/** The workflow enums come from #api/client; this file gives them words. */
export {
	nominationStatuses,
	postageMethods,
	reasons,
	surpriseStatuses,
	type NominationStatus,
	type PostageMethod,
	type Reason,
	type SurpriseStatus
};

const reasonLabels: Record<Reason, () => string> = {
	service_recovery: m.workflow_reason_service_recovery,
	loyalty: m.workflow_reason_loyalty,
	milestone: m.workflow_reason_milestone,
	great_conversation: m.workflow_reason_great_conversation,
	contest_entry: m.workflow_reason_contest_entry,
	other: m.workflow_reason_other
};
const postageLabels: Record<string, () => string> = {
	stamp: m.workflow_postage_stamp,
	postzegelcode: m.workflow_postage_postzegelcode,
	franking: m.workflow_postage_franking,
	none: m.workflow_postage_none
};

export const reasonLabel = (reason: string) =>
	reason in reasonLabels ? reasonLabels[reason as Reason]() : reason;
export const postageLabel = (postage: string) =>
	postage in postageLabels ? postageLabels[postage]!() : postage;

export const isReason = (v: unknown): v is Reason => reasons.includes(v as Reason);
export const isNominationStatus = (v: unknown): v is NominationStatus =>
	nominationStatuses.includes(v as NominationStatus);
export const isSurpriseStatus = (v: unknown): v is SurpriseStatus =>
	surpriseStatuses.includes(v as SurpriseStatus);
export const isPostageMethod = (v: unknown): v is PostageMethod =>
	postageMethods.includes(v as PostageMethod);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (v: unknown): v is string => typeof v === 'string' && UUID.test(v);

/** Integer euro cents as money in the reader's language. */
export function formatEuro(cents: number): string {
	return new Intl.NumberFormat(getLocale(), { style: 'currency', currency: 'EUR' }).format(
		cents / 100
	);
}

type Tone = 'ok' | 'warn' | 'off' | 'busy';

/** Badge colour group of each status: done, waiting on someone, stopped, or in progress. */
const surpriseTones: Record<SurpriseStatus, Tone> = {
	planned: 'warn',
	approved: 'busy',
	awaiting_address: 'warn',
	ready: 'busy',
	printed: 'busy',
	shipped: 'ok',
	delivered: 'ok',
	sent: 'ok',
	cancelled: 'off'
};
const nominationTones: Record<NominationStatus, Tone> = {
	open: 'warn',
	accepted: 'ok',
	declined: 'off',
	expired: 'off'
};

/** The tone of a surprise or nomination status (the two share no status name). */
export function statusTone(status: string): Tone {
	if (isSurpriseStatus(status)) return surpriseTones[status];
	if (isNominationStatus(status)) return nominationTones[status];
	return 'busy';
}
