import type { Carrier } from '#api/client';
import { apiClient, failFromApi, throwFromApi } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

/**
 * The page a label's QR code opens on a phone: which parcel, for whom and where to (name and place,
 * not the address), what goes in, and the pre-ship checklist before "Markeer als verzonden".
 */
export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.print.ship[':id'].$get({
		param: { id: event.params.id }
	});
	if (!res.ok) return throwFromApi(res, event.url);
	return { ship: await res.json(), shipped: event.url.searchParams.get('shipped') === '1' };
};

export const actions: Actions = {
	/** Both boxes ticked, or the API refuses (a stamp was once forgotten). */
	ship: async (event) => {
		const form = await readForm(event.request);
		const carrier = form.text('carrier');
		const values = {
			cardIn: form.checked('cardIn'),
			postageOn: form.checked('postageOn'),
			note: form.text('note', { trim: false }),
			carrier,
			trackingNumber: form.text('trackingNumber')
		};
		const checklist = {
			...(values.cardIn ? { cardIn: true } : {}),
			...(values.postageOn ? { postageOn: true } : {})
		};
		const res = await apiClient(event).api.v1.print.ship[':id'].$post({
			param: { id: event.params.id },
			// The API reports each box left empty by name; an empty box is simply not sent.
			json: {
				checklist: checklist as { cardIn: true; postageOn: true },
				note: values.note,
				// A carrier the API does not know is its 400 to report, by name.
				...(carrier ? { carrier: carrier as Carrier } : {}),
				...(values.trackingNumber ? { trackingNumber: values.trackingNumber } : {})
			}
		});
		if (!res.ok) return failFromApi(res, event, { values });
		return { shippedNow: true };
	},
	/** The full address, only when the label cannot be read: the API records every such read. */
	address: async (event) => {
		const res = await apiClient(event).api.v1.print.ship[':id'].address.$get({
			param: { id: event.params.id }
		});
		if (!res.ok) return failFromApi(res, event);
		return { address: await res.json() };
	}
};
