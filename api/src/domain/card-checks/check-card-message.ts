import { and, desc, eq, gte, ne, sql } from 'drizzle-orm';
import { addresses, customers, handles, surprises, users } from '../../../../db/schema/index.ts';
import { requireRole, type Ctx } from '../context.ts';
import { NotFoundError } from '../errors.ts';
import { cardLimits, cardTemplateName, checkLength, largestCard } from './card-limits.ts';
import { dutchSpellChecker } from './dutch-dictionary.ts';
import { findNearCopy } from './near-copy.ts';
import { CheckCardMessageInput, type CardWarning } from './schemas.ts';
import { checkSpelling, type SpellChecker } from './spelling.ts';
import { findStockPhrases } from './stock-phrases.ts';
import { readCardCheckLists } from './word-lists.ts';

export const NEAR_COPY_WINDOW_DAYS = 90;
/** Past this many unknown words the rest are still reported, without suggestions (a pasted English text). */
const MAX_SUGGESTED_WORDS = 15;
const DAY_MS = 86_400_000;

/**
 * Everything worth a second look before a card is printed: spelling, stock phrases, a near-copy of
 * a recent card, and whether it fits. Read-only and fast enough to call while the hub'er types
 * (the UI debounces); warnings never block.
 */
export async function checkCardMessage({
	ctx,
	input,
	spellChecker
}: {
	ctx: Ctx;
	input: unknown;
	spellChecker?: SpellChecker;
}): Promise<{ warnings: CardWarning[] }> {
	if (ctx.actor.type !== 'system') requireRole(ctx, 'hub', 'marketing', 'admin');
	const data = CheckCardMessageInput.parse(input);
	const [checker, context] = await Promise.all([
		spellChecker ?? dutchSpellChecker(),
		loadContext(ctx, data)
	]);

	const warnings: CardWarning[] = [];
	const spelling = checkSpelling(data.message, {
		checker: limitSuggestions(checker),
		allow: [...context.lists.spellingAllowList, ...context.names]
	});
	for (const issue of spelling) {
		const hint = issue.suggestions.length
			? ` Did you mean ${issue.suggestions
					.slice(0, 3)
					.map((s) => `“${s}”`)
					.join(' or ')}?`
			: ' A name or a brand? Add it to the word list.';
		warnings.push({
			kind: 'spelling',
			message: `“${issue.word}” is not in the Dutch dictionary.${hint}`,
			start: issue.start,
			end: issue.end,
			word: issue.word,
			suggestions: issue.suggestions
		});
	}
	for (const hit of findStockPhrases(data.message, context.lists.stockPhrases)) {
		const typed = data.message.slice(hit.start, hit.end);
		warnings.push({
			kind: 'stock_phrase',
			message: `“${typed}” is a stock phrase. Say it in your own words.`,
			start: hit.start,
			end: hit.end,
			phrase: hit.phrase
		});
	}
	warnings.sort((a, b) => a.start! - b.start!);

	const copy = findNearCopy(data.message, context.earlier);
	if (copy) {
		const percent = Math.round(copy.similarity * 100);
		const others = copy.others ? ` (and ${copy.others} more)` : '';
		warnings.push({
			kind: 'near_copy',
			message: `This message is ${percent}% the same as the card of ${copy.reference}${others} from the last ${NEAR_COPY_WINDOW_DAYS} days. Make it personal.`,
			surpriseReference: copy.reference,
			similarity: Math.round(copy.similarity * 1000) / 1000
		});
	}

	const [cardId, limit] = data.cardTemplate
		? [data.cardTemplate, cardLimits[data.cardTemplate]]
		: largestCard();
	for (const issue of checkLength(data.message, limit)) {
		const where = data.cardTemplate
			? `the ${cardTemplateName(cardId)}`
			: `any card (even the largest, the ${cardTemplateName(cardId)})`;
		const message =
			issue.measure === 'chars'
				? `Too long for ${where}: ${issue.actual} of at most ${issue.limit} characters.`
				: `Too many lines for ${where}: about ${issue.actual} of at most ${issue.limit}.`;
		warnings.push({
			kind: 'length',
			message,
			start: issue.start,
			end: issue.end,
			measure: issue.measure,
			limit: issue.limit,
			actual: issue.actual
		});
	}
	return { warnings };
}

function limitSuggestions(checker: SpellChecker): SpellChecker {
	let suggested = 0;
	return {
		correct: (w) => checker.correct(w),
		suggest: (w) => (++suggested <= MAX_SUGGESTED_WORDS ? checker.suggest(w) : [])
	};
}

async function loadContext(ctx: Ctx, data: CheckCardMessageInput) {
	let customerId = data.customerId;
	if (data.surpriseId) {
		const [surprise] = await ctx.db
			.select({ customerId: surprises.customerId })
			.from(surprises)
			.where(eq(surprises.id, data.surpriseId));
		if (!surprise) throw new NotFoundError('surprise', data.surpriseId);
		customerId ??= surprise.customerId;
	}
	const lists = await readCardCheckLists(ctx);
	const names: string[] = [];
	if (customerId) {
		const [customer] = await ctx.db
			.select({ name: customers.name })
			.from(customers)
			.where(eq(customers.id, customerId));
		if (!customer) throw new NotFoundError('customer', customerId);
		names.push(customer.name);
		for (const h of await ctx.db
			.select({ handle: handles.handle })
			.from(handles)
			.where(eq(handles.customerId, customerId)))
			names.push(h.handle);
		const recipients = await ctx.db
			.select({ name: addresses.recipientName })
			.from(addresses)
			.where(
				and(eq(addresses.customerId, customerId), sql`${addresses.recipientName} is not null`)
			);
		for (const r of recipients) names.push(r.name!);
	}
	// The card is signed by a hub'er: staff names are not typos either.
	for (const u of await ctx.db
		.select({ name: users.name })
		.from(users)
		.where(eq(users.active, true)))
		names.push(u.name);

	const since = new Date(ctx.now().getTime() - NEAR_COPY_WINDOW_DAYS * DAY_MS);
	const earlier = await ctx.db
		.select({
			surpriseId: surprises.id,
			reference: surprises.reference,
			cardMessage: surprises.cardMessage
		})
		.from(surprises)
		.where(
			and(
				gte(surprises.createdAt, since),
				ne(surprises.status, 'cancelled'),
				ne(surprises.cardMessage, ''),
				data.surpriseId ? ne(surprises.id, data.surpriseId) : undefined
			)
		)
		.orderBy(desc(surprises.createdAt))
		.limit(5000);
	return { lists, names: names.flatMap(nameWords), earlier };
}

/** "Zoë van 't Hek-Jansen" → the whole name, each part, and each hyphen piece. */
function nameWords(name: string): string[] {
	const parts = name
		.replace(/^@+/, '')
		.split(/[^\p{L}\p{M}'’\-]+/u)
		.filter((p) => p.length > 1);
	return [name, ...parts, ...parts.flatMap((p) => (p.includes('-') ? p.split('-') : []))];
}
