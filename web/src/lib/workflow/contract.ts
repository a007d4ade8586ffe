/**
 * Type-level checks that the UI's copies of the workflow enums (labels.ts) match the schema.
 * Nothing here runs; `npm run check` fails when they drift apart.
 */
import type { nominationStatuses as dbNominationStatuses, reasonCategories, surpriseStatuses as dbSurpriseStatuses } from '../../../../db/schema/surprises.ts';
import type { postageMethods as apiPostage } from '../../../../api/src/domain/surprises/postage.ts';
import type { nominationStatuses, postageMethods, reasons, surpriseStatuses } from '../surprises/labels.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type WorkflowContractChecks = [
  Assert<Same<(typeof reasons)[number], (typeof reasonCategories)[number]>>,
  Assert<Same<(typeof nominationStatuses)[number], (typeof dbNominationStatuses)[number]>>,
  Assert<Same<(typeof surpriseStatuses)[number], (typeof dbSurpriseStatuses)[number]>>,
  Assert<Same<(typeof postageMethods)[number], (typeof apiPostage)[number]>>,
];
