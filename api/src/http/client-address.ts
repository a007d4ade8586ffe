import type { IncomingMessage } from 'node:http';
import { CLIENT_IP_HEADER } from './names.ts';

/** How far the network's word on the client address is taken (env TRUST_PROXY, XFF_DEPTH). */
export interface ProxyTrust {
	TRUST_PROXY: boolean;
	XFF_DEPTH: number;
}

/**
 * The client address rate limits and the audit see: the socket's; behind trusted proxies the
 * X-Forwarded-For entry XFF_DEPTH from the right (the one the outermost proxy appended; the pages
 * read it the same way through adapter-node). Entries left of it are the client's own say. A request
 * with fewer entries did not pass every proxy, so nothing in it is trusted: the socket's address.
 */
export function clientAddress(
	forwardedFor: string | undefined,
	socketAddress: string | undefined,
	trust: ProxyTrust
): string {
	if (trust.TRUST_PROXY && forwardedFor) {
		const entries = forwardedFor.split(',');
		const entry = entries[entries.length - trust.XFF_DEPTH]?.trim();
		if (entry) return entry;
	}
	return socketAddress || 'unknown';
}

/**
 * Puts the client address on the incoming request as CLIENT_IP_HEADER, in place of anything the
 * network sent under that name, before the API reads a header: the request is not copied.
 */
export function stampClientAddress(incoming: IncomingMessage, trust: ProxyTrust): void {
	const forwarded = incoming.headers['x-forwarded-for'];
	const address = clientAddress(
		Array.isArray(forwarded) ? forwarded.join(',') : forwarded,
		incoming.socket.remoteAddress,
		trust
	);
	const raw = incoming.rawHeaders;
	for (let i = raw.length - 2; i >= 0; i -= 2)
		if (raw[i]!.toLowerCase() === CLIENT_IP_HEADER) raw.splice(i, 2);
	raw.push(CLIENT_IP_HEADER, address);
	incoming.headers[CLIENT_IP_HEADER] = address;
}
