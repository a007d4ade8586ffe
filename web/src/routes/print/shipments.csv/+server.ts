import { isStatusIn, shipmentFormats, shipmentStatuses } from '#api/client';
import { apiClient, throwFromApi } from '#lib/server/api.ts';
import { isUuid } from '#lib/printing/print-form.ts';
import type { RequestHandler } from './$types';

/** The shipments CSV for a carrier's bulk upload (printed parcels by default, optionally one campaign). Each address read is audited by the API. */
export const GET: RequestHandler = async (event) => {
	const params = event.url.searchParams;
	const asked = params.get('status') ?? '';
	const status = isStatusIn(shipmentStatuses, asked) ? asked : 'printed';
	const campaignId = params.get('campaignId');
	const format = shipmentFormats.find((f) => f === params.get('format')) ?? 'generic';
	const res = await apiClient(event).api.v1.print['shipments.csv'].$get({
		query: { status, format, ...(isUuid(campaignId) ? { campaignId } : {}) }
	});
	if (!res.ok) return throwFromApi(res, event.url);
	return new Response(res.body, {
		headers: {
			'content-type': res.headers.get('content-type') ?? 'text/csv; charset=utf-8',
			'content-disposition':
				res.headers.get('content-disposition') ?? 'attachment; filename="hoppatee-shipments.csv"',
			'cache-control': 'no-store'
		}
	});
};
