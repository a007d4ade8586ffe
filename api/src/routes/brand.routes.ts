import { z } from '@hono/zod-openapi';
import { ADMINS } from '../domain/accounts/roles.ts';
import {
	brandTheme,
	getBrand,
	getBrandLogo,
	removeBrandLogo,
	setBrandLogo,
	updateBrand
} from '../domain/brand/brand.ts';
import { BrandInput, BrandLogoInput } from '../domain/brand/schemas.ts';
import { defineRoute } from '../http/access.ts';
import { NotFoundError } from '../domain/errors.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';

const ADMIN = { roles: ADMINS } as const;

const BrandSchema = z
	.object({
		configured: z.boolean(),
		name: z.string(),
		color: z.string(),
		senderName: z.string(),
		replyTo: z.string().nullable(),
		privacyUrl: z.string().nullable(),
		addressWhy: z.object({ nl: z.string(), en: z.string() }),
		showSentWith: z.boolean(),
		themeUrl: z.string(),
		logo: z
			.object({
				type: z.enum(['image/svg+xml', 'image/png']),
				url: z.string(),
				printable: z.boolean().openapi({
					description: 'The card renderer draws it (an SVG of absolute M L H V C Z paths)'
				})
			})
			.nullable(),
		updatedAt: z.string().nullable()
	})
	.openapi('Brand');

const get = defineRoute({
	method: 'get',
	path: '/',
	summary: 'The company customers see: name, colour, logo, privacy link, texts',
	description: 'Public: the claim page shows it before anyone logs in.',
	tags: ['brand'],
	access: { public: true },
	responses: { 200: json(BrandSchema) }
});

const put = defineRoute({
	method: 'put',
	path: '/',
	summary: 'Change the brand',
	tags: ['brand'],
	access: ADMIN,
	request: { body: { content: { 'application/json': { schema: BrandInput } }, required: true } },
	responses: { 200: json(BrandSchema), ...problemResponses }
});

const logo = defineRoute({
	method: 'get',
	path: '/logo',
	summary: 'The logo file (sanitised SVG or PNG)',
	tags: ['brand'],
	access: { public: true },
	responses: {
		200: {
			description: 'The logo',
			content: {
				'image/svg+xml': { schema: z.string() },
				'image/png': { schema: z.string().openapi({ format: 'binary' }) }
			}
		},
		404: problemResponses[404]
	}
});

const theme = defineRoute({
	method: 'get',
	path: '/theme.css',
	summary: 'The brand colour as CSS custom properties (--accent …) for customer pages',
	tags: ['brand'],
	access: { public: true },
	responses: {
		200: { description: 'A stylesheet', content: { 'text/css': { schema: z.string() } } }
	}
});

const putLogo = defineRoute({
	method: 'put',
	path: '/logo',
	summary: 'Upload the logo: SVG (at most 100 KB, sanitised) or PNG (at most 256 KB, 4096 px)',
	tags: ['brand'],
	access: ADMIN,
	request: {
		body: { content: { 'application/json': { schema: BrandLogoInput } }, required: true }
	},
	responses: { 200: json(BrandSchema), ...problemResponses }
});

const deleteLogo = defineRoute({
	method: 'delete',
	path: '/logo',
	summary: 'Remove the logo',
	tags: ['brand'],
	access: ADMIN,
	responses: {
		200: json(BrandSchema),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

export const brandRoutes = newRouter()
	.openapi(get, async (c) => c.json(await getBrand({ ctx: c.get('ctx') }), 200))
	.openapi(put, async (c) =>
		c.json(await updateBrand({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200)
	)
	.openapi(logo, async (c) => {
		const file = await getBrandLogo({ ctx: c.get('ctx') });
		if (!file) throw new NotFoundError('brand_logo');
		return c.body(new Uint8Array(file.bytes), 200, {
			'Content-Type': file.type,
			'Cache-Control': 'public, max-age=300',
			// Sanitised already; should anything slip through, opened alone it still runs nothing.
			'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox",
			'X-Content-Type-Options': 'nosniff',
			'Content-Disposition': 'inline'
		});
	})
	.openapi(theme, async (c) =>
		c.body(await brandTheme({ ctx: c.get('ctx') }), 200, {
			'Content-Type': 'text/css; charset=utf-8',
			'Cache-Control': 'public, max-age=300',
			'X-Content-Type-Options': 'nosniff'
		})
	)
	.openapi(putLogo, async (c) =>
		c.json(await setBrandLogo({ ctx: c.get('ctx'), input: c.req.valid('json') }), 200)
	)
	.openapi(deleteLogo, async (c) => c.json(await removeBrandLogo({ ctx: c.get('ctx') }), 200));
