import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, invalid } from '../../support/api.ts';

const MISSING = '00000000-0000-4000-8000-000000000000';

describe.each(engines)('error messages in the reader’s language on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const badCustomer = invalid({ name: '   ', handles: 'x' });
	const read = async (call: Promise<Response>) => {
		const res = await call;
		return { status: res.status, body: await res.json() };
	};

	it('gives the same bad request Dutch title, detail and field messages with accept-language nl', async () => {
		const hub = await t.user('hub');
		const { status, body } = await read(
			t.client.api.v1.customers.$post(
				{ json: badCustomer },
				{ headers: { ...hub.headers, 'accept-language': 'nl-NL,nl;q=0.9,en;q=0.8' } }
			)
		);
		expect(status).toBe(400);
		expect(body).toMatchObject({
			title: 'Ongeldige invoer',
			detail: 'Niet alle velden zijn goed ingevuld.',
			code: 'validation'
		});
		expect(body.errors).toEqual([
			// A schema's own message, from the catalogue.
			{ field: 'name', message: 'Vul een naam in.' },
			// A zod default message, from zod's Dutch locale.
			{ field: 'handles', message: 'Ongeldige invoer: verwacht array, ontving string' }
		]);
	});

	it('tells a CSV preview’s row errors in Dutch too (a 200 response, not a problem)', async () => {
		const hub = await t.user('hub');
		const csv = 'name,email\nAnn,not-an-email';
		const nl = await read(
			t.client.api.v1.customers.import.preview.$post(
				{ json: { csv } },
				{ headers: { ...hub.headers, 'accept-language': 'nl' } }
			)
		);
		expect(nl.status).toBe(200);
		expect(nl.body.rows[0].errors).toEqual([
			expect.objectContaining({ field: 'email', message: 'Vul een geldig e-mailadres in.' })
		]);
		const en = await read(
			t.client.api.v1.customers.import.preview.$post({ json: { csv } }, { headers: hub.headers })
		);
		expect(en.body.rows[0].errors).toEqual([
			expect.objectContaining({ field: 'email', message: 'Enter a valid email address.' })
		]);
	});

	it('keeps English without accept-language, and for other languages', async () => {
		const hub = await t.user('hub');
		for (const headers of [
			hub.headers,
			{ ...hub.headers, 'accept-language': 'de-DE,en;q=0.5' },
			{ ...hub.headers, 'accept-language': 'en,nl;q=0.5' }
		]) {
			const { status, body } = await read(
				t.client.api.v1.customers.$post({ json: badCustomer }, { headers })
			);
			expect(status).toBe(400);
			expect(body).toMatchObject({ title: 'Invalid input', detail: 'Some fields are not valid.' });
			expect(body.errors).toEqual([
				{ field: 'name', message: 'Enter a name.' },
				{ field: 'handles', message: 'Invalid input: expected array, received string' }
			]);
		}
	});

	it('tells domain errors in Dutch: not found and conflict with field messages', async () => {
		const hub = await t.user('hub');
		const notFound = await t.client.api.v1.customers[':id'].$get(
			{ param: { id: MISSING } },
			{ headers: { ...hub.headers, 'accept-language': 'nl' } }
		);
		expect(notFound.status).toBe(404);
		expect(await notFound.json()).toMatchObject({
			title: 'Niet gevonden',
			detail: `Klant ${MISSING} bestaat niet.`,
			entity: 'Customer'
		});

		const admin = await t.user('admin');
		const user = {
			email: 'anouk@example.test',
			name: 'Anouk',
			role: 'hub' as const,
			password: 'correct horse battery staple'
		};
		expect(
			(await read(t.client.api.v1.users.$post({ json: user }, { headers: admin.headers }))).status
		).toBe(201);
		const english = await read(
			t.client.api.v1.users.$post({ json: user }, { headers: admin.headers })
		);
		expect(english.status).toBe(409);
		expect(english.body).toMatchObject({
			title: 'Conflict',
			detail: 'A user with this email already exists.',
			errors: [{ field: 'email', message: 'Already in use.' }]
		});
		const dutch = await read(
			t.client.api.v1.users.$post(
				{ json: user },
				{ headers: { ...admin.headers, 'accept-language': 'nl' } }
			)
		);
		expect(dutch.status).toBe(409);
		expect(dutch.body).toMatchObject({
			detail: 'Er bestaat al een gebruiker met dit e-mailadres.',
			errors: [{ field: 'email', message: 'Al in gebruik.' }]
		});
	});

	it('tells the route-less 404 and a missing login in Dutch too', async () => {
		// A path with no route, which the typed client cannot name: sent by hand.
		const res = await t.request('/api/v1/nowhere', { headers: { 'accept-language': 'nl' } });
		expect(res.status).toBe(404);
		expect(await res.json()).toMatchObject({
			title: 'Niet gevonden',
			detail: 'Geen route voor GET /api/v1/nowhere.'
		});
		const me = await t.client.api.v1.auth.me.$get({}, { headers: { 'accept-language': 'nl' } });
		expect(me.status).toBe(401);
		expect(await me.json()).toMatchObject({ title: 'Niet ingelogd', detail: 'Log eerst in.' });
	});

	it('tells a status word and an idempotency mismatch in Dutch', async () => {
		const admin = await t.user('admin');
		const nl = { ...admin.headers, 'accept-language': 'nl-BE' };
		const body = {
			email: 'idem-nl@example.test',
			name: 'Idem',
			role: 'hub' as const,
			password: 'correct horse battery staple'
		};
		expect(
			(
				await read(
					t.client.api.v1.users.$post(
						{ json: body },
						{ headers: { ...nl, 'idempotency-key': 'locale-idem-1' } }
					)
				)
			).status
		).toBe(201);
		const other = await read(
			t.client.api.v1.users.$post(
				{
					json: {
						...body,
						name: 'Ander'
					}
				},
				{ headers: { ...nl, 'idempotency-key': 'locale-idem-1' } }
			)
		);
		expect(other.status).toBe(422);
		expect(other.body).toMatchObject({
			title: 'Verzoek niet uit te voeren',
			detail: 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.'
		});
		const bad = await read(
			t.client.api.v1.users.$post(
				{ json: body },
				{ headers: { ...nl, 'idempotency-key': 'x'.repeat(201) } }
			)
		);
		expect(bad.status).toBe(400);
		expect(bad.body).toMatchObject({
			detail: 'De Idempotency-Key moet 1–200 zichtbare ASCII-tekens zijn.',
			errors: [{ field: 'Idempotency-Key', message: 'Geen geldige key.' }]
		});
	});
});
