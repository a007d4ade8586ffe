import { surpriseStatuses } from '../../../../db/schema/surprises.ts';
import { ConflictError, nlWord, t } from '../errors.ts';

export type SurpriseStatus = (typeof surpriseStatuses)[number];
export { surpriseStatuses };

/**
 * The legal moves of a surprise (DESIGN.md "Flows and states"). Physical gifts go through address,
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
  cancelled: [],
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
  cancelled: [],
};

export function nextStatuses(from: SurpriseStatus, kind: 'physical' | 'digital'): readonly SurpriseStatus[] {
  return (kind === 'digital' ? digital : physical)[from];
}

export function canTransition(from: SurpriseStatus, to: SurpriseStatus, kind: 'physical' | 'digital'): boolean {
  return nextStatuses(from, kind).includes(to);
}

export function assertTransition(from: SurpriseStatus, to: SurpriseStatus, kind: 'physical' | 'digital'): void {
  if (!canTransition(from, to, kind)) {
    throw new ConflictError(
      t(`A ${kind} surprise cannot go from ${from} to ${to}.`, `Een ${kind === 'digital' ? 'digitale' : 'fysieke'} verrassing kan niet van ${nlWord(from)} naar ${nlWord(to)}.`),
      [
        {
          field: 'status',
          message: t(`Allowed from ${from}: ${nextStatuses(from, kind).join(', ') || 'nothing'}.`, `Mogelijk vanuit ${nlWord(from)}: ${nextStatuses(from, kind).map(nlWord).join(', ') || 'niets'}.`),
        },
      ],
      {
      from,
      to,
    });
  }
}

/** Statuses that hold budget, stock and voucher codes; cancelling from these releases them. */
export const reservingStatuses: readonly SurpriseStatus[] = ['approved', 'awaiting_address', 'ready', 'printed'];
export const finalStatuses: readonly SurpriseStatus[] = ['delivered', 'sent', 'cancelled'];
