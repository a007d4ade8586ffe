/**
 * The peer: Debian's glabels-3-batch on the same rows. Its best configuration (measured here): 1,000-row
 * chunks (one run on 10,000 rows is superlinear: minutes and GBs) joined with pdfunite, one chunk
 * after another: one core, as our print command uses. The chunks side by side on all cores are
 * measured too and reported beside it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';

const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

/** glabels-3-batch present, or installed with apt-get (as root); a reason when it cannot be had. */
export function ensureGlabels(): { ok: true } | { ok: false; reason: string } {
	if (has('glabels-3-batch')) return { ok: true };
	if (process.getuid?.() !== 0)
		return {
			ok: false,
			reason: 'glabels-3-batch missing and not root: run apt-get install -y glabels'
		};
	console.log('glabels: installing Debian glabels (apt-get install -y glabels) …');
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	let r = spawnSync('apt-get', ['install', '-y', '-qq', 'glabels'], { env, encoding: 'utf8' });
	if (r.status !== 0) {
		spawnSync('apt-get', ['update', '-qq'], { env });
		r = spawnSync('apt-get', ['install', '-y', '-qq', 'glabels'], { env, encoding: 'utf8' });
	}
	if (r.status !== 0 || !has('glabels-3-batch'))
		return {
			ok: false,
			reason: `apt-get install -y glabels failed: ${(r.stderr || r.error?.message || '').trim().split('\n').pop()}`
		};
	return { ok: true };
}

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');

/**
 * The same sheet as templates/labels/a4-3x8-70x37.json: name + 3 address lines + Code128 of the
 * reference. Every object carries the affine a0="1" a3="1" — without it gLabels prints blank pages.
 */
export function glabelsDocument(csvPath: string): string {
	const affine = 'a0="1" a1="0" a2="0" a3="1" a4="0" a5="0"';
	return `<?xml version="1.0"?>
<Glabels-document xmlns="http://glabels.org/xmlns/3.0/">
  <Template brand="Hoppatee" part="3x8-70x37" size="A4" description="A4 3 x 8, 70 x 37 mm">
    <Meta category="label"/>
    <Label-rectangle id="0" width="70mm" height="37mm" round="0mm" x_waste="0mm" y_waste="0mm">
      <Markup-margin size="2mm"/>
      <Layout nx="3" ny="8" x0="0mm" y0="0.5mm" dx="70mm" dy="37mm"/>
    </Label-rectangle>
  </Template>
  <Objects id="0" rotate="False">
    <Object-text x="3.5mm" y="8.6mm" w="63mm" h="16.4mm" justify="Left" valign="Top" auto_shrink="True" ${affine}>
      <Span font_family="DejaVu Sans" font_size="9" font_weight="Regular" font_italic="False" color="0x000000ff" line_spacing="1"><Field name="name"/><NL/><Field name="line1"/><NL/><Field name="line2"/><NL/><Field name="line3"/></Span>
    </Object-text>
    <Object-barcode x="3.5mm" y="25.5mm" w="55mm" h="7.2mm" backend="gnu-barcode" style="Code128" text="False" checksum="True" color="0x000000ff" field="reference" ${affine}/>
    <Object-text x="3.5mm" y="33.2mm" w="45mm" h="2.7mm" justify="Left" valign="Top" auto_shrink="False" ${affine}>
      <Span font_family="DejaVu Sans" font_size="6.5" font_weight="Regular" font_italic="False" color="0x000000ff" line_spacing="1"><Field name="reference"/></Span>
    </Object-text>
  </Objects>
  <Merge type="Text/Comma/Line1Keys" src="${xml(csvPath)}"/>
</Glabels-document>
`;
}

function run(cmd: string, args: string[]): Promise<void> {
	return new Promise((resolve, reject) => {
		const child = spawn(cmd, args, { stdio: ['ignore', 'ignore', 'pipe'] });
		let err = '';
		child.stderr.on('data', (d) => (err += d));
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0 ? resolve() : reject(new Error(`${cmd} exited ${code}: ${err.trim().slice(-300)}`))
		);
	});
}

/** Runs every chunk (at most `parallel` at a time), then pdfunite; returns wall seconds. */
export async function glabelsChunks(
	dir: string,
	chunkCsvs: string[],
	parallel: number,
	out: string
): Promise<number> {
	const docs = chunkCsvs.map((csv, i) => {
		const doc = path.join(dir, `chunk-${i}.glabels`);
		writeFileSync(doc, glabelsDocument(csv));
		return doc;
	});
	const pdfs = docs.map((d) => d.replace(/\.glabels$/, `-${parallel}.pdf`));
	const started = performance.now();
	let next = 0;
	const worker = async () => {
		while (next < docs.length) {
			const i = next++;
			await run('glabels-3-batch', ['-o', pdfs[i]!, docs[i]!]);
		}
	};
	await Promise.all(Array.from({ length: Math.min(parallel, docs.length) }, worker));
	await run('pdfunite', [...pdfs, out]);
	return (performance.now() - started) / 1000;
}

export const cores = () => availableParallelism();
