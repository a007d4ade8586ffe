import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress, stampClientAddress } from '#api/http/client-address.ts';
import { CLIENT_IP_HEADER } from '#api/http/names.ts';

const direct = { TRUST_PROXY: false, XFF_DEPTH: 1 };
const oneProxy = { TRUST_PROXY: true, XFF_DEPTH: 1 };
const twoProxies = { TRUST_PROXY: true, XFF_DEPTH: 2 };

describe('the client address', () => {
	it('is the socket address unless proxies are trusted', () => {
		expect(clientAddress('203.0.113.7', '10.0.0.2', direct)).toBe('10.0.0.2');
		expect(clientAddress(undefined, undefined, direct)).toBe('unknown');
	});

	it('behind trusted proxies is the X-Forwarded-For entry XFF_DEPTH from the right', () => {
		// The client may send X-Forwarded-For itself: the proxies append, so only the right end counts.
		expect(clientAddress('198.51.100.9, 203.0.113.7', '10.0.0.2', oneProxy)).toBe('203.0.113.7');
		expect(clientAddress('198.51.100.9, 203.0.113.7, 10.0.0.1', '10.0.0.2', twoProxies)).toBe(
			'203.0.113.7'
		);
		expect(clientAddress('203.0.113.7,10.0.0.1', '10.0.0.2', twoProxies)).toBe('203.0.113.7');
	});

	it('is the socket address when the request did not pass every proxy', () => {
		expect(clientAddress(undefined, '10.0.0.2', oneProxy)).toBe('10.0.0.2');
		expect(clientAddress('10.0.0.1', '10.0.0.2', twoProxies)).toBe('10.0.0.2');
		expect(clientAddress(' , ', '10.0.0.2', oneProxy)).toBe('10.0.0.2');
	});

	it('is stamped on the request in place of a header of that name from the network', () => {
		const incoming = {
			headers: { 'x-forwarded-for': '198.51.100.9, 203.0.113.7', [CLIENT_IP_HEADER]: '1.2.3.4' },
			rawHeaders: [
				'X-Forwarded-For',
				'198.51.100.9, 203.0.113.7',
				'X-Hoppatee-Client-Ip',
				'1.2.3.4'
			],
			socket: { remoteAddress: '10.0.0.2' }
		} as unknown as IncomingMessage;
		stampClientAddress(incoming, oneProxy);
		expect(incoming.headers[CLIENT_IP_HEADER]).toBe('203.0.113.7');
		expect(incoming.rawHeaders).toEqual([
			'X-Forwarded-For',
			'198.51.100.9, 203.0.113.7',
			CLIENT_IP_HEADER,
			'203.0.113.7'
		]);
	});
});
