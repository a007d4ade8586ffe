import { eq } from 'drizzle-orm';
import { settings, users } from '../../../../db/schema/index.ts';
import { recordAudit } from '../audit.ts';
import { inTransaction, requireRole, userId, type Ctx } from '../context.ts';
import { NotFoundError, ValidationError } from '../errors.ts';
import { beginWeightsRebuild, kickWeightsRebuild } from '../scores/weights-rebuild.ts';
import type { ScoreWeights } from '../scores/weights.ts';
import {
	isSettingKey,
	settingDefinitions,
	settingKeys,
	type SettingKey,
	type SettingValue
} from './registry.ts';
import { msg } from '../../messages/index.ts';
import { issueField } from '../../messages/zod.ts';

/**
 * A setting's value for the domain's own use (no role check): the stored value when it is valid,
 * otherwise the default. Call it inside the caller's transaction.
 */
export async function readSetting<K extends SettingKey>(
	ctx: Ctx,
	key: K
): Promise<SettingValue<K>> {
	const [row] = await ctx.db
		.select({ value: settings.value })
		.from(settings)
		.where(eq(settings.key, key));
	const definition = settingDefinitions[key];
	const parsed = row ? definition.schema.safeParse(row.value) : null;
	return (parsed?.success ? parsed.data : definition.default) as SettingValue<K>;
}

function known(key: string): SettingKey {
	if (!isSettingKey(key)) throw new NotFoundError('setting', key);
	return key;
}

async function view(ctx: Ctx, key: SettingKey) {
	const [row] = await ctx.db
		.select({
			value: settings.value,
			updatedAt: settings.updatedAt,
			updatedBy: settings.updatedBy,
			updatedByName: users.name
		})
		.from(settings)
		.leftJoin(users, eq(users.id, settings.updatedBy))
		.where(eq(settings.key, key));
	const definition = settingDefinitions[key];
	return {
		key,
		value: (await readSetting(ctx, key)) as unknown,
		default: definition.default as unknown,
		isDefault: !row,
		description: definition.description,
		updatedAt: row?.updatedAt.toISOString() ?? null,
		updatedBy: row?.updatedBy ? { id: row.updatedBy, name: row.updatedByName ?? '' } : null
	};
}
export type SettingView = Awaited<ReturnType<typeof view>>;

export async function listSettings({ ctx }: { ctx: Ctx }): Promise<SettingView[]> {
	requireRole(ctx, 'admin');
	return Promise.all(settingKeys.map((key) => view(ctx, key)));
}

export async function getSetting({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { key: string };
}): Promise<SettingView> {
	requireRole(ctx, 'admin');
	return view(ctx, known(input.key));
}

export async function putSetting({
	ctx,
	input
}: {
	ctx: Ctx;
	input: { key: string; value: unknown };
}): Promise<SettingView> {
	requireRole(ctx, 'admin');
	const key = known(input.key);
	const parsed = settingDefinitions[key].schema.safeParse(input.value);
	if (!parsed.success) {
		throw new ValidationError(
			msg('setting_value_not_valid', { key }),
			parsed.error.issues.map((i) => ({
				field: ['value', ...i.path.map(String)].join('.'),
				message: issueField(i)
			}))
		);
	}
	const saved = await inTransaction(ctx, async (ctx) => {
		const before = await readSetting(ctx, key);
		const at = ctx.now();
		await ctx.db
			.insert(settings)
			.values({ key, value: parsed.data, updatedAt: at, updatedBy: userId(ctx.actor) })
			.onConflictDoUpdate({
				target: settings.key,
				set: { value: parsed.data, updatedAt: at, updatedBy: userId(ctx.actor) }
			});
		// New score weights: a new version, whose terms and scores are rebuilt in the background.
		const version =
			key === 'score_weights'
				? await beginWeightsRebuild(ctx, parsed.data as ScoreWeights, before as ScoreWeights)
				: null;
		await recordAudit(ctx, {
			action: 'setting.update',
			entity: 'setting',
			entityId: key,
			data: {
				before,
				after: parsed.data,
				...(version === null ? {} : { weightsVersion: version })
			}
		});
		return { view: await view(ctx, key), version };
	});
	if (saved.version !== null) kickWeightsRebuild(ctx);
	return saved.view;
}
