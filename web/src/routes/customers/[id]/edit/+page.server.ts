import { fail, redirect } from '@sveltejs/kit';
import { m } from '#lib/paraglide/messages.js';
import { customerToForm, readCustomerForm } from '#lib/customers/customer-form.server.ts';
import { apiClient, failFromApi, throwFromApi, type FormFailure } from '#lib/server/api.ts';
import { readForm } from '#lib/server/form.ts';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const res = await apiClient(event).api.v1.customers[':id'].$get({
		param: { id: event.params.id }
	});
	if (!res.ok) return throwFromApi(res, event.url);
	const customer = await res.json();
	return { customer: { id: customer.id, name: customer.name }, values: customerToForm(customer) };
};

export const actions: Actions = {
	default: async (event) => {
		const { values, body, localErrors, mapErrors } = readCustomerForm(
			await readForm(event.request)
		);
		if (Object.keys(localErrors).length > 0) {
			return fail(400, {
				detail: m.form_check_fields(),
				errors: localErrors,
				values
			} satisfies FormFailure & { values: typeof values });
		}
		const res = await apiClient(event).api.v1.customers[':id'].$patch({
			param: { id: event.params.id },
			json: body
		});
		if (!res.ok) {
			const failure = await failFromApi(res, event, { values });
			return fail(failure.status, { ...failure.data, errors: mapErrors(failure.data.errors) });
		}
		redirect(303, `/customers/${event.params.id}?notice=saved`);
	}
};
