import { timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders: every table uses the same id and timestamp types. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () =>
	timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
	timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
