import { sql } from 'drizzle-orm';
import { text, timestamp, uuid } from 'drizzle-orm/pg-core';

/** Shared column builders: every table uses the same id and timestamp types. */
export const id = () => uuid('id').primaryKey().defaultRandom();
export const createdAt = () =>
	timestamp('created_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const updatedAt = () =>
	timestamp('updated_at', { withTimezone: true, mode: 'date' }).notNull().defaultNow();
export const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

/**
 * The accent- and case-folded search key of a text column, as a stored generated column: lower
 * case, canonical decomposition, combining marks dropped, the Latin letters that do not decompose
 * (ł ø đ ħ ı ŧ) mapped to their base letter and ĳ spelled ij. Built-ins only, all immutable, so
 * PGlite and PostgreSQL compute it alike; `foldForSearch` (api/src/domain/customers/search-fold.ts)
 * folds a search the same way, and a test holds the two together.
 */
export const searchKey = (name: string, source: string) =>
	text(name)
		.notNull()
		.generatedAlwaysAs(
			sql.raw(
				`replace(translate(regexp_replace(normalize(lower(${source}), NFD), '[\\u0300-\\u036f]', '', 'g'), 'łøđħıŧ', 'lodhit'), 'ĳ', 'ij')`
			)
		);
