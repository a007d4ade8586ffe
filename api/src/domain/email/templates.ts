/**
 * Email templates from `templates/email/` (see its README): loaded and checked once, rendered per
 * message. A template that does not parse, or fails on its own sample data, throws at first use
 * (at start, when the scheduler or a test warms it), never half-way through sending.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
	parseTemplate,
	renderParsed,
	renderSubject,
	TemplateError,
	type ParsedTemplate,
	type RenderMode,
	type TemplateData
} from './renderer.ts';

export const emailLocales = ['nl', 'en'] as const;
export type EmailLocale = (typeof emailLocales)[number];

export const emailTemplateNames = [
	'claim-link',
	'claim-reminder',
	'approval-request',
	'decision',
	'low-stock',
	'daily-digest',
	'password-reset',
	'on-its-way',
	'address-check',
	'e-voucher'
] as const;
export type EmailTemplateName = (typeof emailTemplateNames)[number];

export const templatesDir = fileURLToPath(new URL('../../../../templates/email/', import.meta.url));

const Meta = z.object({
	description: z.string().min(1),
	audience: z.enum(['customer', 'staff']),
	subject: z.object({ nl: z.string().min(1), en: z.string().min(1) }),
	samples: z.array(z.record(z.string(), z.unknown())).min(1)
});

interface Parsed {
	html: ParsedTemplate;
	text: ParsedTemplate;
}

interface LoadedTemplate {
	name: EmailTemplateName;
	meta: z.infer<typeof Meta>;
	subject: Record<EmailLocale, string>;
	body: Record<EmailLocale, Parsed>;
}

interface Layout {
	/** The frame split at `<!--content-->`: values never reach the split point. */
	html: Record<EmailLocale, [ParsedTemplate, ParsedTemplate]>;
	text: Record<EmailLocale, [ParsedTemplate, ParsedTemplate]>;
}

const MARKER = '<!--content-->';

function read(dir: string, file: string): string {
	return fs.readFileSync(`${dir}${file}`, 'utf8');
}

function splitLayout(
	source: string,
	file: string,
	mode: RenderMode
): [ParsedTemplate, ParsedTemplate] {
	const parts = source.split(MARKER);
	if (parts.length !== 2) throw new TemplateError(`${file} must contain ${MARKER} exactly once.`);
	const head = parseTemplate(parts[0]!, mode);
	// Messages are checked as if they stood in the page's text; the marker must be there.
	if (!head.endsInText)
		throw new TemplateError(`${file}: ${MARKER} must stand in the text of the page.`);
	return [head, parseTemplate(parts[1]!, mode)];
}

export interface RenderedEmail {
	subject: string;
	html: string;
	text: string;
}

/** What the layout shows of the company (see brand/brand.ts). */
export interface EmailBrand {
	name: string;
	privacyUrl: string | null;
	showSentWith: boolean;
}
const NO_BRAND: EmailBrand = { name: '', privacyUrl: null, showSentWith: true };
const SAMPLE_BRAND: EmailBrand = {
	name: 'Stroopwafel & Co',
	privacyUrl: 'https://stroopwafel.example/privacy',
	showSentWith: false
};

export interface EmailTemplates {
	render(
		name: EmailTemplateName,
		locale: EmailLocale,
		data: TemplateData,
		brand?: EmailBrand
	): RenderedEmail;
	names: readonly EmailTemplateName[];
	meta(name: EmailTemplateName): z.infer<typeof Meta>;
}

/** Loads every template from a directory and renders each with each of its samples. */
export function loadEmailTemplates(dir: string = templatesDir): EmailTemplates {
	const base = dir.endsWith('/') ? dir : `${dir}/`;
	const layout: Layout = { html: {} as Layout['html'], text: {} as Layout['text'] };
	for (const locale of emailLocales) {
		layout.html[locale] = splitLayout(
			read(base, `_layout/${locale}.html`),
			`_layout/${locale}.html`,
			'html'
		);
		layout.text[locale] = splitLayout(
			read(base, `_layout/${locale}.txt`),
			`_layout/${locale}.txt`,
			'text'
		);
	}
	const templates = new Map<EmailTemplateName, LoadedTemplate>();
	for (const name of emailTemplateNames) {
		const where = (file: string) => `templates/email/${name}/${file}`;
		try {
			const meta = Meta.parse(JSON.parse(read(base, `${name}/meta.json`)));
			const body = {} as Record<EmailLocale, Parsed>;
			for (const locale of emailLocales) {
				body[locale] = {
					html: parseTemplate(read(base, `${name}/${locale}.html`), 'html'),
					text: parseTemplate(read(base, `${name}/${locale}.txt`), 'text')
				};
				parseTemplate(meta.subject[locale], 'text');
			}
			templates.set(name, { name, meta, subject: meta.subject, body });
		} catch (error) {
			throw new TemplateError(`${where('')}: ${(error as Error).message}`);
		}
	}

	const render = (
		name: EmailTemplateName,
		locale: EmailLocale,
		data: TemplateData,
		brand: EmailBrand = NO_BRAND
	): RenderedEmail => {
		const template = templates.get(name);
		if (!template) throw new TemplateError(`No email template ${name}.`);
		const subject = renderSubject(template.subject[locale], data);
		const frame = { title: subject, brand: { ...brand } };
		const [htmlHead, htmlFoot] = layout.html[locale];
		const [textHead, textFoot] = layout.text[locale];
		const html =
			renderParsed(htmlHead, frame) +
			renderParsed(template.body[locale].html, data).trim() +
			renderParsed(htmlFoot, frame);
		const text =
			renderParsed(textHead, frame) +
			renderParsed(template.body[locale].text, data).trim() +
			renderParsed(textFoot, frame);
		return { subject, html, text: text.replace(/\n{3,}/g, '\n\n') };
	};

	// Every template, every sample, both languages: a broken template fails here.
	for (const template of templates.values()) {
		for (const [i, sample] of template.meta.samples.entries()) {
			for (const locale of emailLocales) {
				try {
					render(template.name, locale, sample as TemplateData);
					render(template.name, locale, sample as TemplateData, SAMPLE_BRAND);
				} catch (error) {
					throw new TemplateError(
						`templates/email/${template.name}: sample ${i + 1} (${locale}): ${(error as Error).message}`
					);
				}
			}
		}
	}

	return { render, names: emailTemplateNames, meta: (name) => templates.get(name)!.meta };
}

let shared: EmailTemplates | undefined;

/** The app's templates, loaded once per process. */
export function emailTemplates(): EmailTemplates {
	shared ??= loadEmailTemplates();
	return shared;
}

export function renderEmail(
	name: EmailTemplateName,
	locale: EmailLocale,
	data: TemplateData,
	brand?: EmailBrand
): RenderedEmail {
	return emailTemplates().render(name, locale, data, brand);
}
