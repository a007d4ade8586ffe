import { expect } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { Database } from '#db/client.ts';
import { auditLog } from '#db/schema/index.ts';

type Problem = {
	status: number;
	code?: string;
	detail: string;
	errors?: { field: string; message: string }[];
	[k: string]: unknown;
};

/** The response body, after checking the status (the body is printed when it is not the expected one). */
export async function expectStatus<T = Record<string, unknown>>(
	res: Response,
	status: number
): Promise<T> {
	const text = await res.text();
	if (res.status !== status) throw new Error(`expected ${status}, got ${res.status}: ${text}`);
	return (text ? JSON.parse(text) : undefined) as T;
}

/** A problem+json 4xx; returns it with the list of fields that failed. */
export async function expectProblem(
	res: Response,
	status: number
): Promise<Problem & { fields: string[] }> {
	expect(res.headers.get('content-type')).toContain('application/problem+json');
	const body = await expectStatus<Problem>(res, status);
	return { ...body, fields: (body.errors ?? []).map((e) => e.field) };
}

export async function auditRows(database: Database, action: string, entityId?: string) {
	return database.db
		.select()
		.from(auditLog)
		.where(
			and(eq(auditLog.action, action), entityId ? eq(auditLog.entityId, entityId) : sql`true`)
		);
}
