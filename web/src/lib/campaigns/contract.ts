/**
 * Type-level checks that the UI's copies of the campaign, gift and outbox enums (./labels.ts) match
 * the schema. Nothing here runs; `npm run check` fails when they drift apart.
 */
import type { campaignKinds as dbCampaignKinds, campaignStatuses as dbCampaignStatuses } from '../../../../db/schema/campaigns.ts';
import type { giftKinds as dbGiftKinds } from '../../../../db/schema/gifts.ts';
import type { outboxStatuses as apiOutboxStatuses } from '../../../../api/src/domain/email/deliver-queued-emails.ts';
import type { campaignKinds, campaignStatuses, giftKinds, outboxStatuses } from './labels.ts';

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;

export type CampaignContractChecks = [
  Assert<Same<(typeof campaignStatuses)[number], (typeof dbCampaignStatuses)[number]>>,
  Assert<Same<(typeof campaignKinds)[number], (typeof dbCampaignKinds)[number]>>,
  Assert<Same<(typeof giftKinds)[number], (typeof dbGiftKinds)[number]>>,
  Assert<Same<(typeof outboxStatuses)[number], (typeof apiOutboxStatuses)[number]>>,
];
