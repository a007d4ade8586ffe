/**
 * `npm run print -- labels|cards <rows.csv> <out.pdf> [--template <id>] [--start <n>] [--json]`
 *
 * Labels or cards from a CSV, outside the app: a mail merge for a list that never became surprises
 * (a contest's winners from a spreadsheet), with the engine the app prints with (formatAddress +
 * renderLabels, renderCards). Columns, with a header row:
 *   labels  reference, name, street, house_number, addition, postcode, city, country [, postage]
 *   cards   reference, recipient, message, signature
 * Prints what it made and every flag; with --json one line of figures instead (the label bench
 * reads it). Exit 2 on a usage or input error, with the reason.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import {
	formatAddress,
	RenderInputError,
	renderCards,
	renderLabels,
	type LabelData,
	type RenderResult
} from './index.ts';

const USAGE =
	'usage: npm run print -- labels|cards <rows.csv> <out.pdf> [--template <id>] [--start <n>] [--json]';
const DEFAULT_TEMPLATE = { labels: 'a4-3x8-70x37', cards: 'a6-postcard' } as const;

class UsageError extends Error {}

interface Options {
	kind: 'labels' | 'cards';
	csvPath: string;
	outPath: string;
	templateId: string;
	startPosition: number;
	json: boolean;
}

function parseArgs(argv: string[]): Options {
	const positional: string[] = [];
	const flags = new Map<string, string | true>();
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--json') flags.set('json', true);
		else if (arg === '--template' || arg === '--start') {
			const value = argv[++i];
			if (value === undefined) throw new UsageError(`${arg} needs a value`);
			flags.set(arg.slice(2), value);
		} else if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg}`);
		else positional.push(arg);
	}
	const [kind, csvPath, outPath, extra] = positional;
	if ((kind !== 'labels' && kind !== 'cards') || !csvPath || !outPath || extra)
		throw new UsageError(USAGE);
	const start = flags.get('start');
	const startPosition = typeof start === 'string' ? Number(start) : 1;
	const template = flags.get('template');
	return {
		kind,
		csvPath,
		outPath,
		templateId: typeof template === 'string' ? template : DEFAULT_TEMPLATE[kind],
		startPosition,
		json: flags.has('json')
	};
}

/** Rows as arrays (csv-parse's fastest mode) and a lookup of each named column's position. */
function readCsv(csvPath: string): {
	records: string[][];
	column: (name: string, optional?: boolean) => number;
} {
	let text: Buffer;
	try {
		text = readFileSync(csvPath);
	} catch {
		throw new UsageError(`${csvPath}: cannot read the file`);
	}
	const [header, ...records] = parse(text, { bom: true, skip_empty_lines: true }) as string[][];
	if (!header)
		throw new UsageError(`${csvPath}: the file is empty; the first row names the columns`);
	const at = new Map(header.map((name, i) => [name.trim().toLowerCase(), i]));
	const column = (name: string, optional = false) => {
		const i = at.get(name);
		if (i === undefined && !optional)
			throw new UsageError(`${csvPath}: no column "${name}" (the first row names the columns)`);
		return i ?? -1;
	};
	return { records, column };
}

async function print(o: Options): Promise<RenderResult> {
	const { records, column } = readCsv(o.csvPath);
	if (o.kind === 'labels') {
		const [reference, name, street, houseNumber, addition, postcode, city, country] = [
			'reference',
			'name',
			'street',
			'house_number',
			'addition',
			'postcode',
			'city',
			'country'
		].map((c) => column(c)) as number[];
		const postage = column('postage', true);
		const labels: LabelData[] = records.map((r) => ({
			reference: r[reference!]!,
			lines: formatAddress({
				recipientName: r[name!]!,
				street: r[street!]!,
				houseNumber: r[houseNumber!]!,
				addition: r[addition!],
				postcode: r[postcode!]!,
				city: r[city!]!,
				country: r[country!]!
			}),
			postage: postage >= 0 ? r[postage] || undefined : undefined
		}));
		return renderLabels({ templateId: o.templateId, labels, startPosition: o.startPosition });
	}
	const [reference, recipient, message, signature] = [
		'reference',
		'recipient',
		'message',
		'signature'
	].map((c) => column(c)) as number[];
	const cards = records.map((r) => ({
		reference: r[reference!]!,
		recipientName: r[recipient!],
		message: r[message!]!,
		signature: r[signature!]!
	}));
	return renderCards({ templateId: o.templateId, cards, logo: true });
}

export async function main(argv: string[]): Promise<number> {
	try {
		const options = parseArgs(argv);
		const started = performance.now();
		const result = await print(options);
		writeFileSync(options.outPath, result.pdf);
		const renderMs = performance.now() - started;
		if (options.json) {
			const maxRssMb = process.resourceUsage().maxRSS / 1024;
			console.log(
				JSON.stringify({
					renderMs,
					pages: result.pages,
					bytes: result.pdf.length,
					flags: result.flags.length,
					maxRssMb
				})
			);
		} else {
			console.log(
				`${options.outPath}: ${result.pages} pages, ${(result.pdf.length / 1e6).toFixed(2)} MB, ${(renderMs / 1000).toFixed(2)} s`
			);
			for (const f of result.flags) console.log(`${f.reference}: ${f.kind} — ${f.detail}`);
		}
		return 0;
	} catch (error) {
		if (error instanceof UsageError || error instanceof RenderInputError) {
			console.error(error.message);
			return 2;
		}
		throw error;
	}
}

// Exit at once: the PDF is written (stdout and stderr are synchronous on Linux pipes and files), and
// tearing down a heap of ~100 MB on the way out costs ~20 ms.
if (import.meta.main) process.exit(await main(process.argv.slice(2)));
