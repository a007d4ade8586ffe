import { describe, expect, it } from 'vitest';
import {
	escapeHtml,
	parseTemplate,
	renderSubject,
	renderTemplate,
	TemplateError
} from '#api/domain/email/renderer.ts';
import {
	emailLocales,
	emailTemplateNames,
	loadEmailTemplates
} from '#api/domain/email/templates.ts';

describe('the email template renderer', () => {
	it('escapes every value in HTML; there is no raw output', () => {
		const html = renderTemplate(
			'<p>Hoi {{name}}</p>',
			{ name: `<script>alert("x")</script> & 'co'` },
			'html'
		);
		expect(html).toBe(
			'<p>Hoi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;co&#39;</p>'
		);
		expect(() => parseTemplate('{{{name}}}')).toThrow(TemplateError);
		expect(escapeHtml('a"b')).toBe('a&quot;b');
	});

	it('keeps diacritics and emoji as they are, NFC-normalised', () => {
		const data = { name: 'Zoe\u0308 Ĳsbrand 🧦 Łukasz Şükrü Nguyễn' };
		expect(renderTemplate('{{name}}', data, 'html')).toBe('Zoë Ĳsbrand 🧦 Łukasz Şükrü Nguyễn');
		expect(renderTemplate('{{name}}', data, 'text')).toBe('Zoë Ĳsbrand 🧦 Łukasz Şükrü Nguyễn');
		expect(renderTemplate('{{name}}', data, 'text').normalize('NFC')).toBe(
			renderTemplate('{{name}}', data, 'text')
		);
	});

	it('isolates right-to-left names so the sentence around them keeps its order', () => {
		expect(renderTemplate('<p>Hoi {{name}},</p>', { name: 'محمد' }, 'html')).toBe(
			'<p>Hoi <bdi>محمد</bdi>,</p>'
		);
		expect(renderTemplate('Hoi {{name}},', { name: 'שרה' }, 'text')).toBe('Hoi \u2068שרה\u2069,');
		expect(renderSubject('{{name}}, a surprise', { name: 'محمد' })).toBe(
			'\u2068محمد\u2069, a surprise'
		);
		// Inside an attribute or <title> markup would be literal: escaped only.
		expect(renderTemplate('<img alt="{{name}}">', { name: 'محمد' }, 'html')).toBe(
			'<img alt="محمد">'
		);
		expect(renderTemplate('<title>{{name}}</title>', { name: 'محمد' }, 'html')).toBe(
			'<title>محمد</title>'
		);
	});

	it('drops typed bidi overrides and control characters (no spoofed text, no header injection)', () => {
		expect(renderTemplate('{{name}}!', { name: 'evil\u202Etxt.exe' }, 'text')).toBe('eviltxt.exe!');
		expect(renderTemplate('{{name}}', { name: 'a\u0000b\u0007c' }, 'html')).toBe('abc');
		expect(renderSubject('Hi {{name}}', { name: 'Zoë\r\nBcc: victim@example.test' })).toBe(
			'Hi Zoë Bcc: victim@example.test'
		);
	});

	it('only lets http(s) and mailto URLs into href/src', () => {
		expect(
			renderTemplate(
				'<a href="{{url}}">x</a>',
				{ url: 'https://example.test/claim/a?b=1&c=2' },
				'html'
			)
		).toBe('<a href="https://example.test/claim/a?b=1&amp;c=2">x</a>');
		expect(renderTemplate('<a href="{{url}}">x</a>', { url: 'javascript:alert(1)' }, 'html')).toBe(
			'<a href="#">x</a>'
		);
		expect(renderTemplate('<a href="{{url}}">x</a>', { url: ' JaVaScRiPt:alert(1)' }, 'html')).toBe(
			'<a href="#">x</a>'
		);
	});

	it('sections repeat over lists, show for true values, hide for empty ones; inverted sections the other way', () => {
		const t = '{{#items}}[{{name}} {{owner}}]{{/items}}{{^items}}none{{/items}}{{#flag}}!{{/flag}}';
		expect(
			renderTemplate(
				t,
				{ owner: 'Sanne', items: [{ name: 'a' }, { name: '<b>' }], flag: true },
				'html'
			)
		).toBe('[a Sanne][&lt;b&gt; Sanne]!');
		expect(renderTemplate(t, { owner: 'Sanne', items: [], flag: false }, 'html')).toBe('none');
		expect(renderTemplate('{{a.b}}', { a: { b: 'deep' } }, 'text')).toBe('deep');
	});

	it('fails loudly on a missing value, a list used as a value, and unbalanced or malformed tags', () => {
		expect(() => renderTemplate('{{missing}}', {}, 'text')).toThrow(/No value for \{\{missing\}\}/);
		expect(() => renderTemplate('{{items}}', { items: [] }, 'text')).toThrow(/use a section/);
		expect(() => parseTemplate('{{#a}}x')).toThrow(/never closed/);
		expect(() => parseTemplate('{{#a}}x{{/b}}')).toThrow(/does not match/);
		expect(() => parseTemplate('Hi {{ name ')).toThrow(/Malformed/);
		expect(() => parseTemplate('Hi {{na-me}}')).toThrow(/Malformed/);
	});
});

describe('the templates in templates/email', () => {
	const templates = loadEmailTemplates();

	it('has every message in Dutch and English, HTML and text, rendering its samples', () => {
		for (const name of emailTemplateNames) {
			for (const locale of emailLocales) {
				const sample = templates.meta(name).samples[0] as never;
				const mail = templates.render(name, locale, sample);
				expect(mail.subject.length, `${name}/${locale}`).toBeGreaterThan(5);
				expect(mail.html).toContain(`<html lang="${locale}"`);
				expect(mail.html).toContain('<meta charset="utf-8">');
				expect(mail.text).not.toMatch(/[<>]{2}|\{\{/);
				expect(mail.html).not.toContain('{{');
			}
		}
	});

	it('a claim-link mail for Zoë: Dutch subject, link in HTML and text, the name right, no internal note', () => {
		const data = {
			firstName: 'Zoë',
			url: 'https://hoppatee.example/claim/tok_123',
			expiresOn: '5 december 2026 om 14:00',
			senderName: 'Sanne',
			gifts: [{ name: 'Sokken 🧦' }]
		};
		const nl = templates.render('claim-link', 'nl', data);
		expect(nl.subject).toBe('Zoë, er ligt een verrassing voor je klaar');
		expect(nl.html).toContain('href="https://hoppatee.example/claim/tok_123"');
		expect(nl.text).toContain('https://hoppatee.example/claim/tok_123');
		expect(nl.text).toContain('Sokken 🧦');
		const en = templates.render('claim-link', 'en', { ...data, firstName: 'محمد' });
		expect(en.subject).toBe('\u2068محمد\u2069, a surprise is waiting for you');
		expect(en.html).toContain('Hi <bdi>محمد</bdi>,');
	});
});
