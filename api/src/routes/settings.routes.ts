import { z } from '@hono/zod-openapi';
import { getSetting, listSettings, putSetting } from '../domain/settings/settings.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';
import { zodText } from '../messages/zod.ts';
import { ADMINS } from '../domain/accounts/roles.ts';

const ADMIN = { roles: ADMINS } as const;
const KeyParam = z.object({
	key: z
		.string()
		.regex(/^[a-z][a-z0-9_]{0,63}$/, zodText('setting_key_snake_case'))
		.openapi({ param: { name: 'key', in: 'path' }, example: 'allow_sole_marketing_self_approval' })
});

const SettingSchema = z
	.object({
		key: z.string(),
		value: z.unknown(),
		default: z.unknown(),
		isDefault: z.boolean(),
		description: z.string(),
		updatedAt: z.string().nullable(),
		updatedBy: z.object({ id: z.string(), name: z.string() }).nullable()
	})
	.openapi('Setting');

const list = defineRoute({
	method: 'get',
	path: '/',
	summary: 'Every setting with its value and default',
	tags: ['settings'],
	access: ADMIN,
	responses: {
		200: json(z.object({ items: z.array(SettingSchema) })),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

const get = defineRoute({
	method: 'get',
	path: '/{key}',
	summary: 'One setting',
	tags: ['settings'],
	access: ADMIN,
	request: { params: KeyParam },
	responses: {
		200: json(SettingSchema),
		400: problemResponses[400],
		401: problemResponses[401],
		403: problemResponses[403],
		404: problemResponses[404]
	}
});

const put = defineRoute({
	method: 'put',
	path: '/{key}',
	summary: 'Change a setting (validated per key)',
	tags: ['settings'],
	access: ADMIN,
	request: {
		params: KeyParam,
		body: {
			content: { 'application/json': { schema: z.object({ value: z.unknown() }) } },
			required: true
		}
	},
	responses: { 200: json(SettingSchema), ...problemResponses }
});

export const settingsRoutes = newRouter()
	.openapi(list, async (c) => c.json({ items: await listSettings({ ctx: c.get('ctx') }) }, 200))
	.openapi(get, async (c) =>
		c.json(await getSetting({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	)
	.openapi(put, async (c) =>
		c.json(
			await putSetting({
				ctx: c.get('ctx'),
				input: { key: c.req.valid('param').key, value: c.req.valid('json').value }
			}),
			200
		)
	);
