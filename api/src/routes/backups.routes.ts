import { z } from '@hono/zod-openapi';
import { getBackupStatus } from '../domain/backups/nightly-backup.ts';
import { ADMINS } from '../domain/accounts/roles.ts';
import { defineRoute } from '../http/access.ts';
import { newRouter } from '../http/router.ts';
import { json, problemResponses } from '../http/schemas.ts';

const BackupStatusSchema = z
	.object({
		applies: z.boolean(),
		enabled: z.boolean(),
		keep: z.number().int(),
		folder: z.string(),
		kept: z.number().int(),
		last: z.object({ at: z.string(), bytes: z.number().int(), file: z.string() }).nullable(),
		failed: z.object({ at: z.string(), error: z.string() }).nullable()
	})
	.openapi('BackupStatus');

const status = defineRoute({
	method: 'get',
	path: '/',
	summary:
		'The nightly backup: on or off, its folder, the last backup’s time and size, a failure since then',
	tags: ['settings'],
	access: { roles: ADMINS },
	responses: {
		200: json(BackupStatusSchema),
		401: problemResponses[401],
		403: problemResponses[403]
	}
});

export const backupsRoutes = newRouter().openapi(status, async (c) => {
	const { database, env } = c.get('deps');
	return c.json(
		await getBackupStatus({ ctx: c.get('ctx'), database, input: { dir: env.BACKUP_DIR } }),
		200
	);
});
