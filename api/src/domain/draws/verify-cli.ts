/**
 * `npm run draw:verify -- <record.json>`: re-runs a draw from its exported record, offline.
 * Prints `identical` (exit 0) or the first difference (exit 1); exit 2 when the file is unreadable.
 */
import { readFileSync } from 'node:fs';
import { verifyDrawRecord } from './record.ts';

const file = process.argv[2];
if (!file) {
	process.stderr.write('usage: npm run draw:verify -- <record.json>\n');
	process.exit(2);
}
let data: unknown;
try {
	data = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
	process.stderr.write(`cannot read ${file}: ${(e as Error).message}\n`);
	process.exit(2);
}
const v = verifyDrawRecord(data);
if (v.identical) {
	process.stdout.write(
		`identical: ${v.outcome.winners.length} winners, ${v.outcome.reserves.length} reserves\n`
	);
} else {
	process.stdout.write(`not identical: first difference ${v.difference}\n`);
	process.exitCode = 1;
}
