/**
 * The mailer: nodemailer over SMTP from `SMTP_URL`. Without it there is no transport, and the
 * delivery run files due messages in the local outbox (status `outbox`) for the Outbox page.
 */
import nodemailer from 'nodemailer';
import type { Recipient } from './recipient.ts';

export interface OutgoingMessage {
	to: Recipient;
	subject: string;
	html: string;
	text: string;
	messageId: string;
	/** The display name in From (the brand's sender name); null: MAIL_FROM as it is. */
	fromName?: string | null;
	replyTo?: string | null;
}

export interface MailTransport {
	send(message: OutgoingMessage): Promise<void>;
	close(): void;
}

/** An SMTP error nodemailer reports with a reply code; 5xx is permanent (retrying cannot help). */
export function isPermanentFailure(error: unknown): boolean {
	const code = (error as { responseCode?: number }).responseCode;
	return typeof code === 'number' && code >= 500 && code < 600;
}

/** The bare address of `Name <address>` or `address`. */
function addressOf(from: string): string {
	return /<([^>]+)>\s*$/.exec(from)?.[1] ?? from.trim();
}

export function createMailTransport(config: {
	SMTP_URL?: string;
	MAIL_FROM: string;
}): MailTransport | null {
	if (!config.SMTP_URL) return null;
	// Short timeouts: a delivery run holds its messages for a lease of minutes, not nodemailer's 10-minute default.
	const transporter = nodemailer.createTransport({
		url: config.SMTP_URL,
		connectionTimeout: 15_000,
		greetingTimeout: 15_000,
		socketTimeout: 60_000
	} as never);
	const fromAddress = addressOf(config.MAIL_FROM);
	return {
		async send(message) {
			await transporter.sendMail({
				// The company's name on MAIL_FROM's address: the domain the mail is authorised for stays.
				from: message.fromName
					? { name: message.fromName, address: fromAddress }
					: config.MAIL_FROM,
				...(message.replyTo ? { replyTo: message.replyTo } : {}),
				to: message.to.name
					? { name: message.to.name, address: message.to.address }
					: message.to.address,
				subject: message.subject,
				html: message.html,
				text: message.text,
				messageId: message.messageId,
				headers: { 'Auto-Submitted': 'auto-generated' }
			});
		},
		close() {
			transporter.close();
		}
	};
}
