/**
 * Contest entrants for a draw, from a CSV file or pasted from a spreadsheet: one row per entry,
 * read and checked without touching the database. Entries of one person (the same channel and
 * normalised handle, `foldHandle`) merge into one entrant: their first entry time counts for the
 * closing time, and a "yes" in any row counts as consent.
 *
 *   handle        the entrant's handle or profile link (required)
 *   channel       x, facebook, instagram, linkedin, whatsapp, email (required)
 *   name          name for a customer created from the handle
 *   text          what they wrote (the entry)
 *   entered_at    2027-03-28T14:05:00+02:00, or 2027-03-28 14:05 / 28-03-2027 14:05 (Amsterdam time) (required)
 *   email         optional
 *   consent       yes/no (ja/nee, true/false, 1/0): agreed to the contest's terms
 *
 * Separator comma, semicolon or tab; UTF-8 with or without BOM; blank rows skipped; line numbers
 * are the file's (header = line 1).
 */
import { CsvError, parse } from 'csv-parse/sync';
import { z } from 'zod';
import { msg } from '../../messages/index.ts';
import { detectDelimiter } from '../customers/customer-csv.ts';
import { canonicalHandle, channels, type Channel } from '../customers/handles.ts';
import { ValidationError, rowError, type MessageText, type RowError } from '../errors.ts';
import { parsePostedAt } from '../reactions/posted-at.ts';
import { foldHandle } from '../text.ts';

export const ENTRANT_CSV_COLUMNS = [
	'handle',
	'channel',
	'name',
	'text',
	'entered_at',
	'email',
	'consent'
] as const;
type Column = (typeof ENTRANT_CSV_COLUMNS)[number];

const ALIASES: Record<string, Column> = {
	naam: 'name',
	tekst: 'text',
	entry: 'text',
	message: 'text',
	entry_text: 'text',
	entry_time: 'entered_at',
	enteredat: 'entered_at',
	time: 'entered_at',
	date: 'entered_at',
	datum: 'entered_at',
	posted_at: 'entered_at',
	kanaal: 'channel',
	toestemming: 'consent',
	e_mail: 'email'
};

/** The CSV within a draw's JSON body: 1 MB bodies hold it with room to spare. */
export const MAX_ENTRANT_CSV_CHARS = 900_000;
export const MAX_ENTRANT_ROWS = 20_000;

export const EntrantsCsv = z.string().min(1).max(MAX_ENTRANT_CSV_CHARS);

export interface EntryRow {
	line: number;
	values: Partial<Record<Column, string>>;
	errors: RowError[];
}

/** One person, their entries merged. */
export interface Entrant {
	channel: Channel;
	handle: string;
	norm: string;
	name: string;
	email: string | null;
	/** Their first entry. */
	enteredAt: Date;
	entries: number;
	lines: number[];
	consent: boolean;
}

const YES = new Set(['yes', 'y', 'ja', 'j', 'true', '1', 'x']);
const NO = new Set(['no', 'n', 'nee', 'false', '0', '']);

function fileError(message: MessageText): never {
	throw new ValidationError(message, [{ field: 'csv', message }]);
}

function columnOf(header: string): string {
	const key = header
		.replace(/^\uFEFF/, '')
		.trim()
		.toLowerCase()
		.replace(/[\s-]+/g, '_');
	return ALIASES[key] ?? key;
}

/**
 * Reads every row and merges entrants by channel and normalised handle; unreadable files and
 * missing columns throw on `csv`, bad rows come back with their errors (and are not entrants).
 */
export function parseEntrants(csv: string): { rows: EntryRow[]; entrants: Entrant[] } {
	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(csv, {
			bom: true,
			info: true,
			relax_column_count: true,
			delimiter: detectDelimiter(csv)
		}) as unknown as typeof records;
	} catch (error) {
		if (error instanceof CsvError)
			fileError(msg('csv_not_valid', { reason: error.message.replace(/^.*?: /, '') }));
		throw error;
	}
	const [header, ...body] = records;
	if (!header || header.record.every((cell) => !cell.trim())) fileError('draw_entrants_no_header');
	const columns = header.record.map(columnOf);
	const unknown = columns.filter(
		(c) => c && !(ENTRANT_CSV_COLUMNS as readonly string[]).includes(c)
	);
	if (unknown.length)
		fileError(
			msg(unknown.length > 1 ? 'csv_unknown_columns' : 'csv_unknown_column', {
				columns: unknown.map((c) => `"${c}"`).join(', '),
				known: ENTRANT_CSV_COLUMNS.join(', ')
			})
		);
	const repeated = columns.filter((c, i) => c && columns.indexOf(c) !== i);
	if (repeated.length) fileError(msg('csv_column_twice', { column: repeated[0]! }));
	for (const required of ['handle', 'channel', 'entered_at'] as const)
		if (!columns.includes(required))
			fileError(msg('draw_entrants_missing_column', { column: required }));
	if (body.length > MAX_ENTRANT_ROWS)
		fileError(msg('csv_too_many_rows', { max: MAX_ENTRANT_ROWS }));

	const rows: EntryRow[] = [];
	const byKey = new Map<string, Entrant>();
	let previousEnd = header.info.lines;
	for (const { record, info } of body) {
		const line = previousEnd + 1;
		previousEnd = info.lines;
		if (record.every((cell) => !cell.trim())) continue;
		const values: Partial<Record<Column, string>> = {};
		columns.forEach((column, i) => {
			const cell = record[i]?.trim();
			if (column && cell) values[column as Column] = cell;
		});
		const errors: RowError[] = [];
		const addError = (field: string, message: MessageText) => {
			if (!errors.some((e) => e.field === field)) errors.push(rowError(line, field, message));
		};
		const channel = values.channel?.toLowerCase();
		const isChannel = (channels as readonly string[]).includes(channel ?? '');
		if (!isChannel)
			addError('channel', msg('draw_entrants_channel', { known: channels.join(', ') }));
		let handle = '';
		if (isChannel) {
			const canonical = canonicalHandle(channel as Channel, values.handle ?? '');
			if (canonical.ok) handle = canonical.handle;
			else addError('handle', canonical.text);
		}
		const enteredAt = parsePostedAt(values.entered_at ?? '');
		if (!enteredAt) addError('entered_at', 'draw_entrants_entered_at');
		const consentText = (values.consent ?? '').toLowerCase();
		if (!YES.has(consentText) && !NO.has(consentText)) addError('consent', 'draw_entrants_consent');
		if (values.email && !z.email().max(254).safeParse(values.email).success)
			addError('email', 'draw_entrants_email');
		if (values.name && [...values.name].length > 200) addError('name', 'draw_entrants_name');
		rows.push({ line, values, errors });
		if (errors.length) continue;
		const norm = foldHandle(handle);
		const key = `${channel}\t${norm}`;
		const earlier = byKey.get(key);
		if (earlier) {
			earlier.entries++;
			earlier.lines.push(line);
			if (enteredAt! < earlier.enteredAt) earlier.enteredAt = enteredAt!;
			earlier.consent ||= YES.has(consentText);
			earlier.name ||= values.name ?? '';
			earlier.email ??= values.email ?? null;
			continue;
		}
		byKey.set(key, {
			channel: channel as Channel,
			handle,
			norm,
			name: values.name ?? '',
			email: values.email ?? null,
			enteredAt: enteredAt!,
			entries: 1,
			lines: [line],
			consent: YES.has(consentText)
		});
	}
	return { rows, entrants: [...byKey.values()] };
}
