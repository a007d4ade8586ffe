import { inArray, or, type SQL } from 'drizzle-orm';
import { reactions, surprises } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { signalWall } from '../wall/display-links.ts';
import { inTransaction, userId, type Ctx } from '../context.ts';
import {
	DomainError,
	ValidationError,
	type MessageText,
	type FieldText,
	rowError
} from '../errors.ts';
import { readScoreSettingsForWrite, recomputeCustomerScores } from '../scores/recompute-scores.ts';
import { scoreMassOf } from '../scores/score-mass.ts';
import { requireReactionWrite } from './access.ts';
import { canonicalPostUrl, type PostUrl } from './post-url.ts';
import { columnOfField, parseReactionCsv, type ParsedReactionRow } from './reaction-csv.ts';
import { followersOn, resolveAuthor, type Author } from './resolve-author.ts';
import { FUTURE_SLACK_MS, ImportReactionsInput } from './schemas.ts';
import { suggestSentiment, type SentimentSuggestion } from './sentiment.ts';
import { msg } from '../../messages/index.ts';

const MAX_REPORTED_ERRORS = 1000;
const INSERT_CHUNK = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface CheckedRow extends ParsedReactionRow {
	url: string | null;
	post: PostUrl | null;
	/** A reaction with this link exists already: skipped on import, not an error. */
	existingReactionId: string | null;
	author: Author | null;
	surpriseId: string | null;
	suggestion: SentimentSuggestion | null;
}

/**
 * Every row against the database, in the caller's transaction: link spelling and duplicates in the
 * file, who posted (created only when `create`), the surprise (reference or id, this customer's),
 * posted-at not in the future. Adds errors to the rows.
 */
async function checkRows(
	ctx: Ctx,
	parsed: ParsedReactionRow[],
	create: boolean
): Promise<CheckedRow[]> {
	const rows: CheckedRow[] = parsed.map((r) => ({
		...r,
		url: null,
		post: null,
		existingReactionId: null,
		author: null,
		surpriseId: null,
		suggestion: null
	}));
	const addError = (row: CheckedRow, field: string, message: MessageText) => {
		if (!row.errors.some((e) => e.field === field))
			row.errors.push(rowError(row.line, field, message));
	};
	const firstLineOfUrl = new Map<string, number>();
	for (const row of rows) {
		if (!row.input?.url) continue;
		try {
			row.post = canonicalPostUrl(row.input.url);
			row.url = row.post.url;
		} catch (error) {
			if (error instanceof DomainError) addError(row, 'url', error.text);
			else throw error;
			continue;
		}
		const seen = firstLineOfUrl.get(row.url);
		if (seen !== undefined) addError(row, 'url', msg('reaction_csv_same_post', { line: seen }));
		else firstLineOfUrl.set(row.url, row.line);
	}
	const urls = [...firstLineOfUrl.keys()];
	const existing = new Map<string, string>();
	for (let i = 0; i < urls.length; i += 1000) {
		for (const r of await ctx.db
			.select({ id: reactions.id, url: reactions.url })
			.from(reactions)
			.where(inArray(reactions.url, urls.slice(i, i + 1000))))
			existing.set(r.url!, r.id);
	}
	const refs = [...new Set(rows.map((r) => r.surprise).filter((s): s is string => !!s))];
	const surpriseByKey = new Map<string, { id: string; customerId: string }>();
	for (let i = 0; i < refs.length; i += 1000) {
		const part = refs.slice(i, i + 1000);
		const ids = part.filter((p) => UUID.test(p));
		const found = await ctx.db
			.select({
				id: surprises.id,
				reference: surprises.reference,
				customerId: surprises.customerId
			})
			.from(surprises)
			.where(
				or(
					inArray(
						surprises.reference,
						part.map((p) => p.toUpperCase())
					),
					ids.length ? inArray(surprises.id, ids) : undefined
				)
			);
		for (const s of found) {
			surpriseByKey.set(s.reference.toUpperCase(), s);
			surpriseByKey.set(s.id.toLowerCase(), s);
		}
	}

	const now = ctx.now().getTime();
	for (const row of rows) {
		if (!row.input || row.errors.length) continue;
		if (row.url && existing.has(row.url)) {
			row.existingReactionId = existing.get(row.url)!;
			continue;
		}
		if (new Date(row.input.postedAt).getTime() > now + FUTURE_SLACK_MS)
			addError(row, 'posted_at', 'this_time_is_in_future');
		try {
			row.author = await resolveAuthor(ctx, row.input, row.post, { create });
		} catch (error) {
			if (!(error instanceof DomainError)) throw error;
			addError(row, columnOfField(error.fields[0]?.field ?? 'row'), error.text);
			continue;
		}
		if (row.surprise) {
			const surprise =
				surpriseByKey.get(row.surprise.toUpperCase()) ??
				surpriseByKey.get(row.surprise.toLowerCase());
			if (!surprise)
				addError(row, 'surprise', msg('reaction_csv_no_surprise', { surprise: row.surprise }));
			else if (surprise.customerId !== row.author.customer?.id)
				addError(
					row,
					'surprise',
					msg('reaction_csv_surprise_other_customer', { surprise: row.surprise })
				);
			else row.surpriseId = surprise.id;
		}
		row.suggestion = suggestSentiment(row.input.text, row.author.customer?.locale);
	}
	return rows;
}

const summary = (rows: CheckedRow[]) => {
	const invalid = rows.filter((r) => r.errors.length > 0).length;
	const existing = rows.filter((r) => !r.errors.length && r.existingReactionId).length;
	return { valid: rows.length - invalid - existing, existing, invalid };
};

/** Reads the CSV and reports, per row, what would happen and what is wrong, without writing anything. */
export async function previewReactionImport({ ctx, input }: { ctx: Ctx; input: unknown }) {
	requireReactionWrite(ctx);
	const { csv } = ImportReactionsInput.parse(input);
	const rows = await checkRows(ctx, parseReactionCsv(csv), false);
	return {
		rows: rows.map((r) => ({
			line: r.line,
			values: r.values as Record<string, string>,
			errors: r.errors,
			status: r.errors.length
				? ('invalid' as const)
				: r.existingReactionId
					? ('exists' as const)
					: ('new' as const),
			existingReactionId: r.existingReactionId,
			customer: r.author?.customer
				? { id: r.author.customer.id, name: r.author.customer.name }
				: null,
			/** No customer holds the handle yet: importing creates one. */
			createsCustomer:
				!r.errors.length && !r.existingReactionId && !!r.author && !r.author.customer,
			suggestedSentiment: r.suggestion?.sentiment ?? null
		})),
		...summary(rows)
	};
}

/**
 * All or nothing, in one transaction: any bad row is a 400 with fields `rows.<line>.<column>` and
 * nothing is written. Rows whose post is already logged are skipped (importing a file twice adds
 * nothing). Customers are found or created by handle; every touched customer is rescored in one
 * set-based statement. One audit row for the file.
 */
export async function importReactions({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<{ imported: number; skipped: number; customersCreated: number }> {
	requireReactionWrite(ctx);
	const { csv } = ImportReactionsInput.parse(input);
	const parsed = parseReactionCsv(csv);
	if (parsed.length === 0)
		throw new ValidationError(msg('reaction_csv_no_reactions'), [
			{ field: 'csv', message: msg('reaction_csv_no_rows') }
		]);

	return inTransaction(ctx, async (ctx) => {
		// Look up first (nothing created), so a bad file creates no customers either.
		const checked = await checkRows(ctx, parsed, false);
		const errors = checked.flatMap((r) => r.errors);
		if (errors.length) {
			const { invalid } = summary(checked);
			const fields: FieldText[] = errors
				.slice(0, MAX_REPORTED_ERRORS)
				.map((e) => ({ field: `rows.${e.line}.${e.field}`, message: e.text }));
			throw new ValidationError(
				msg('reaction_csv_rows_invalid', { invalid, total: checked.length }),
				fields
			);
		}
		const rows = checked.filter((r) => !r.existingReactionId);
		// Exclusively: the customers are found or created below, and their terms computed as they are.
		const settings = await readScoreSettingsForWrite(ctx, { exclusive: true });
		const now = ctx.now();
		let customersCreated = 0;
		// Each row with its stored score term (SQL, computed by the database as every writer does).
		const values: (Omit<typeof reactions.$inferInsert, 'scoreMass'> & { scoreMass: SQL })[] = [];
		for (const row of rows) {
			const author = row.author!.customer
				? row.author!
				: await resolveAuthor(ctx, row.input!, row.post, { create: true });
			if (author.customerCreated) customersCreated += 1;
			const customer = author.customer!;
			const data = row.input!;
			const suggestion = row.suggestion ?? suggestSentiment(data.text, customer.locale);
			const sentiment = data.sentiment ?? suggestion.sentiment;
			const followers = data.followers ?? (await followersOn(ctx, customer.id, author.channel));
			const postedAt = new Date(data.postedAt);
			values.push({
				customerId: customer.id,
				surpriseId: row.surpriseId,
				channel: author.channel,
				url: row.url,
				text: data.text,
				postedAt,
				kind: data.kind,
				sentiment,
				suggestedSentiment: suggestion.sentiment,
				sentimentBasis: {
					language: suggestion.language,
					score: suggestion.score,
					drivers: suggestion.drivers
				},
				likes: data.likes,
				shares: data.shares,
				comments: data.comments,
				followers,
				scoreMass: scoreMassOf(
					{
						sentiment,
						kind: data.kind,
						followers,
						postedAt,
						customerId: customer.id,
						surpriseId: row.surpriseId ?? null
					},
					settings.weights
				),
				scoreMassVersion: settings.version,
				createdBy: userId(ctx.actor),
				createdAt: now,
				updatedAt: now
			});
		}
		for (let i = 0; i < values.length; i += INSERT_CHUNK)
			await ctx.db.insert(reactions).values(values.slice(i, i + INSERT_CHUNK));
		await recomputeCustomerScores(
			ctx,
			values.map((v) => v.customerId),
			settings
		);
		const skipped = checked.length - rows.length;
		// Open walls look again when this commits (on every instance).
		await signalWall(ctx.db, { kind: 'reactions' });
		await recordAudit(ctx, {
			action: 'reaction.import',
			entity: 'reaction',
			entityId: null,
			data: { imported: values.length, skipped, customersCreated }
		});
		return { imported: values.length, skipped, customersCreated };
	});
}
