/**
 * Ready surprises to print, planned through the API (auto-approved, address on file), and a way to
 * read a PDF's text back.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inflateSync } from 'node:zlib';
import type { Database } from '#db/client.ts';
import { addresses, customers } from '#db/schema/index.ts';
import type { PostageMethod } from '#api/client.ts';
import type { testApi } from '../../support/api.ts';
import { expectStatus } from '../../support/expect-http.ts';
import { fixtures } from '../surprises/fixtures.ts';

export type Headers = Record<string, string>;
export type Template = { id: string; name: string; cells: number };
export type PrintJob = {
	id: string;
	kind: string;
	template: string;
	startPosition: number;
	reprintOf: string | null;
	pages: number;
	surpriseCount: number;
	flags: { reference: string; kind: string; detail: string }[];
	campaign: { id: string } | null;
	createdBy: { id: string } | null;
	surprises?: { id: string; reference: string; status: string }[];
};

const hasPdftotext = (() => {
	try {
		execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
		return true;
	} catch {
		return false;
	}
})();

/**
 * The text of a PDF: pdftotext (poppler-utils) when installed; otherwise the raw bytes plus every
 * inflated stream, which is enough to prove a string is absent.
 */
export function pdfText(pdf: Uint8Array): string {
	if (hasPdftotext) {
		const dir = mkdtempSync(path.join(tmpdir(), 'hoppatee-pdf-'));
		try {
			const file = path.join(dir, 'in.pdf');
			writeFileSync(file, pdf);
			return execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}
	const raw = Buffer.from(pdf).toString('latin1');
	const parts = [raw];
	for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)endstream/g)) {
		try {
			parts.push(inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1'));
		} catch {
			/* not deflated */
		}
	}
	return parts.join('\n');
}

/** The QR codes on page 1 (pdftoppm at 300 dpi + zbarimg), or null when those tools are not installed. */
export function qrCodes(pdf: Uint8Array): string[] | null {
	const dir = mkdtempSync(path.join(tmpdir(), 'hoppatee-qr-'));
	try {
		const file = path.join(dir, 'in.pdf');
		writeFileSync(file, pdf);
		execFileSync(
			'pdftoppm',
			['-r', '300', '-png', '-f', '1', '-l', '1', file, path.join(dir, 'page')],
			{ stdio: 'ignore' }
		);
		const out = execFileSync(
			'zbarimg',
			['-q', '--raw', '-Sdisable', '-Sqrcode.enable', path.join(dir, 'page-1.png')],
			{ encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }
		);
		return out.split('\n').filter(Boolean);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
		throw error;
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

export function printFixtures(database: Database, t: ReturnType<typeof testApi>) {
	const f = fixtures(database);

	/** A customer with a full address under a name of our choosing (inserted as is, like a legacy row). */
	async function customerAt(name: string, address: Partial<typeof addresses.$inferInsert> = {}) {
		const [c] = await database.db
			.insert(customers)
			.values({ name, email: `${crypto.randomUUID().slice(0, 8)}@example.test` })
			.returning();
		const [a] = await database.db
			.insert(addresses)
			.values({
				customerId: c!.id,
				recipientName: name,
				street: 'Keizersgracht',
				houseNumber: '1',
				postcode: '1015 CJ',
				postcodeArea: '1015',
				city: 'Amsterdam',
				country: 'NL',
				...address
			})
			.returning();
		return { id: c!.id, name, addressId: a!.id };
	}

	/** A campaign with an item gift and `names.length` ready surprises (auto-approved, address on file). */
	async function readyCampaign(
		hub: { headers: Headers },
		names: string[],
		options: {
			internalNote?: string;
			postage?: PostageMethod;
			cardMessage?: (name: string) => string;
		} = {}
	) {
		const gift = await f.gift({ kind: 'item', unitCostCents: 500 });
		const campaign = await f.campaign({
			giftIds: [gift.id],
			autoApproveLimitCents: 10_000,
			budgetCents: 1_000_000
		});
		const surprises: { id: string; reference: string; status: string; customerName: string }[] = [];
		for (const name of names) {
			const customer = await customerAt(name);
			const s = await expectStatus<{ id: string; reference: string; status: string }>(
				await t.client.api.v1.surprises.$post(
					{
						json: {
							customerId: customer.id,
							campaignId: campaign.id,
							items: [{ giftId: gift.id }],
							cardMessage: options.cardMessage
								? options.cardMessage(name)
								: `Lieve ${name.split(' ')[0]}, fijne week!`,
							internalNote: options.internalNote ?? '',
							...(options.postage ? { postage: options.postage } : {})
						}
					},
					{ headers: hub.headers }
				),
				201
			);
			surprises.push({ ...s, customerName: name });
		}
		return { campaign, gift, surprises };
	}

	/** A surprise of the campaign still waiting for its address (not printable). */
	async function waitingSurprise(hub: { headers: Headers }, campaignId: string, giftId: string) {
		const customer = await f.customer();
		return expectStatus<{ id: string; reference: string; status: string }>(
			await t.client.api.v1.surprises.$post(
				{ json: { customerId: customer.id, campaignId, items: [{ giftId }], cardMessage: 'Hoi!' } },
				{ headers: hub.headers }
			),
			201
		);
	}

	async function templates(headers: Headers) {
		return expectStatus<{ labels: Template[]; cards: Template[] }>(
			await t.client.api.v1.print.templates.$get({}, { headers }),
			200
		);
	}

	async function status(id: string, headers: Headers) {
		return (
			await expectStatus<{ status: string }>(
				await t.client.api.v1.surprises[':id'].$get({ param: { id } }, { headers }),
				200
			)
		).status;
	}

	return { f, customerAt, readyCampaign, waitingSurprise, templates, status };
}
