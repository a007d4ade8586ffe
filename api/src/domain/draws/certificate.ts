import { eq } from 'drizzle-orm';
import { campaigns } from '../../../../db/schema/index.ts';
import { renderCertificate } from '../../../../templates/render/index.ts';
import { msg, render, type Locale, type MessageKey } from '../../messages/index.ts';
import { HUB_TIME_ZONE } from '../calendar/today.ts';
import type { Ctx } from '../context.ts';
import { ConflictError } from '../errors.ts';
import { hitRateLimit } from '../rate-limit.ts';
import { loadDrawRow, promotionsOf } from './draw-view.ts';
import type { Eligibility } from './pool.ts';
import { DrawRecordSchema } from './record.ts';

/** Certificates per client IP per minute: public like the verification, but a PDF costs more. */
const CERTIFICATE_LIMIT_PER_MINUTE = 20;

/** An instant to the second in the hub's time zone, so the certificate states it unambiguously. */
function amsterdamTime(iso: string, locale: Locale): string {
	return new Intl.DateTimeFormat(locale === 'nl' ? 'nl-NL' : 'en-GB', {
		timeZone: HUB_TIME_ZONE,
		dateStyle: 'long',
		timeStyle: 'medium'
	}).format(new Date(iso));
}

/**
 * The printable certificate of a drawn draw (A4 PDF, public like the verify page): the numbers,
 * the commitment time, the hashes and the seed, the winners and reserves by public handle, and the
 * promotions since. Never a name or an address.
 */
export async function drawCertificate({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { id: string; locale: Locale; verifyUrl: string };
}): Promise<{ pdf: Uint8Array; filename: string }> {
	await hitRateLimit(ctx.db, {
		key: `draw-certificate:${ctx.ip ?? 'unknown'}`,
		limit: CERTIFICATE_LIMIT_PER_MINUTE,
		windowSeconds: 60,
		now: ctx.now()
	});
	const row = await loadDrawRow(ctx, input.id);
	if (row.status !== 'drawn' || !row.campaignId)
		throw new ConflictError(msg('draw_not_drawn', { status: row.status }), [], {
			status: row.status
		});
	const [campaign] = await ctx.db
		.select({ name: campaigns.name })
		.from(campaigns)
		.where(eq(campaigns.id, row.campaignId));
	const record = DrawRecordSchema.parse(row.record);
	const eligibility = row.eligibility as Eligibility;
	const t = (key: MessageKey, params?: Record<string, string | number>) =>
		render(msg(key, params), input.locale);
	const handle = (id: string) => record.pool.find((c) => c.id === id)?.handle || id;
	const numbered = (ids: string[]) => ids.map((id, i) => `${i + 1}. ${handle(id)}`);
	const result = record.result!;
	const pdf = await renderCertificate({
		title: t('draw_certificate_title'),
		subtitle: t('draw_certificate_subtitle', { campaign: campaign?.name ?? '', id: row.id }),
		facts: [
			{
				label: t('draw_certificate_pool'),
				value: t('draw_certificate_pool_value', {
					eligible: record.pool.length,
					size: eligibility.poolSize
				})
			},
			{
				label: t('draw_certificate_numbers'),
				value: t('draw_certificate_numbers_value', {
					winners: record.params.winners,
					reserves: record.params.reserves
				})
			},
			{
				label: t('draw_certificate_method'),
				value: t('draw_certificate_method_value', {
					algorithm: record.params.algorithm,
					generator: record.params.generator,
					cap: record.params.weightCap
				})
			},
			{
				label: t('draw_certificate_committed_at'),
				value: amsterdamTime(record.commitment.committedAt, input.locale)
			},
			{
				label: t('draw_certificate_drawn_at'),
				value: amsterdamTime(result.drawnAt, input.locale)
			},
			{
				label: t('draw_certificate_params_hash'),
				value: record.commitment.paramsHash,
				small: true
			},
			{ label: t('draw_certificate_pool_hash'), value: record.commitment.poolHash, small: true },
			{ label: t('draw_certificate_seed_hash'), value: record.commitment.seedHash, small: true },
			{ label: t('draw_certificate_seed'), value: record.seed ?? '', small: true }
		],
		lists: [
			{ title: t('draw_certificate_winners'), items: numbered(result.winners) },
			{ title: t('draw_certificate_reserves'), items: numbered(result.reserves) },
			{
				title: t('draw_certificate_promotions'),
				items: promotionsOf(row).map((p) =>
					t('draw_certificate_promotion', {
						position: p.position,
						reserve: handle(p.reserve),
						replaced: handle(p.replaced)
					})
				)
			}
		],
		footer: t('draw_certificate_footer', { url: input.verifyUrl })
	});
	return { pdf, filename: `draw-${row.id.slice(0, 8)}-${input.locale}.pdf` };
}
