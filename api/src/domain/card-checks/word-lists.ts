import { inArray } from 'drizzle-orm';
import { z } from 'zod';
import { settings } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { foldKey } from './fold.ts';
import { cardLimits, cardTemplateIds } from './card-limits.ts';
import { zodText } from '../../messages/zod.ts';

/** Settings keys (table `settings`, value a JSON array of strings). */
export const SPELLING_ALLOW_LIST_KEY = 'spelling_allow_list';
export const STOCK_PHRASES_KEY = 'stock_phrases';

/** Words the Dutch dictionary lacks but a card may use: the brand, hub words, common compounds. */
export const DEFAULT_SPELLING_ALLOW_LIST: readonly string[] = [
	'Hoppatee',
	'pakjesavond',
	"hub'er",
	"hub'ers",
	'webcareteam',
	'Insta',
	'DM'
];

/** Phrases that make a card sound like a form letter. */
export const DEFAULT_STOCK_PHRASES: readonly string[] = [
	'excuses voor het ongemak',
	'vervelend om te lezen',
	'wij begrijpen uw frustratie',
	'we begrijpen je frustratie',
	'bedankt voor uw geduld',
	'bedankt voor je geduld',
	'we gaan ermee aan de slag',
	'wij gaan ermee aan de slag',
	'dank voor uw begrip',
	'uw feedback is belangrijk voor ons',
	'wij betreuren het'
];

const Entry = z
	.string(zodText('use_text'))
	.transform((s) => s.normalize('NFC').replace(/\s+/gu, ' ').trim())
	.pipe(
		z.string().min(1, zodText('entry_cannot_be_empty')).max(100, zodText('use_at_most_characters'))
	);

/** A list as stored: trimmed, NFC, duplicates (ignoring case and accents) dropped, first kept. */
export const WordList = z
	.array(Entry, zodText('use_list_of_texts'))
	.max(5000, zodText('at_most_5000_entries'))
	.transform((list) => {
		const seen = new Set<string>();
		return list.filter((entry) => {
			const key = foldKey(entry);
			if (seen.has(key)) return false;
			seen.add(key);
			return true;
		});
	});

export const UpdateSpellingAllowListInput = z.object({ words: WordList });
export const UpdateStockPhrasesInput = z.object({ phrases: WordList });

export interface CardCheckLists {
	spellingAllowList: string[];
	stockPhrases: string[];
}

/** The stored lists, or the defaults where none (or an invalid one) is stored. No role check. */
export async function readCardCheckLists(ctx: Ctx): Promise<CardCheckLists> {
	const rows = await ctx.db
		.select({ key: settings.key, value: settings.value })
		.from(settings)
		.where(inArray(settings.key, [SPELLING_ALLOW_LIST_KEY, STOCK_PHRASES_KEY]));
	const stored = (key: string, fallback: readonly string[]) => {
		const parsed = WordList.safeParse(rows.find((r) => r.key === key)?.value);
		return parsed.success ? parsed.data : [...fallback];
	};
	return {
		spellingAllowList: stored(SPELLING_ALLOW_LIST_KEY, DEFAULT_SPELLING_ALLOW_LIST),
		stockPhrases: stored(STOCK_PHRASES_KEY, DEFAULT_STOCK_PHRASES)
	};
}

/** Both lists and the card sizes, for the editor and the settings page. Any staff member. */
export async function getCardCheckLists({ ctx }: { ctx: Ctx }) {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const lists = await readCardCheckLists(ctx);
	return {
		...lists,
		cards: cardTemplateIds.map((id) => ({
			id,
			maxChars: cardLimits[id].maxChars,
			maxLines: cardLimits[id].maxLines
		}))
	};
}

async function storeList(
	ctx: Ctx,
	key: string,
	list: string[],
	field: keyof CardCheckLists
): Promise<CardCheckLists> {
	return inTransaction(ctx, async (ctx) => {
		const before = (await readCardCheckLists(ctx))[field];
		const at = ctx.now();
		await ctx.db
			.insert(settings)
			.values({ key, value: list, updatedAt: at, updatedBy: userId(ctx.actor) })
			.onConflictDoUpdate({
				target: settings.key,
				set: { value: list, updatedAt: at, updatedBy: userId(ctx.actor) }
			});
		const beforeKeys = new Set(before.map(foldKey));
		const afterKeys = new Set(list.map(foldKey));
		await recordAudit(ctx, {
			action: 'setting.update',
			entity: 'setting',
			entityId: key,
			data: {
				added: list.filter((e) => !beforeKeys.has(foldKey(e))),
				removed: before.filter((e) => !afterKeys.has(foldKey(e)))
			}
		});
		return readCardCheckLists(ctx);
	});
}

/** Replace the spelling allow-list. Hub'ers may: they meet the brand words and names first. */
export async function updateSpellingAllowList({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<CardCheckLists> {
	requireRole(ctx, 'hub', 'marketing', 'admin');
	const { words } = UpdateSpellingAllowListInput.parse(input);
	return storeList(ctx, SPELLING_ALLOW_LIST_KEY, words, 'spellingAllowList');
}

/** Replace the stock-phrase list: the brand's tone of voice, so marketing or admin. */
export async function updateStockPhrases({
	ctx,
	input
}: {
	ctx: Ctx;
	input: unknown;
}): Promise<CardCheckLists> {
	requireRole(ctx, 'marketing', 'admin');
	const { phrases } = UpdateStockPhrasesInput.parse(input);
	return storeList(ctx, STOCK_PHRASES_KEY, phrases, 'stockPhrases');
}
