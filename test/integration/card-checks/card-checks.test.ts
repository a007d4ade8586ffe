import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '#db/client.ts';
import { auditLog } from '#db/schema/index.ts';
import { engines, freshDatabase } from '../../support/databases.ts';
import { testApi, type JsonOf } from '../../support/api.ts';
import { daysAgo, fixtures } from '../privacy/fixtures.ts';

type Warning = {
	kind: string;
	message: string;
	start?: number;
	end?: number;
	suggestions?: string[];
	surpriseReference?: string;
	word?: string;
	phrase?: string;
};

describe.each(engines)('card message checks on %s', (engine) => {
	let database: Database;
	let t: ReturnType<typeof testApi>;
	let f: ReturnType<typeof fixtures>;
	let hub: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;
	let marketing: Awaited<ReturnType<ReturnType<typeof testApi>['user']>>;

	beforeAll(async () => {
		database = await freshDatabase(engine);
		t = testApi(database);
		f = fixtures(database);
		hub = await t.user('hub', { name: 'Sanne Bakker' });
		marketing = await t.user('marketing');
	}, 60_000);
	afterAll(async () => {
		await database?.close();
	});

	const check = async (
		json: JsonOf<(typeof t.client.api.v1)['card-checks']['$post']>,
		headers = hub.headers
	) => {
		const res = await t.client.api.v1['card-checks'].$post({ json }, { headers });
		expect(res.status, await res.clone().text()).toBe(200);
		return ((await res.json()) as { warnings: Warning[] }).warnings;
	};

	it('warns about spelling, stock phrases and a near-copy of a recent card, with offsets', async () => {
		const c = await f.customer();
		const earlier =
			'Hoi Piet, wat fijn dat je zo blij was met onze service en wat een leuke verrassing dat je ons een berichtje stuurde. ' +
			'Geniet van de sokken en een fijne pakjesavond gewenst! Nogmaals sorry voor het gedoe met je pakket. Groetjes, Sanne';
		const recent = await f.surprise(c.id, { createdAt: daysAgo(10), cardMessage: earlier });
		const old = await f.surprise(c.id, {
			createdAt: daysAgo(120),
			cardMessage: earlier.replace('Piet', 'Fatima')
		});

		const message = earlier
			.replace('Piet', 'Anouk')
			.replace('verrassing', 'verassing')
			.replace('sorry voor het gedoe', 'EXCUSES voor het óngemak');
		const warnings = await check({ message, cardTemplate: 'a6-postcard', customerId: c.id });
		expect(warnings.map((w) => w.kind)).toEqual(['spelling', 'stock_phrase', 'near_copy']);

		const [spelling, phrase, copy] = warnings;
		expect(spelling).toMatchObject({ word: 'verassing' });
		expect(message.slice(spelling!.start, spelling!.end)).toBe('verassing');
		expect(spelling!.suggestions![0]).toBe('verrassing');
		expect(spelling!.message).toContain('verrassing');

		expect(message.slice(phrase!.start, phrase!.end)).toBe('EXCUSES voor het óngemak');
		expect(phrase!.phrase).toBe('excuses voor het ongemak');

		expect(copy).toMatchObject({ surpriseReference: recent.reference });
		expect(copy!.message).toContain(recent.reference);
		expect(JSON.stringify(warnings)).not.toContain(old.reference);
	});

	it('checks the length against the chosen card, in characters and lines', async () => {
		const long = 'Wat fijn dat je er was. '.repeat(16).trim();
		const [tooLong] = await check({ message: long, cardTemplate: 'a6-postcard' });
		expect(tooLong).toMatchObject({
			kind: 'length',
			measure: 'chars',
			limit: 350,
			actual: long.length,
			start: 350,
			end: long.length
		});
		expect(await check({ message: long, cardTemplate: 'a5-folded' })).toEqual([]);
		const lines = Array.from({ length: 11 }, () => 'Groetjes').join('\n');
		expect(await check({ message: lines, cardTemplate: 'a6-postcard' })).toMatchObject([
			{ kind: 'length', measure: 'lines', limit: 9, actual: 11 }
		]);
		// No card chosen yet: only a message that fits no card at all is too long.
		expect(await check({ message: long })).toEqual([]);
		expect((await check({ message: `${long} ${long}` })).map((w) => w.kind)).toEqual(['length']);
	});

	it('allows the customer’s own names and ignores the surprise’s own saved message', async () => {
		const c = await f.customer({ name: 'Łukasz Wójcikowski' });
		const own = await f.surprise(c.id, {
			status: 'planned',
			cardMessage:
				'Hoi Łukasz, geniet van de sokken en van een heerlijk weekend, groetjes van het team'
		});
		const message =
			'Hoi Łukasz, geniet van de sokken en van een heerlijk weekend, groetjes van het team';
		const anonymous = await check({ message });
		expect(anonymous.map((w) => w.word)).toContain('Łukasz');
		expect(anonymous.map((w) => w.kind)).toContain('near_copy');
		const withSurprise = await check({ message, surpriseId: own.id });
		expect(withSurprise).toEqual([]);
	});

	it('hub’ers extend the allow-list; stock phrases are for marketing; both audited', async () => {
		const lists = await (
			await t.client.api.v1['card-checks']['word-lists'].$get({}, { headers: hub.headers })
		).json();
		expect(lists.stockPhrases).toContain('vervelend om te lezen');
		// Every card design in templates/cards/, with its limits from the template file.
		expect(lists.cards.map((x: { id: string }) => x.id).sort()).toEqual([
			'a4-4up',
			'a5-folded',
			'a6-postcard',
			'a6-postcard-portrait'
		]);

		expect(
			(await check({ message: 'Veel plezier met je Qwiksok-abonnement' })).map((w) => w.word)
		).toContain('Qwiksok');
		const put = await t.client.api.v1['card-checks']['word-lists']['spelling-allow-list'].$put(
			{ json: { words: [...lists.spellingAllowList, ' qwiksok ', 'Qwiksok'] } },
			{ headers: hub.headers }
		);
		expect(put.status, await put.clone().text()).toBe(200);
		expect(
			(await put.json()).spellingAllowList.filter((w: string) => w.toLowerCase() === 'qwiksok')
		).toEqual(['qwiksok']);
		expect(await check({ message: 'Veel plezier met je Qwiksok-abonnement' })).toEqual([]);

		const phrases = { phrases: [...lists.stockPhrases, 'hopelijk tot de volgende keer'] };
		expect(
			(
				await t.client.api.v1['card-checks']['word-lists']['stock-phrases'].$put(
					{ json: phrases },
					{ headers: hub.headers }
				)
			).status
		).toBe(403);
		expect(
			(
				await t.client.api.v1['card-checks']['word-lists']['stock-phrases'].$put(
					{ json: phrases },
					{ headers: marketing.headers }
				)
			).status
		).toBe(200);
		const warnings = await check({ message: 'Hopelijk tot de volgende keer!' });
		expect(warnings).toMatchObject([{ kind: 'stock_phrase', start: 0, end: 29 }]);

		const audits = await database.db
			.select()
			.from(auditLog)
			.where(and(eq(auditLog.action, 'setting.update'), eq(auditLog.entity, 'setting')));
		expect(audits.map((a) => a.entityId)).toEqual(
			expect.arrayContaining(['spelling_allow_list', 'stock_phrases'])
		);
	});

	it('rejects bad input with 400/404 problem+json, and anonymous callers with 401', async () => {
		const bad = await t.client.api.v1['card-checks'].$post(
			{ json: { message: 'Hoi', cardTemplate: 'a7-mini', customerId: 'nope' } },
			{ headers: hub.headers }
		);
		expect(bad.status).toBe(400);
		expect(bad.headers.get('content-type')).toContain('application/problem+json');
		expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual([
			'cardTemplate',
			'customerId'
		]);
		const missing = await t.client.api.v1['card-checks'].$post(
			{ json: { message: 'Hoi', customerId: crypto.randomUUID() } },
			{ headers: hub.headers }
		);
		expect(missing.status).toBe(404);
		expect((await t.client.api.v1['card-checks'].$post({ json: { message: 'Hoi' } })).status).toBe(
			401
		);
	});

	it('answers fast enough to call while typing (p50 for a 300-character message)', async () => {
		const c = await f.customer();
		for (let i = 0; i < 200; i++)
			await f.surprise(c.id, {
				createdAt: daysAgo(i % 80),
				cardMessage: `Hoi klant ${i}, bedankt voor je bericht over bestelling ${i}. We sturen je graag een klein cadeautje als dank. Groet, team ${i % 7}`
			});
		const message =
			'Hoi Anouk, wat fijn dat je ons liet weten hoe blij je was met de snelle hulp van vorige week. Als kleine verrassing sturen we je een paar vrolijke sokken voor de koude dagen. Geniet ervan en hopelijk tot snel! Lieve groet van Sanne en het hele team, ook namens de collega’s van de winkel.';
		expect(message.length).toBeGreaterThanOrEqual(280);
		await check({ message, cardTemplate: 'a6-postcard', customerId: c.id });
		const times: number[] = [];
		for (let i = 0; i < 30; i++) {
			const started = performance.now();
			await check({
				message: message.slice(0, message.length - (i % 5)),
				cardTemplate: 'a6-postcard',
				customerId: c.id
			});
			times.push(performance.now() - started);
		}
		times.sort((a, b) => a - b);
		const p50 = times[Math.floor(times.length / 2)]!;
		console.info(
			`[card-checks] ${engine}: p50 ${p50.toFixed(1)} ms, p90 ${times[Math.floor(times.length * 0.9)]!.toFixed(1)} ms (300 chars, 200+ recent cards)`
		);
		expect(p50).toBeLessThan(150);
	});
});
