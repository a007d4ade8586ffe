/**
 * Real SMTP for tests: a local smtp-server on 127.0.0.1 (random port) receives what the app sends
 * through nodemailer, and mailparser reads it back, as a mail client would.
 */
import { simpleParser, type ParsedMail } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Inbox {
	url: string;
	messages: ParsedMail[];
	/** What the server answers to DATA: accept, or fail with an SMTP reply code. */
	mode: 'accept' | 451 | 550;
	close(): Promise<void>;
}

export async function startSmtpServer(): Promise<Inbox> {
	const inbox = { messages: [] as ParsedMail[], mode: 'accept' as Inbox['mode'] };
	const server = new SMTPServer({
		authOptional: true,
		disabledCommands: ['STARTTLS', 'AUTH'],
		logger: false,
		onData(stream, _session, callback) {
			const chunks: Buffer[] = [];
			stream.on('data', (c: Buffer) => chunks.push(c));
			stream.on('end', () => {
				if (inbox.mode !== 'accept') {
					const error = Object.assign(
						new Error(inbox.mode === 451 ? 'Try again later' : 'Mailbox unavailable'),
						{ responseCode: inbox.mode }
					);
					return callback(error);
				}
				simpleParser(Buffer.concat(chunks)).then(
					(mail) => {
						inbox.messages.push(mail);
						callback();
					},
					(error: Error) => callback(error)
				);
			});
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.server.address() as AddressInfo;
	return Object.assign(inbox, {
		url: `smtp://127.0.0.1:${port}`,
		close: () => new Promise<void>((resolve) => server.close(() => resolve()))
	});
}
