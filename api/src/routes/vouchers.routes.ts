import { z } from '@hono/zod-openapi';
import { codeChannels } from '../../../db/schema/enums.ts';
import { CODE_READERS } from '../domain/vouchers/access.ts';
import { revealSurpriseCodes } from '../domain/vouchers/reveal-codes.ts';
import { sendGiftEmail } from '../domain/vouchers/send-gift-email.ts';
import { defineRoute } from '../http/access.ts';
import { historyIn } from '../http/localize.ts';
import { requestLocale } from '../http/problem.ts';
import { newRouter } from '../http/router.ts';
import { IdParam, json, problemResponses } from '../http/schemas.ts';
import { SurpriseSchema } from './surprises.routes.ts';

const codes = defineRoute({
	method: 'get',
	path: '/{id}/voucher-codes',
	summary: 'The surprise’s voucher codes and PINs in full (marketing; every read is audited)',
	tags: ['surprises'],
	access: { roles: CODE_READERS },
	request: { params: IdParam },
	responses: {
		200: json(
			z
				.object({
					surpriseId: z.string(),
					codes: z.array(
						z.object({
							giftName: z.string(),
							channel: z.enum(codeChannels),
							code: z.string(),
							pin: z.string().nullable()
						})
					)
				})
				.openapi('SurpriseVoucherCodes')
		),
		...problemResponses
	}
});

const giftEmail = defineRoute({
	method: 'post',
	path: '/{id}/gift-email',
	summary: 'Send a digital surprise’s email, or send it again with the same codes (audited)',
	description:
		'An approved surprise moves to `sent` once its first email is out (SMTP accepted it, or the outbox filed it).',
	tags: ['surprises'],
	access: { roles: ['hub'] },
	request: { params: IdParam },
	responses: { 200: json(SurpriseSchema), ...problemResponses }
});

export const voucherRoutes = newRouter()
	.openapi(codes, async (c) =>
		c.json(await revealSurpriseCodes({ ctx: c.get('ctx'), input: c.req.valid('param') }), 200)
	)
	.openapi(giftEmail, async (c) =>
		c.json(
			historyIn(
				await sendGiftEmail({ ctx: c.get('ctx'), input: c.req.valid('param') }),
				requestLocale(c)
			),
			200
		)
	);
