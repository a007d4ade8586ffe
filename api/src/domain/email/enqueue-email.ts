import { z } from 'zod';
import { emailOutbox } from '../../../../db/schema/index.ts';
import { sha256 } from '../accounts/secrets.ts';
import type { Ctx } from '../context.ts';
import type { TemplateData } from './renderer.ts';
import { formatRecipient, toRecipient } from './recipient.ts';
import { getBrand } from '../brand/brand.ts';
import { emailLocales, emailTemplateNames, emailTemplates, renderEmail } from './templates.ts';

export const EnqueueEmailInput = z.object({
	/** What happened, once: `claim-link:<link id>`, `daily-digest:<user id>:<date>` … A second enqueue with the same key is a no-op. */
	eventKey: z.string().min(1).max(300),
	to: z.union([z.string(), z.object({ name: z.string().nullish(), address: z.string() })]),
	template: z.enum(emailTemplateNames),
	locale: z.enum(emailLocales),
	data: z.record(z.string(), z.unknown())
});
export type EnqueueEmailInput = z.input<typeof EnqueueEmailInput>;

/** Deterministic, so a message re-sent after a crash carries the same Message-ID and receivers drop the copy. */
export function messageIdFor(eventKey: string): string {
	return `<${sha256(eventKey)}@hoppatee>`;
}

/**
 * Renders a template and puts the message in the outbox, in the caller's transaction: the message
 * exists exactly when the event that caused it commits. One message per event key, even on retries
 * (`ON CONFLICT (event_key) DO NOTHING`). No role check: other verbs call this after their own.
 */
export async function enqueueEmail({
	ctx,
	input
}: {
	ctx: Ctx;
	input: EnqueueEmailInput;
}): Promise<{ id: string | null; created: boolean; messageId: string }> {
	const data = EnqueueEmailInput.parse(input);
	const recipient = toRecipient(data.to);
	// The company's name and privacy link frame every message; customers get its sender name and reply-to.
	const brand = await getBrand({ ctx });
	const forCustomer = emailTemplates().meta(data.template).audience === 'customer';
	const rendered = renderEmail(data.template, data.locale, data.data as TemplateData, {
		name: brand.name,
		privacyUrl: brand.privacyUrl,
		showSentWith: brand.showSentWith
	});
	const messageId = messageIdFor(data.eventKey);
	const rows = await ctx.db
		.insert(emailOutbox)
		.values({
			eventKey: data.eventKey,
			toAddress: formatRecipient(recipient),
			fromName: forCustomer ? brand.senderName || brand.name || null : null,
			replyTo: forCustomer ? brand.replyTo : null,
			subject: rendered.subject,
			html: rendered.html,
			text: rendered.text,
			status: 'queued',
			nextAttemptAt: ctx.now(),
			messageId,
			createdAt: ctx.now()
		})
		.onConflictDoNothing({ target: emailOutbox.eventKey })
		.returning({ id: emailOutbox.id });
	return { id: rows[0]?.id ?? null, created: rows.length === 1, messageId };
}
