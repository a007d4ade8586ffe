import { z } from '@hono/zod-openapi';
import { applyAddressRetention } from '../domain/privacy/apply-address-retention.ts';
import { eraseCustomer } from '../domain/privacy/erase-customer.ts';
import { exportCustomer } from '../domain/privacy/export-customer.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const ADMIN = { roles: ADMINS } as const;

const ExportSchema = z
	.object({
		format: z.string(),
		version: z.number().int(),
		exportedAt: z.string(),
		customer: z.record(z.string(), z.unknown()),
		handles: z.array(z.record(z.string(), z.unknown())),
		addresses: z.array(z.record(z.string(), z.unknown())),
		nominations: z.array(z.record(z.string(), z.unknown())),
		surprises: z.array(z.record(z.string(), z.unknown())),
		claimLinks: z.array(z.record(z.string(), z.unknown())),
		reactions: z.array(z.record(z.string(), z.unknown())),
		ambassadorScore: z.record(z.string(), z.unknown()).nullable(),
		scoreHistory: z.array(z.record(z.string(), z.unknown())),
		emails: z.array(z.record(z.string(), z.unknown())),
		auditLog: z.array(z.record(z.string(), z.unknown()))
	})
	.openapi('CustomerExport');

const EraseBody = z
	.object({ reason: z.string().max(500).optional() })
	.openapi('EraseCustomerRequest');
const EraseResult = z
	.object({
		id: z.string(),
		erasedAt: z.string(),
		alreadyErased: z.boolean(),
		counts: z
			.object({
				handlesDeleted: z.number().int(),
				addressesAnonymised: z.number().int(),
				nominationsCleared: z.number().int(),
				nominationsDeclined: z.number().int(),
				surprisesCleared: z.number().int(),
				reactionsCleared: z.number().int(),
				emailsBlanked: z.number().int()
			})
			.nullable()
	})
	.openapi('EraseCustomerResult');

const RetentionResult = z
	.object({
		retentionDays: z.number().int(),
		cutoff: z.string(),
		anonymised: z.number().int(),
		afterDelivery: z.number().int(),
		unused: z.number().int()
	})
	.openapi('AddressRetentionResult');

const exportRoute = defineRoute({
	method: 'get',
	path: '/customers/{id}/export',
	summary:
		'Everything held about a customer, as JSON (GDPR access); each full address read is audited',
	tags: ['privacy'],
	access: ADMIN,
	request: { params: IdParam },
	responses: { 200: json(ExportSchema), ...problemResponses }
});

const eraseRoute = defineRoute({
	method: 'post',
	path: '/customers/{id}/erase',
	summary: 'Erase a customer by anonymising: personal data goes, counts, costs and sentiment stay',
	tags: ['privacy'],
	access: ADMIN,
	request: {
		params: IdParam,
		body: { content: { 'application/json': { schema: EraseBody } }, required: false }
	},
	responses: { 200: json(EraseResult), ...problemResponses }
});

const retentionRoute = defineRoute({
	method: 'post',
	path: '/retention/run',
	summary: 'Anonymise addresses past the retention period now (the daily job does this too)',
	tags: ['privacy'],
	access: ADMIN,
	responses: { 200: json(RetentionResult), ...problemResponses }
});

export const privacyRoutes = newRouter()
	.openapi(exportRoute, async (c) => {
		const data = await exportCustomer({
			ctx: c.get('ctx'),
			input: { id: c.req.valid('param').id }
		});
		c.header(
			'Content-Disposition',
			`attachment; filename="hoppatee-export-${data.customer.id}.json"`
		);
		c.header('Cache-Control', 'no-store');
		return c.json(data, 200);
	})
	.openapi(eraseRoute, async (c) => {
		const body = c.req.header('content-type')?.includes('application/json')
			? c.req.valid('json')
			: {};
		return c.json(
			await eraseCustomer({
				ctx: c.get('ctx'),
				input: { id: c.req.valid('param').id, reason: body?.reason }
			}),
			200
		);
	})
	.openapi(retentionRoute, async (c) =>
		c.json(await applyAddressRetention({ ctx: c.get('ctx') }), 200)
	);
