import { channels, type Channel } from '#lib/labels.ts';
import { m } from '#lib/paraglide/messages.js';
import { formFields, type FormFields } from '#lib/server/form.ts';

/** What the customer form shows; also what a failed action sends back so nothing typed is lost. */
export interface CustomerFormValues {
	name: string;
	email: string;
	locale: string;
	notes: string;
	isStaff: boolean;
	optedOut: boolean;
	/** One account per channel (the API allows one). */
	handles: Record<Channel, { handle: string; followers: string }>;
}

export interface CustomerBody {
	name: string;
	email: string | null;
	locale: 'nl' | 'en';
	notes: string;
	isStaff: boolean;
	optedOut: boolean;
	handles: { channel: Channel; handle: string; followers?: number }[];
}

const HANDLE_FIELD = /^handles\.(\d+)\.(.+)$/;

const emptyHandles = () =>
	Object.fromEntries(
		channels.map((c) => [c, { handle: '', followers: '' }])
	) as CustomerFormValues['handles'];

/**
 * Reads the form: one row per channel (`handle.<channel>`, `followers.<channel>`); channels without a
 * handle are left out. The API's `handles.K.field` errors are mapped back to the channel's row
 * (`handles.<channel>.field`), so each message lands beside its input.
 */
export function readCustomerForm(data: FormData | FormFields) {
	const form = formFields(data);
	const text = (name: string) => form.text(name);
	const values: CustomerFormValues = {
		name: text('name'),
		email: text('email'),
		locale: text('locale') === 'en' ? 'en' : 'nl',
		notes: form.text('notes', { trim: false }),
		isStaff: form.checked('isStaff'),
		optedOut: form.checked('optedOut'),
		handles: emptyHandles()
	};
	const body: CustomerBody = {
		name: values.name,
		email: values.email || null,
		locale: values.locale === 'en' ? 'en' : 'nl',
		notes: values.notes,
		isStaff: values.isStaff,
		optedOut: values.optedOut,
		handles: []
	};
	const localErrors: Record<string, string> = {};
	/** API index → channel. */
	const channelOf: Channel[] = [];

	for (const channel of channels) {
		const handle = text(`handle.${channel}`);
		const followers = text(`followers.${channel}`);
		values.handles[channel] = { handle, followers };
		if (!handle) continue;
		const count = followers === '' ? undefined : Number(followers);
		if (count !== undefined && (!Number.isInteger(count) || count < 0)) {
			localErrors[`handles.${channel}.followers`] = m.customer_followers_invalid();
			continue;
		}
		channelOf.push(channel);
		body.handles.push({ channel, handle, ...(count !== undefined ? { followers: count } : {}) });
	}

	/** Rewrites the API's field paths to the form's rows. */
	const mapErrors = (errors: Record<string, string>) => {
		const out: Record<string, string> = {};
		for (const [field, message] of Object.entries(errors)) {
			const match = HANDLE_FIELD.exec(field);
			const channel = match ? channelOf[Number(match[1])] : undefined;
			out[
				match && channel
					? `handles.${channel}.${match[2] === 'channel' ? 'handle' : match[2]}`
					: field
			] ??= message;
		}
		return out;
	};

	return { values, body, localErrors, mapErrors };
}

/** Form values for a customer (the edit page) or an empty form. */
export function customerToForm(customer?: {
	name: string;
	email: string | null;
	locale: string;
	notes: string;
	isStaff: boolean;
	optedOut: boolean;
	handles: { channel: string; handle: string; followers: number }[];
}): CustomerFormValues {
	const handles = emptyHandles();
	for (const h of customer?.handles ?? []) {
		if (h.channel in handles)
			handles[h.channel as Channel] = { handle: h.handle, followers: String(h.followers) };
	}
	return {
		name: customer?.name ?? '',
		email: customer?.email ?? '',
		locale: customer?.locale ?? 'nl',
		notes: customer?.notes ?? '',
		isStaff: customer?.isStaff ?? false,
		optedOut: customer?.optedOut ?? false,
		handles
	};
}
