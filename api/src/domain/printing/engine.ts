/**
 * The one door to the PDF engine in `templates/render` (templates as data, fonts loaded once): the
 * printing verbs never import it directly, so what the engine expects is checked here. It is loaded
 * on first use, so the API starts without paying for templates and fonts until someone prints.
 */
import type { TemplateSummary } from '../../../../templates/render/index.ts';
import { ValidationError } from '../errors.ts';
import type { PrintKind } from './schemas.ts';

import type { CardData, Flag, LabelData, Logo } from '../../../../templates/render/index.ts';
import { msg } from '../../messages/index.ts';

export type {
	CardData,
	Flag,
	LabelData,
	TemplateSummary
} from '../../../../templates/render/index.ts';
type Engine = typeof import('../../../../templates/render/index.ts');
type Rendered = { pdf: Uint8Array; pages: number; flags: Flag[] };
type OnProgress = (done: number, total: number) => void;

let loading: Promise<Engine> | undefined;

export function printEngine(): Promise<Engine> {
	loading ??= import('../../../../templates/render/index.ts').catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

/** The template, or a 400 on `templateId` listing the ones that exist for this kind. */
export async function findTemplate(kind: PrintKind, templateId: string): Promise<TemplateSummary> {
	const templates = (await printEngine()).listTemplates()[kind];
	const found = templates.find((t) => t.id === templateId);
	if (found) return found;
	const known = templates.map((t) => t.id).join(', ');
	throw new ValidationError(
		msg(kind === 'labels' ? 'print_no_label_template' : 'print_no_card_template', {
			template: templateId
		}),
		[{ field: 'templateId', message: msg('print_unknown_template_choose', { known }) }]
	);
}

/** A label template whose sheet has a position `startPosition` (start at label N of a used sheet), or a 400. */
export async function findLabelTemplate(
	templateId: string,
	startPosition: number
): Promise<TemplateSummary> {
	const template = await findTemplate('labels', templateId);
	const positions = template.cells;
	if (startPosition > positions) {
		throw new ValidationError(
			msg('print_start_beyond_sheet', { template: template.name, positions }),
			[{ field: 'startPosition', message: msg('print_choose_position', { positions }) }]
		);
	}
	return template;
}

/** A request the engine refuses (RenderInputError: template, start position, empty batch) is a 400 on its field. */
async function asValidation<T>(engine: Engine, render: () => Promise<T>): Promise<T> {
	try {
		return await render();
	} catch (error) {
		if (error instanceof engine.RenderInputError) {
			const field =
				error.field === 'labels' || error.field === 'cards' ? 'surpriseIds' : error.field;
			const text = msg(`print_render_${error.code}`, error.params);
			throw new ValidationError(text, [{ field, message: text }]);
		}
		throw error;
	}
}

export async function renderLabels(input: {
	templateId: string;
	labels: LabelData[];
	startPosition: number;
	onProgress?: OnProgress;
}): Promise<Rendered> {
	const engine = await printEngine();
	return asValidation(engine, () => engine.renderLabels(input));
}

export async function renderCards(input: {
	templateId: string;
	cards: CardData[];
	/** The brand's logo, or none (false). */
	logo: false | Logo;
	onProgress?: OnProgress;
}): Promise<Rendered> {
	const engine = await printEngine();
	return asValidation(engine, () => engine.renderCards(input));
}
