import { surpriseStatuses } from '../../../../db/schema/surprises.ts';
import { ConflictError } from '../errors.ts';
import { msg, word } from '../../messages/index.ts';

// The status sets live beside the graph in a file with no dependencies, so the web may read them too.
export * from './status-sets.ts';

export type SurpriseStatus = (typeof surpriseStatuses)[number];
export { surpriseStatuses };

/**
 * The legal moves of a surprise. Physical gifts go through address,
 * print and ship; a surprise with only digital gifts goes approved → sent.
 * awaiting_address → approved is the way back when a claim link expires unused.
 */
const physical: Record<SurpriseStatus, readonly SurpriseStatus[]> = {
	planned: ['approved', 'cancelled'],
	approved: ['awaiting_address', 'ready', 'cancelled'],
	awaiting_address: ['ready', 'approved', 'cancelled'],
	ready: ['printed', 'cancelled'],
	printed: ['shipped', 'ready', 'cancelled'],
	shipped: ['delivered'],
	delivered: [],
	sent: [],
	cancelled: []
};

const digital: Record<SurpriseStatus, readonly SurpriseStatus[]> = {
	planned: ['approved', 'cancelled'],
	approved: ['sent', 'cancelled'],
	awaiting_address: [],
	ready: [],
	printed: [],
	shipped: [],
	delivered: [],
	sent: [],
	cancelled: []
};

export function nextStatuses(
	from: SurpriseStatus,
	kind: 'physical' | 'digital'
): readonly SurpriseStatus[] {
	return (kind === 'digital' ? digital : physical)[from];
}

export function canTransition(
	from: SurpriseStatus,
	to: SurpriseStatus,
	kind: 'physical' | 'digital'
): boolean {
	return nextStatuses(from, kind).includes(to);
}

export function assertTransition(
	from: SurpriseStatus,
	to: SurpriseStatus,
	kind: 'physical' | 'digital'
): void {
	if (!canTransition(from, to, kind)) {
		throw new ConflictError(
			msg(
				kind === 'digital'
					? 'digital_surprise_cannot_go_from_to'
					: 'physical_surprise_cannot_go_from_to',
				{ from: word('surprise_status', from), to: word('surprise_status', to) }
			),
			[
				{
					field: 'status',
					message: msg('allowed_from', {
						from: word('surprise_status', from),
						allowed: nextStatuses(from, kind).length
							? nextStatuses(from, kind).map((s) => word('surprise_status', s))
							: msg('word_nothing')
					})
				}
			],
			{
				from,
				to
			}
		);
	}
}
