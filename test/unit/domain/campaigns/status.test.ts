import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { campaignStatuses, type CampaignStatus } from '#api/domain/campaigns/schemas.ts';
import {
	assertCampaignTransition,
	canTransitionCampaign,
	effectiveCampaignStatus,
	isCampaignOpenForSurprises
} from '#api/domain/campaigns/status.ts';
import { ConflictError } from '#api/domain/errors.ts';

const c = (status: CampaignStatus, startsOn = '2026-11-01', endsOn = '2026-11-30') => ({
	status,
	startsOn,
	endsOn
});

describe('effectiveCampaignStatus', () => {
	it('approved: waits before its start, active from the first day through the last, closed after', () => {
		expect(effectiveCampaignStatus(c('approved'), '2026-10-31')).toBe('approved');
		expect(effectiveCampaignStatus(c('approved'), '2026-11-01')).toBe('active');
		expect(effectiveCampaignStatus(c('approved'), '2026-11-30')).toBe('active');
		expect(effectiveCampaignStatus(c('approved'), '2026-12-01')).toBe('closed');
	});

	it('active: stays active through its last day, closes the day after', () => {
		expect(effectiveCampaignStatus(c('active'), '2026-11-30')).toBe('active');
		expect(effectiveCampaignStatus(c('active'), '2026-12-01')).toBe('closed');
	});

	it('a one-day campaign is active on exactly that day', () => {
		const day = c('approved', '2026-11-13', '2026-11-13');
		expect(
			['2026-11-12', '2026-11-13', '2026-11-14'].map((t) => effectiveCampaignStatus(day, t))
		).toEqual(['approved', 'active', 'closed']);
	});

	it('never moves a campaign that is not approved or active', () => {
		for (const status of [
			'draft',
			'submitted',
			'changes_requested',
			'rejected',
			'closed'
		] as const) {
			for (const today of ['2026-10-01', '2026-11-15', '2027-01-01'])
				expect(effectiveCampaignStatus(c(status), today)).toBe(status);
		}
	});

	const date = fc
		.date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
		.map((d) => d.toISOString().slice(0, 10));
	const campaign = fc
		.tuple(fc.constantFrom(...campaignStatuses), date, date)
		.map(([status, a, b]) => ({ status, startsOn: a < b ? a : b, endsOn: a < b ? b : a }));

	it('property: the result is the same status or a legal move from it, and applying it twice changes nothing', () => {
		fc.assert(
			fc.property(campaign, date, (camp, today) => {
				const next = effectiveCampaignStatus(camp, today);
				expect(next === camp.status || canTransitionCampaign(camp.status, next)).toBe(true);
				expect(effectiveCampaignStatus({ ...camp, status: next }, today)).toBe(next);
			})
		);
	});

	it('property: a campaign is open for surprises exactly when it is approved/active and its effective status is active', () => {
		fc.assert(
			fc.property(campaign, date, (camp, today) => {
				// An active campaign before its start cannot exist (dates are fixed once submitted).
				fc.pre(!(camp.status === 'active' && today < camp.startsOn));
				const open = isCampaignOpenForSurprises(camp, today);
				const live = camp.status === 'approved' || camp.status === 'active';
				expect(open).toBe(live && effectiveCampaignStatus(camp, today) === 'active');
			})
		);
	});
});

describe('isCampaignOpenForSurprises', () => {
	it('only approved or active, and only within the dates (inclusive)', () => {
		expect(isCampaignOpenForSurprises(c('approved'), '2026-11-01')).toBe(true);
		expect(isCampaignOpenForSurprises(c('active'), '2026-11-30')).toBe(true);
		expect(isCampaignOpenForSurprises(c('active'), '2026-12-01')).toBe(false);
		expect(isCampaignOpenForSurprises(c('approved'), '2026-10-31')).toBe(false);
		for (const status of [
			'draft',
			'submitted',
			'changes_requested',
			'rejected',
			'closed'
		] as const) {
			expect(isCampaignOpenForSurprises(c(status), '2026-11-15')).toBe(false);
		}
	});
});

describe('campaign transitions', () => {
	it('follows the campaign flow and refuses the rest with a ConflictError naming the allowed moves', () => {
		expect(canTransitionCampaign('draft', 'submitted')).toBe(true);
		expect(canTransitionCampaign('changes_requested', 'submitted')).toBe(true);
		expect(canTransitionCampaign('submitted', 'approved')).toBe(true);
		expect(canTransitionCampaign('approved', 'active')).toBe(true);
		expect(canTransitionCampaign('active', 'closed')).toBe(true);
		expect(canTransitionCampaign('draft', 'approved')).toBe(false);
		expect(canTransitionCampaign('rejected', 'submitted')).toBe(false);
		expect(canTransitionCampaign('closed', 'active')).toBe(false);
		expect(() => assertCampaignTransition('approved', 'rejected')).toThrow(ConflictError);
		try {
			assertCampaignTransition('draft', 'approved');
		} catch (error) {
			expect((error as ConflictError).fields[0]).toEqual({
				field: 'status',
				message: 'Allowed from draft: submitted.'
			});
		}
	});
});
