import { CAMPAIGN_MANAGERS } from '../campaigns/access.ts';
import { CATALOGUE_MANAGERS } from '../gifts/access.ts';
import { PRINTERS } from '../printing/access.ts';
import { ADMINS, type Role } from './roles.ts';

/**
 * What a staff member may do beyond reading, from the same role lists the routes declare, so the
 * menu and the pages show the ways in (new campaign, new gift, print, admin) that the API will let
 * through. Per-record flags (a surprise's, a campaign's) come with the record's view.
 */
export function staffCan(role: Role) {
	const has = (roles: readonly Role[]) => roles.includes(role);
	return {
		manageCampaigns: has(CAMPAIGN_MANAGERS),
		manageCatalogue: has(CATALOGUE_MANAGERS),
		print: has(PRINTERS),
		administer: has(ADMINS)
	};
}
export type StaffCan = ReturnType<typeof staffCan>;
