import { eq } from 'drizzle-orm';
import { brand } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { printEngine } from '../printing/engine.ts';
import { BrandInput, BrandLogoInput } from './schemas.ts';
import { checkLogo, type LogoType } from './logo.ts';

type Row = typeof brand.$inferSelect;

/** Before an admin sets the brand: no name, so customer pages show none rather than ours. */
const UNSET = {
	name: '',
	color: '#b3471d',
	senderName: '',
	replyTo: null,
	privacyUrl: null,
	addressWhy: { nl: '', en: '' },
	showSentWith: true,
	logoType: null,
	logoData: null,
	updatedAt: null
} as const;

/** Whether the card renderer can draw the logo as vectors (the SVG subset of templates/render/logo.ts). */
async function printableLogo(row: Pick<Row, 'logoType' | 'logoData'>) {
	if (row.logoType !== 'image/svg+xml' || !row.logoData) return null;
	try {
		const logo = (await printEngine()).parseLogo(
			Buffer.from(row.logoData, 'base64').toString('utf8'),
			'brand logo'
		);
		return logo.paths.length > 0 ? logo : null;
	} catch {
		return null;
	}
}

async function toView(row: Row | undefined) {
	const r = row ?? UNSET;
	const version = r.updatedAt ? r.updatedAt.getTime().toString(36) : '0';
	return {
		configured: Boolean(row),
		name: r.name,
		color: r.color,
		senderName: r.senderName,
		replyTo: r.replyTo,
		privacyUrl: r.privacyUrl,
		addressWhy: r.addressWhy,
		showSentWith: r.showSentWith,
		/** The colour as a stylesheet: pages allow no inline styles (CSP). */
		themeUrl: `/api/v1/brand/theme.css?v=${version}`,
		logo:
			r.logoType && r.logoData
				? {
						type: r.logoType as LogoType,
						url: `/api/v1/brand/logo?v=${version}`,
						printable: (await printableLogo(r)) !== null
					}
				: null,
		updatedAt: r.updatedAt?.toISOString() ?? null
	};
}
export type BrandView = Awaited<ReturnType<typeof toView>>;

async function readRow(ctx: Ctx): Promise<Row | undefined> {
	const [row] = await ctx.db.select().from(brand).where(eq(brand.id, true));
	return row;
}

/** The brand for the domain's own use (emails, cards) and for anyone: nothing in it is private. */
export async function getBrand({ ctx }: { ctx: Ctx }): Promise<BrandView> {
	return toView(await readRow(ctx));
}

/**
 * The page colours in the brand's colour, for customer pages. The colour is `#rrggbb` (BrandInput),
 * so nothing else can reach the stylesheet.
 */
export async function brandTheme({ ctx }: { ctx: Ctx }): Promise<string> {
	const { color } = (await readRow(ctx)) ?? UNSET;
	const hex = /^#[0-9a-f]{6}$/.test(color) ? color : UNSET.color;
	return `:root:root{--accent:${hex};--accent-hover:color-mix(in srgb,${hex} 80%,black);--accent-soft:color-mix(in srgb,${hex} 12%,white)}\n`;
}

/** The logo's bytes, or null. */
export async function getBrandLogo({
	ctx
}: {
	ctx: Ctx;
}): Promise<{ type: LogoType; bytes: Buffer } | null> {
	const row = await readRow(ctx);
	if (!row?.logoType || !row.logoData) return null;
	return { type: row.logoType as LogoType, bytes: Buffer.from(row.logoData, 'base64') };
}

/** The logo as the card renderer draws it, when it can. */
export async function printableBrandLogo(ctx: Ctx) {
	const row = await readRow(ctx);
	return row ? printableLogo(row) : null;
}

async function write(
	ctx: Ctx,
	values: Partial<Row>,
	action: string,
	data: Record<string, unknown>
) {
	return inTransaction(ctx, async (ctx) => {
		const before = await readRow(ctx);
		const at = ctx.now();
		const set = { ...values, updatedAt: at, updatedBy: userId(ctx.actor) };
		const [row] = before
			? await ctx.db.update(brand).set(set).where(eq(brand.id, true)).returning()
			: await ctx.db
					.insert(brand)
					.values({
						name: UNSET.name,
						color: UNSET.color,
						senderName: UNSET.senderName,
						addressWhy: UNSET.addressWhy,
						...set
					})
					.returning();
		await recordAudit(ctx, { action, entity: 'brand', entityId: 'brand', data });
		return toView(row);
	});
}

export async function updateBrand({ ctx, input }: { ctx: Ctx; input: unknown }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const data = BrandInput.parse(input);
	const before = await toView(await readRow(ctx));
	const { logo: _logo, configured: _c, updatedAt: _u, ...was } = before;
	return write(ctx, data, 'brand.update', { before: was, after: data });
}

export async function setBrandLogo({ ctx, input }: { ctx: Ctx; input: unknown }) {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'admin');
	const { type, data } = BrandLogoInput.parse(input);
	const bytes = checkLogo(type, data);
	return write(ctx, { logoType: type, logoData: bytes.toString('base64') }, 'brand.logo.set', {
		type,
		bytes: bytes.length
	});
}

export async function removeBrandLogo({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'admin');
	return write(ctx, { logoType: null, logoData: null }, 'brand.logo.remove', {});
}
