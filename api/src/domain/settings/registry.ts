import { z } from 'zod';
import { DEFAULT_SCORE_WEIGHTS, ScoreWeights } from '../scores/weights.ts';

/**
 * Every setting an admin may change: its value schema, the default when none is stored, and what it
 * means. A key not listed here does not exist (404), so typos never create dead settings.
 */
export const settingDefinitions = {
  allow_sole_marketing_self_approval: {
    schema: z.boolean({ error: 'use_true_or_false' }),
    default: false,
    description: 'When the creator of a campaign is the only active marketing user, they may decide on it themselves.',
  },
  nomination_expiry_days: {
    schema: z.number({ error: 'use_whole_number_of_days' }).int('use_whole_number_of_days').min(1, 'at_least_1_day').max(3650, 'at_most_days'),
    default: 30,
    description: 'Days after which an open nomination expires (daily job).',
  },
  postage_cents: {
    schema: z.union(
      [
        z.number().int().min(0).max(100_000),
        z.object({ stamp: z.number().int().min(0).max(100_000), postzegelcode: z.number().int().min(0).max(100_000), franking: z.number().int().min(0).max(100_000) }),
      ],
      { error: 'Use a number of cents, or cents per method: {"stamp": 128, "postzegelcode": 128, "franking": 450}.' },
    ),
    default: { stamp: 128, postzegelcode: 128, franking: 450 } as number | { stamp: number; postzegelcode: number; franking: number },
    description: 'Postage added to the cost of a mailed surprise, in cents: one number, or per method (stamp, postzegelcode, franking). Digital and experience gifts carry none.',
  },
  claim_link_days: {
    schema: z.number({ error: 'use_whole_number_of_days' }).int('use_whole_number_of_days').min(3, 'At least 3 days.').max(60, 'at_most_days'),
    default: 14,
    description: 'Days a claim link (adreslink) stays valid; a reminder goes out 2 days before it expires.',
  },
  retention_days: {
    schema: z.number({ error: 'use_whole_number_of_days' }).int('use_whole_number_of_days').min(1, 'at_least_1_day').max(3650, 'at_most_days'),
    default: 30,
    description: 'Days after delivery before a postal address is anonymised.',
  },
  service_level_days: {
    schema: z.number({ error: 'use_whole_number_of_days' }).int('use_whole_number_of_days').min(1, 'At least 1 working day.').max(60, 'At most 60 working days.'),
    default: 3,
    description: 'Working days between approval and shipping before a surprise is overdue.',
  },
  return_address: {
    schema: z
      .array(
        z
          .string({ error: 'Each line is text.' })
          .transform((s) => s.normalize('NFC').trim())
          .pipe(z.string().min(1, 'Leave out empty lines.').max(80, 'At most 80 characters a line.').regex(/^[^\p{Cc}\u2028\u2029]*$/u, 'No control characters.')),
        { error: 'Use a list of lines, e.g. ["Stroopwafel & Co", "Postbus 1234", "1000 AB  AMSTERDAM"].' },
      )
      .min(1, 'At least one line.')
      .max(6, 'At most 6 lines.'),
    default: ['Stroopwafel & Co', 'Postbus 1234', '1000 AB  AMSTERDAM'] as string[],
    description: 'Return address printed on every shipping label, one entry per line.',
  },
  shipment_weight_grams: {
    schema: z.number({ error: 'Use a whole number of grams.' }).int('Use a whole number of grams.').min(1, 'At least 1 gram.').max(31_500, 'At most 31,500 grams.'),
    default: 200,
    description: 'Weight of one parcel in the shipments CSV for the carrier’s bulk upload, in grams.',
  },
  score_weights: {
    schema: ScoreWeights,
    default: DEFAULT_SCORE_WEIGHTS,
    description:
      'Ambassador score weights: sentiment, kind, spontaneity (outside a gift window of giftWindowDays), decay half-life in days, reach = min(reachCap ≤ 2, 1 + log10(1 + followers) / reachDivisor). Recompute scores after a change.',
  },
  tiers: {
    schema: z
      .object({ fan: z.number().positive(), supporter: z.number().positive(), advocate: z.number().positive(), ambassador: z.number().positive() })
      .refine((t) => t.fan < t.supporter && t.supporter < t.advocate && t.advocate < t.ambassador, 'Thresholds must rise: fan < supporter < advocate < ambassador.'),
    default: { fan: 1, supporter: 3, advocate: 6, ambassador: 10 },
    description: 'Ambassador score needed for each tier.',
  },
} as const satisfies Record<string, { schema: z.ZodType; default: unknown; description: string }>;

export type SettingKey = keyof typeof settingDefinitions;
export type SettingValue<K extends SettingKey> = z.output<(typeof settingDefinitions)[K]['schema']>;
export const settingKeys = Object.keys(settingDefinitions) as SettingKey[];

export function isSettingKey(key: string): key is SettingKey {
  return Object.hasOwn(settingDefinitions, key);
}
