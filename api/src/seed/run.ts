/**
 * `npm run db:seed`: adds the demo data to the database in DATABASE_URL, or to the embedded
 * database in DATA_DIR (default ./data). Refuses when customers already exist, unless --force.
 *
 * Also makes sure a first admin exists (from HOPPATEE_ADMIN_EMAIL / HOPPATEE_ADMIN_PASSWORD, or a
 * printed one-time password): the app only creates one when there are no users at all, and the demo
 * staff would otherwise take that chance away.
 */
import { ensureFirstAdmin } from '../domain/accounts/ensure-first-admin.ts';
import { systemCtx } from '../domain/context.ts';
import { migrateDatabase, openDatabase } from '../../../db/client.ts';
import { DEMO_PASSWORD, DemoAlreadySeededError, seedDemo } from './demo.ts';

const force = process.argv.includes('--force');
const url = process.env.DATABASE_URL || undefined;
const dataDir = process.env.DATA_DIR || './data';

const database = url ? await openDatabase({ url, max: 1 }) : await openDatabase({ dataDir });
let exitCode = 0;
try {
	await migrateDatabase(database);
	const admin = await ensureFirstAdmin({
		ctx: systemCtx(database.db),
		input: {
			email: process.env.HOPPATEE_ADMIN_EMAIL || undefined,
			password: process.env.HOPPATEE_ADMIN_PASSWORD || undefined
		}
	});
	// Scored inside the seed, so tiers show on the first page view.
	const result = await seedDemo(database.db, { force });
	console.log(
		`Demo data added to ${url ? 'the PostgreSQL database' : `the embedded database in ${dataDir}`} in ${result.ms} ms:`
	);
	for (const [table, n] of Object.entries(result.rows)) console.log(`  ${table.padEnd(20)} ${n}`);
	console.log(`Demo logins (password ${DEMO_PASSWORD}):`);
	for (const login of result.logins)
		console.log(`  ${login.email.padEnd(34)} ${login.role.padEnd(10)} ${login.name}`);
	if (admin) {
		console.log(
			`Admin: ${admin.email}${admin.generated ? ` / one-time password: ${admin.password} (shown once; change it after logging in)` : ' (password from HOPPATEE_ADMIN_PASSWORD)'}`
		);
	}
} catch (error) {
	if (error instanceof DemoAlreadySeededError) {
		console.error(error.message);
		exitCode = 1;
	} else {
		throw error;
	}
} finally {
	await database.close();
}
process.exitCode = exitCode;
