import { z } from 'zod';
import { DEFAULT_SCORE_WEIGHTS, ScoreWeights } from '../scores/weights.ts';
import { zodText } from '../../messages/zod.ts';

/**
 * Every setting an admin may change: its value schema, the default when none is stored, and what it
 * means. A key not listed here does not exist (404), so typos never create dead settings.
 */
export const settingDefinitions = {
	allow_sole_marketing_self_approval: {
		schema: z.boolean(zodText('use_true_or_false')),
		default: false,
		description:
			'When the creator of a campaign is the only active marketing user, they may decide on it themselves.'
	},
	nomination_expiry_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(1, zodText('at_least_1_day'))
			.max(3650, zodText('at_most_days')),
		default: 30,
		description: 'Days after which an open nomination expires (daily job).'
	},
	postage_cents: {
		schema: z.union(
			[
				z.number().int().min(0).max(100_000),
				z.object({
					stamp: z.number().int().min(0).max(100_000),
					postzegelcode: z.number().int().min(0).max(100_000),
					franking: z.number().int().min(0).max(100_000)
				})
			],
			zodText('setting_postage_cents_invalid')
		),
		default: { stamp: 128, postzegelcode: 128, franking: 450 } as
			number | { stamp: number; postzegelcode: number; franking: number },
		description:
			'Postage added to the cost of a mailed surprise, in cents: one number, or per method (stamp, postzegelcode, franking). Digital and experience gifts carry none.'
	},
	claim_link_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(3, zodText('at_least_3_days'))
			.max(60, zodText('at_most_days')),
		default: 14,
		description:
			'Days a claim link (adreslink) stays valid; a reminder goes out 2 days before it expires.'
	},
	delivered_after_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(1, zodText('at_least_1_day'))
			.max(90, zodText('at_most_days')),
		default: 10,
		description:
			'Days after shipping when a parcel nobody marked delivered counts as delivered (address retention starts then).'
	},
	address_check_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(3, zodText('at_least_3_days'))
			.max(60, zodText('at_most_days')),
		default: 7,
		description:
			'Days an “is this still right?” address check stays open; unanswered, the surprise goes back to the hub with a notice.'
	},
	retention_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(1, zodText('at_least_1_day'))
			.max(3650, zodText('at_most_days')),
		default: 30,
		description: 'Days after delivery before a postal address is anonymised.'
	},
	service_level_days: {
		schema: z
			.number(zodText('use_whole_number_of_days'))
			.int(zodText('use_whole_number_of_days'))
			.min(1, zodText('at_least_1_working_day'))
			.max(60, zodText('at_most_60_working_days')),
		default: 3,
		description: 'Working days between approval and shipping before a surprise is overdue.'
	},
	return_address: {
		schema: z
			.array(
				z
					.string(zodText('setting_line_is_text'))
					.transform((s) => s.normalize('NFC').trim())
					.pipe(
						z
							.string()
							.min(1, zodText('setting_no_empty_lines'))
							.max(80, zodText('setting_at_most_80_per_line'))
							.regex(/^[^\p{Cc}\u2028\u2029]*$/u, zodText('setting_no_control_characters'))
					),
				zodText('setting_return_address_lines')
			)
			.min(1, zodText('setting_at_least_one_line'))
			.max(6, zodText('setting_at_most_6_lines')),
		default: ['Stroopwafel & Co', 'Postbus 1234', '1000 AB  AMSTERDAM'] as string[],
		description: 'Return address printed on every shipping label, one entry per line.'
	},
	shipment_weight_grams: {
		schema: z
			.number(zodText('setting_whole_grams'))
			.int(zodText('setting_whole_grams'))
			.min(1, zodText('setting_at_least_1_gram'))
			.max(31_500, zodText('setting_at_most_31500_grams')),
		default: 200,
		description:
			'Weight of one parcel in the shipments CSV for the carrier’s bulk upload, in grams.'
	},
	score_weights: {
		schema: ScoreWeights,
		default: DEFAULT_SCORE_WEIGHTS,
		description:
			'Ambassador score weights: sentiment, kind, spontaneity (outside a gift window of giftWindowDays), decay half-life in days, reach = min(reachCap ≤ 2, 1 + log10(1 + followers) / reachDivisor). Recompute scores after a change.'
	},
	nightly_backup: {
		schema: z.object({
			enabled: z.boolean(zodText('use_true_or_false')),
			keep: z
				.number(zodText('setting_keep_backups'))
				.int(zodText('setting_keep_backups'))
				.min(1, zodText('setting_keep_backups'))
				.max(365, zodText('setting_keep_backups'))
		}),
		default: { enabled: false, keep: 7 },
		description:
			'Nightly backup of the embedded database (from 02:00) into BACKUP_DIR, keeping the newest `keep` backups.'
	},
	tiers: {
		schema: z
			.object({
				fan: z.number().positive(),
				supporter: z.number().positive(),
				advocate: z.number().positive(),
				ambassador: z.number().positive()
			})
			.refine(
				(t) => t.fan < t.supporter && t.supporter < t.advocate && t.advocate < t.ambassador,
				zodText('setting_tiers_rise')
			),
		default: { fan: 1, supporter: 3, advocate: 6, ambassador: 10 },
		description: 'Ambassador score needed for each tier.'
	}
} as const satisfies Record<string, { schema: z.ZodType; default: unknown; description: string }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
	return Object.hasOwn(settingDefinitions, key);
}
