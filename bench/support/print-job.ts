/**
 * One measured print job, run in its own process by bench/labels.ts so its peak RSS is its own:
 *   node bench/support/print-job.ts labels <rows.csv> <out.pdf>
 *   node bench/support/print-job.ts cards <cards.csv> <out.pdf>
 * Reads the CSV, goes through the app's own functions (formatAddress + renderLabels, renderCards),
 * writes the PDF and prints one JSON line: { renderMs, pages, bytes, maxRssMb, flags }.
 */
import module from 'node:module';
// Node's on-disk compile cache (bytecode + stripped TypeScript): halves process start for a CLI run.
module.enableCompileCache();
const { readFileSync, writeFileSync } = await import('node:fs');
const { parse } = await import('csv-parse/sync');
const { formatAddress, renderCards, renderLabels } = await import('../../templates/render/index.ts');
type LabelData = import('../../templates/render/index.ts').LabelData;

const [kind, csvPath, outPath] = process.argv.slice(2);
if (!kind || !csvPath || !outPath) throw new Error('usage: print-job.ts labels|cards <csv> <out.pdf>');

const started = performance.now();
// Records as arrays (csv-parse's fastest mode), fields looked up by header position.
const [header, ...records] = parse(readFileSync(csvPath), { skip_empty_lines: true }) as string[][];
const at = Object.fromEntries(header!.map((name, i) => [name, i]));
const col = (name: string) => {
  const i = at[name];
  if (i === undefined) throw new Error(`${csvPath}: no column "${name}"`);
  return i;
};
let result;
if (kind === 'labels') {
  const [reference, name, street, houseNumber, addition, postcode, city, country] = ['reference', 'name', 'street', 'house_number', 'addition', 'postcode', 'city', 'country'].map(col) as number[];
  const labels: LabelData[] = records.map((r) => ({
    reference: r[reference!]!,
    lines: formatAddress({ recipientName: r[name!]!, street: r[street!]!, houseNumber: r[houseNumber!]!, addition: r[addition!], postcode: r[postcode!]!, city: r[city!]!, country: r[country!]! }),
  }));
  result = await renderLabels({ templateId: 'a4-3x8-70x37', labels });
} else {
  const [reference, recipient, message, signature] = ['reference', 'recipient', 'message', 'signature'].map(col) as number[];
  const cards = records.map((r) => ({ reference: r[reference!]!, recipientName: r[recipient!], message: r[message!]!, signature: r[signature!]! }));
  result = await renderCards({ templateId: 'a6-postcard', cards, logo: true });
}
writeFileSync(outPath, result.pdf);
const renderMs = performance.now() - started;
console.log(JSON.stringify({ renderMs, pages: result.pages, bytes: result.pdf.length, flags: result.flags.length, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
