/**
 * Latency of POST /api/v1/card-checks for a 300-character message, after warm-up, on the embedded
 * database with a busy hub's 90 days of cards (2,500). Run: node_modules/.bin/node bench/card-check-latency.ts
 */
import { migrateDatabase, openDatabase } from '#db/client.ts';
import { campaigns, customers, surprises } from '#db/schema/index.ts';
import { createUser } from '#api/domain/accounts/users.ts';
import { logIn } from '#api/domain/accounts/log-in.ts';
import { systemCtx } from '#api/domain/context.ts';
import { parseEnv } from '#api/env.ts';
import { createApi } from '#api/app.ts';

const RECENT_CARDS = Number(process.env.CARDS ?? 2500);
const RUNS = 200;

const database = await openDatabase({});
await migrateDatabase(database);
const ctx = systemCtx(database.db);
const [campaign] = await database.db
	.insert(campaigns)
	.values({
		name: 'Bench',
		kind: 'always_on',
		startsOn: '2020-01-01',
		endsOn: '2099-12-31',
		budgetCents: 1
	})
	.returning();
const [customer] = await database.db
	.insert(customers)
	.values({ name: 'Anouk de Vries' })
	.returning();
const openings = ['Hoi', 'Lieve', 'Beste', 'Hallo', 'Hé'];
const bodies = [
	'wat fijn dat je ons liet weten hoe blij je was met de hulp van het team. Als dank sturen we je iets lekkers voor bij de koffie.',
	'wat vervelend dat je pakket zo lang onderweg was. We hopen dat deze sokken je dag een beetje warmer maken.',
	'gefeliciteerd met je verjaardag! Geniet van de bioscoopbon en neem iemand leuks mee.',
	'dank je wel voor je mooie woorden over onze winkel. Daar worden we echt blij van, dus hierbij een kleine verrassing terug.'
];
const rows = Array.from({ length: RECENT_CARDS }, (_, i) => ({
	reference: `HOP-${String(i).padStart(5, '0')}`,
	customerId: customer!.id,
	campaignId: campaign!.id,
	status: 'delivered' as const,
	cardMessage: `${openings[i % 5]} klant${i}, ${bodies[i % 4]} Groetjes, collega ${i % 13}`,
	createdAt: new Date(Date.now() - (i % 89) * 86_400_000)
}));
for (let i = 0; i < rows.length; i += 500)
	await database.db.insert(surprises).values(rows.slice(i, i + 500));

await createUser({
	ctx,
	input: {
		email: 'hub@bench.test',
		name: 'Sanne Bakker',
		role: 'hub',
		password: 'bench bench bench'
	}
});
const session = await logIn({
	ctx: { ...ctx, ip: 'bench' },
	input: { email: 'hub@bench.test', password: 'bench bench bench' },
	options: { sessionTtlHours: 1, rateLimit: 1000 }
});
const api = createApi({ database, env: parseEnv({ LOG_LEVEL: 'silent' }), log: () => {} });

const message =
	'Hoi Anouk, wat fijn dat je ons liet weten hoe blij je was met de snelle hulp van vorige week. Als kleine verrassing sturen we je een paar vrolijke sokken voor de koude dagen. Geniet ervan en hopelijk tot snel! Lieve groet van Sanne en het hele team, ook namens de collega’s van de winkel in Utrecht.';
const call = (text: string) =>
	api.fetch(
		new Request('http://localhost/api/v1/card-checks', {
			method: 'POST',
			headers: { 'content-type': 'application/json', cookie: `hoppatee_session=${session.token}` },
			body: JSON.stringify({ message: text, cardTemplate: 'a6-postcard', customerId: customer!.id })
		})
	);

let started = performance.now();
let res = await call(message);
console.log(
	`first call (builds the dictionary): ${(performance.now() - started).toFixed(0)} ms, status ${res.status}`
);
for (let i = 0; i < 20; i++) await (await call(message)).text();
const times: number[] = [];
for (let i = 0; i < RUNS; i++) {
	// As if typing: the message changes a little on every call.
	const text = `${message.slice(0, message.length - (i % 40))}${i % 3 ? ' verassing' : ''}`;
	started = performance.now();
	res = await call(text);
	await res.text();
	times.push(performance.now() - started);
}
times.sort((a, b) => a - b);
const at = (q: number) =>
	times[Math.min(times.length - 1, Math.floor(times.length * q))]!.toFixed(1);
console.log(
	`${message.length} chars, ${RECENT_CARDS} cards in the last 90 days, ${RUNS} calls: p50 ${at(0.5)} ms, p90 ${at(0.9)} ms, p99 ${at(0.99)} ms`
);
await database.close();
