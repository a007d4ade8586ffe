import { m } from '#lib/paraglide/messages.js';
import { getLocale } from '#lib/paraglide/runtime.js';

const known = <K extends string>(table: Record<K, () => string>, key: string): string =>
	key in table ? table[key as K]() : key;

const statuses = {
	prepared: m.draws_status_prepared,
	drawn: m.draws_status_drawn,
	cancelled: m.draws_status_cancelled
};
const rules = {
	erased: m.draws_rule_erased,
	opted_out: m.draws_rule_opted_out,
	staff: m.draws_rule_staff,
	cooldown: m.draws_rule_cooldown,
	late: m.draws_rule_late,
	consent: m.draws_rule_consent,
	manual: m.draws_rule_manual,
	household: m.draws_rule_household
};
const reasons = {
	no_response: m.draws_reason_no_response,
	not_claimed: m.draws_reason_not_claimed
};

export const drawStatusLabel = (status: string) => known(statuses, status);
export const ruleLabel = (rule: string) => known(rules, rule);
export const promotionReasonLabel = (reason: string) => known(reasons, reason);
export const promotionReasons = Object.keys(reasons) as (keyof typeof reasons)[];

/** An instant to the second in the hub's time zone: a commitment time is stated exactly. */
export function amsterdamTime(value: string | null | undefined): string {
	if (!value) return '';
	return new Intl.DateTimeFormat(getLocale(), {
		dateStyle: 'long',
		timeStyle: 'medium',
		timeZone: 'Europe/Amsterdam'
	}).format(new Date(value));
}

/** A chance as a percentage with one decimal ("20,0 %"). */
export const formatChance = (p: number) =>
	new Intl.NumberFormat(getLocale(), {
		style: 'percent',
		minimumFractionDigits: 1,
		maximumFractionDigits: 1
	}).format(p);
