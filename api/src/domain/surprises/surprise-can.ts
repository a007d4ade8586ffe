import type { Role } from '../accounts/roles.ts';
import { CLAIM_LINK_CREATORS } from '../claims/access.ts';
import type { Actor } from '../context.ts';
import { PRINTERS } from '../printing/access.ts';
import {
	canTransition,
	claimableStatuses,
	editableStatuses,
	isIn,
	manualTargets,
	nextStatuses,
	printableStatuses,
	type SurpriseStatus
} from './state-machine.ts';
import type { SurpriseKind } from './surprise-view.ts';
import { CODE_READERS, giftEmailStatuses } from '../vouchers/access.ts';

/**
 * What this actor may do next with a surprise, from the same rules the verbs enforce (their role
 * lists and the state machine), so a page's buttons and the verbs cannot disagree. A flag says the
 * verb will not refuse on role or status; the verb may still refuse on data (a closed campaign, a
 * missing variant, stock).
 */
export interface SurpriseCan {
	/** updateSurprise, chooseSurpriseVariant, attachSurpriseAddress: card message, note, variants, address. */
	edit: boolean;
	/** approveSurprise: marketing decides on a planned surprise. */
	approve: boolean;
	/** rejectSurprise: marketing says no to a planned surprise. */
	reject: boolean;
	/** cancelSurprise. */
	cancel: boolean;
	/** createClaimLink: a physical surprise waiting for its address. */
	createClaimLink: boolean;
	/** printLabels / printCards: it may go into a print job. */
	print: boolean;
	/** shipSurprise: the pre-ship checklist of a printed surprise. */
	ship: boolean;
	/** advanceSurprise: the hub's manual moves allowed now. */
	advance: SurpriseStatus[];
	/** sendGiftEmail: (re)send a digital surprise's email (vouchers/send-gift-email.ts). */
	sendGiftEmail: boolean;
	/** revealSurpriseCodes: read its voucher codes in full, audited. */
	revealCodes: boolean;
}

const roleOf = (actor: Actor): Role | null => (actor.type === 'user' ? actor.role : null);
const has = (roles: readonly Role[], role: Role | null) => role !== null && roles.includes(role);

/** Prints labels and cards, reads the full address on the ship page and ships (PRINTERS). */
export function isPrinter(actor: Actor): boolean {
	return has(PRINTERS, roleOf(actor));
}

export function surpriseCan(
	actor: Actor,
	surprise: { status: SurpriseStatus; kind: SurpriseKind; hasCodes?: boolean }
): SurpriseCan {
	const { status, kind } = surprise;
	const role = roleOf(actor);
	const system = actor.type === 'system';
	const hub = system || role === 'hub';
	const marketing = role === 'marketing';
	const decidable = status === 'planned' && canTransition(status, 'approved', kind);
	return {
		edit: role === 'hub' && isIn(editableStatuses, status),
		approve: marketing && decidable,
		reject: marketing && status === 'planned',
		cancel: (hub || marketing) && canTransition(status, 'cancelled', kind),
		createClaimLink:
			has(CLAIM_LINK_CREATORS, role) && kind === 'physical' && isIn(claimableStatuses, status),
		print: isPrinter(actor) && kind === 'physical' && isIn(printableStatuses, status),
		ship: isPrinter(actor) && kind === 'physical' && status === 'printed',
		advance: hub ? nextStatuses(status, kind).filter((to) => isIn(manualTargets, to)) : [],
		sendGiftEmail: role === 'hub' && kind === 'digital' && isIn(giftEmailStatuses, status),
		revealCodes: has(CODE_READERS, role) && surprise.hasCodes === true
	};
}
