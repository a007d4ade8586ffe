import { CsvError, parse } from 'csv-parse/sync';

export const MAX_CODE_CHARS = 100;
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

export interface CsvLineError {
  /** 1-based line in the file. */
  line: number;
  message: string;
}

export interface ParsedVoucherCsv {
  codes: { line: number; code: string }[];
  errors: CsvLineError[];
}

/** One separator per file, read from its first line: a Dutch `12,50;CODE` must not split on the comma. */
function guessDelimiter(text: string): string {
  const first = text.split('\n').find((l) => l.trim() !== '') ?? '';
  if (first.includes(';')) return ';';
  if (first.includes('\t')) return '\t';
  return ',';
}

/**
 * Voucher codes from a CSV: one code per line, or a header row with a `code` column (other columns
 * ignored). Comma, semicolon (Dutch Excel) or tab separated (one of them per file); a BOM is fine; cells are trimmed and
 * NFC-normalised, blank lines skipped, any line ending (CRLF, LF, CR, even mixed). Codes are compared exactly (case matters). A code repeated in
 * the file is an error on every later line. Pure: the database check comes after.
 */
export function parseVoucherCsv(text: string): ParsedVoucherCsv {
  const input = text.replace(/\r\n?/g, '\n');
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(input, { bom: true, info: true, relax_column_count: true, skip_empty_lines: false, delimiter: guessDelimiter(input) }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = Number((error as CsvError & { lines?: number }).lines) || 1;
    const reason = error.code === 'CSV_QUOTE_NOT_CLOSED' ? 'a quote (") is opened but never closed' : 'the CSV cannot be read here';
    return { codes: [], errors: [{ line, message: `Line ${line}: ${reason}.` }] };
  }

  const codes: ParsedVoucherCsv['codes'] = [];
  const errors: CsvLineError[] = [];
  const firstLine = new Map<string, number>();
  let codeColumn: number | null = null;
  let seenContent = false;
  let previousEnd = 0;

  for (const { record, info } of records) {
    // info.lines is where the record ends; a quoted line break makes it span several lines.
    const line = previousEnd + 1;
    previousEnd = info.lines;
    const cells = record.map((c) => c.normalize('NFC').trim());
    if (cells.every((c) => c === '')) continue;
    const fail = (message: string) => errors.push({ line, message: `Line ${line}: ${message}` });

    if (!seenContent) {
      seenContent = true;
      const header = cells.findIndex((c) => c.toLowerCase() === 'code');
      if (header >= 0) {
        codeColumn = header;
        continue;
      }
    }

    let code: string;
    if (codeColumn !== null) {
      code = cells[codeColumn] ?? '';
      if (!code) {
        fail('the code column is empty.');
        continue;
      }
    } else {
      const values = cells.filter((c) => c !== '');
      if (values.length > 1) {
        fail('more than one value. Use one code per line, or a header row with a "code" column.');
        continue;
      }
      code = values[0]!;
    }
    if (CONTROL.test(code)) {
      fail('a code cannot contain line breaks, tabs or other invisible characters.');
      continue;
    }
    if ([...code].length > MAX_CODE_CHARS) {
      fail(`a code has at most ${MAX_CODE_CHARS} characters.`);
      continue;
    }
    const earlier = firstLine.get(code);
    if (earlier !== undefined) {
      fail(`same code as line ${earlier}.`);
      continue;
    }
    firstLine.set(code, line);
    codes.push({ line, code });
  }
  return { codes, errors };
}
