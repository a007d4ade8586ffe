/**
 * Page 1 of a PDF as a PNG data URL, drawn in the browser by pdf.js (loaded only when a preview is
 * shown). The preview is a real picture of the PDF that will print: the same fonts, the same
 * shrinking and cutting of text, the same barcodes.
 */
type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | undefined;

function pdfjs(): Promise<PdfJs> {
	loading ??= Promise.all([
		import('pdfjs-dist'),
		import('pdfjs-dist/build/pdf.worker.min.mjs?url')
	]).then(([lib, worker]) => {
		lib.GlobalWorkerOptions.workerSrc = worker.default;
		return lib;
	});
	return loading;
}

export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
	const binary = atob(base64);
	const bytes = new Uint8Array(binary.length);
	for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
	return bytes;
}

/** Renders page 1 `width` CSS pixels wide (sharp on high-density screens). */
export async function renderFirstPage(
	pdf: Uint8Array<ArrayBuffer>,
	width: number
): Promise<{ url: string; width: number; height: number }> {
	const lib = await pdfjs();
	// No WebAssembly: the site's Content-Security-Policy does not allow it (and our PDFs need none).
	const task = lib.getDocument({ data: pdf, useWasm: false });
	const doc = await task.promise;
	try {
		const page = await doc.getPage(1);
		const base = page.getViewport({ scale: 1 });
		const ratio = Math.min(3, Math.max(1, globalThis.devicePixelRatio || 1));
		const viewport = page.getViewport({ scale: (width / base.width) * ratio });
		const canvas = document.createElement('canvas');
		canvas.width = Math.ceil(viewport.width);
		canvas.height = Math.ceil(viewport.height);
		await page.render({ canvas, viewport, background: '#ffffff' }).promise;
		return {
			url: canvas.toDataURL('image/png'),
			width: Math.round(viewport.width / ratio),
			height: Math.round(viewport.height / ratio)
		};
	} finally {
		await task.destroy();
	}
}
