/**
 * What the email templates may and may not do, beyond the renderer's basics: where a value may
 * stand in HTML, what mustache.js features stay off, and that a broken template stops the load.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
	parseTemplate,
	renderTemplate,
	TemplateError
} from '../../../../api/src/domain/email/renderer.ts';
import { loadEmailTemplates, templatesDir } from '../../../../api/src/domain/email/templates.ts';

const html = (source: string, data: Record<string, unknown> = {}) =>
	renderTemplate(source, data as never, 'html');
const text = (source: string, data: Record<string, unknown> = {}) =>
	renderTemplate(source, data as never, 'text');

describe('where a value may stand in an HTML template', () => {
	it('refuses a value inside a tag, in an unquoted attribute, in style or on… attributes', () => {
		expect(() => parseTemplate('<a {{attrs}}>x</a>')).toThrow(/outside a quoted attribute/);
		expect(() => parseTemplate('<a title={{name}}>x</a>')).toThrow(/outside a quoted attribute/);
		expect(() => parseTemplate('<a href={{url}}>x</a>')).toThrow(/outside a quoted attribute/);
		expect(() => parseTemplate('<p style="color:{{colour}}">x</p>')).toThrow(/style attribute/);
		expect(() => parseTemplate('<p onclick="go(\'{{name}}\')">x</p>')).toThrow(/onclick attribute/);
	});

	it('refuses a value in a script, a style sheet or an HTML comment', () => {
		expect(() => parseTemplate('<script>var n = "{{name}}";</script>')).toThrow(/<script>/);
		expect(() => parseTemplate('<style>p { color: {{c}} }</style>')).toThrow(/<style>/);
		expect(() => parseTemplate('<!-- for {{name}} -->')).toThrow(/comment/);
		// After the element ends, text is text again.
		expect(html('<style>p{}</style><p>{{name}}</p>', { name: 'محمد' })).toBe(
			'<style>p{}</style><p><bdi>محمد</bdi></p>'
		);
	});

	it('the same words are only text in the plain-text part: nothing is refused, nothing escaped', () => {
		expect(text('<a href={{url}}> {{name}} & co', { url: 'javascript:x', name: '"<Zoë>"' })).toBe(
			'<a href=javascript:x> "<Zoë>" & co'
		);
	});

	it('refuses a section that opens in one place and closes in another', () => {
		expect(() => parseTemplate('{{#a}}<p class="x{{/a}}">')).toThrow(/must close where it opened/);
		// A whole attribute of literal text may come and go.
		const link = '<a {{#blank}}target="_blank" {{/blank}}href="{{url}}">y</a>';
		expect(html(link, { blank: true, url: 'javascript:x' })).toBe(
			'<a target="_blank" href="#">y</a>'
		);
		expect(html(link, { blank: false, url: 'https://x.test/' })).toBe(
			'<a href="https://x.test/">y</a>'
		);
		// Leaving the section out would put {{url}} at the start of the href unchecked.
		expect(() => parseTemplate('<a href="{{#a}}https://x/{{/a}}{{url}}">y</a>')).toThrow(
			/must close where it opened/
		);
		expect(html('<p class="a{{#b}} b{{/b}}">{{#b}}<i>x</i>{{/b}}</p>', { b: true })).toBe(
			'<p class="a b"><i>x</i></p>'
		);
	});

	it('checks the URL only where it starts the href/src; a fixed start keeps the scheme', () => {
		const link = '<a href=\'{{url}}\'>x</a><img src="{{img}}"><a HREF="{{mail}}">m</a>';
		expect(
			html(link, { url: 'data:text/html,x', img: 'vbscript:x', mail: 'MAILTO:zoe@example.test' })
		).toBe('<a href=\'#\'>x</a><img src="#"><a HREF="MAILTO:zoe@example.test">m</a>');
		expect(html('<a href="https://shop.example/{{path}}">x</a>', { path: 'javascript:x' })).toBe(
			'<a href="https://shop.example/javascript:x">x</a>'
		);
		// Other attributes are escaped, not URL-checked, and never get <bdi>.
		expect(html('<img alt="{{a}}" title="{{a}}">', { a: 'javascript:"محمد"' })).toBe(
			'<img alt="javascript:&quot;محمد&quot;" title="javascript:&quot;محمد&quot;">'
		);
	});
});

describe('mustache.js features that stay off', () => {
	it('no unescaped output, partials, delimiter changes or comments', () => {
		expect(() => parseTemplate('{{&name}}')).toThrow(/Raw output/);
		expect(() => parseTemplate('{{ { name } }}')).toThrow(TemplateError);
		expect(() => parseTemplate('{{>footer}}')).toThrow(/Only values and sections/);
		expect(() => parseTemplate('{{=<% %>=}}<%name%>')).toThrow(/Only values and sections/);
		expect(() => parseTemplate('{{! a note }}')).toThrow(/Only values and sections/);
		expect(() => parseTemplate('Hi }} there')).toThrow(/Malformed/);
		expect(() => parseTemplate('{{/a}}')).toThrow(/does not match any open section/);
	});

	it('looks up own data only: no prototype names, no functions called', () => {
		expect(() => text('{{constructor}}')).toThrow(/No value for \{\{constructor\}\}/);
		expect(() => text('{{toString}}')).toThrow(/No value/);
		expect(() => text('{{a.length}}', { a: 'abc' })).toThrow(/No value/);
		expect(() => text('{{#f}}x{{/f}}', { f: () => 'lambda' })).toThrow(/function/);
		expect(() => text('{{f}}', { f: () => 'lambda' })).toThrow(/function/);
	});

	it('sections: outer names stay in scope, a dotted name resolves from its first part', () => {
		expect(
			text('{{#items}}{{name}}/{{owner.name}};{{/items}}', {
				owner: { name: 'Sanne' },
				items: [{ name: 'a' }, { name: 'b' }]
			})
		).toBe('a/Sanne;b/Sanne;');
		expect(() =>
			text('{{#items}}{{owner.name}}{{/items}}', {
				owner: { name: 'Sanne' },
				items: [{ owner: {} }]
			})
		).toThrow(/No value for \{\{owner.name\}\}/);
		expect(text('{{#tags}}[{{.}}]{{/tags}}', { tags: ['a', '<b>'] })).toBe('[a][<b>]');
	});

	it('a line holding only a section tag leaves no blank line (Mustache "standalone" tags)', () => {
		const list = 'Gifts:\n{{#gifts}}\n- {{name}}\n{{/gifts}}\nBye';
		expect(text(list, { gifts: [{ name: 'Sokken' }, { name: 'Kaart' }] })).toBe(
			'Gifts:\n- Sokken\n- Kaart\nBye'
		);
		expect(text(list, { gifts: [] })).toBe('Gifts:\nBye');
		expect(text('{{#n}}{{n}} left{{/n}}{{^n}}none{{/n}}', { n: 0 })).toBe('none');
	});
});

describe('a broken template stops the load, naming the file', () => {
	let dir: string | undefined;
	afterEach(() => {
		if (dir) fs.rmSync(dir, { recursive: true, force: true });
		dir = undefined;
	});

	const withChange = (file: string, change: (source: string) => string) => {
		dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hoppatee-email-'));
		fs.cpSync(templatesDir, dir, { recursive: true });
		const target = path.join(dir, file);
		fs.writeFileSync(target, change(fs.readFileSync(target, 'utf8')));
		return () => loadEmailTemplates(dir);
	};

	it('loads the shipped templates as they are', () => {
		expect(withChange('claim-link/nl.txt', (s) => s)).not.toThrow();
	});

	it('a misspelt value (no sample has it) fails in every format and in the subject', () => {
		expect(
			withChange('claim-link/nl.html', (s) => s.replace('{{firstName}}', '{{frstName}}'))
		).toThrow('templates/email/claim-link: sample 1 (nl): No value for {{frstName}}.');
		expect(withChange('low-stock/en.txt', (s) => s.replace('{{stock}}', '{{stok}}'))).toThrow(
			/templates\/email\/low-stock: sample 1 \(en\): No value for \{\{stok\}\}/
		);
		expect(
			withChange('decision/meta.json', (s) => s.replace('}}: {{title}}', '}}: {{titel}}'))
		).toThrow(/templates\/email\/decision: sample 1 \(nl\): No value for \{\{titel\}\}/);
	});

	it('an unbalanced section, raw output or a value in a style attribute fails with the folder', () => {
		expect(
			withChange('daily-digest/en.txt', (s) => s.replace('{{/campaigns}}', '{{/campaign}}'))
		).toThrow(
			'templates/email/daily-digest/: Closing {{/campaign}} does not match {{#campaigns}}.'
		);
		expect(withChange('claim-link/en.html', (s) => s.replace('{{name}}', '{{{name}}}'))).toThrow(
			/templates\/email\/claim-link\/: Triple braces/
		);
		expect(
			withChange('low-stock/nl.html', (s) => s.replace('margin:24px 0;', 'margin:{{stock}}px;'))
		).toThrow(/templates\/email\/low-stock\/: \{\{stock\}\} may not stand in a style attribute/);
		expect(
			withChange('_layout/en.html', (s) =>
				s.replace('<title>{{title}}</title>', '<title>{{title}}')
			)
		).toThrow(/_layout\/en.html: <!--content--> must stand in the text of the page/);
	});
});

describe('the shipped templates', () => {
	const templates = loadEmailTemplates();

	it('list gifts one per line in the text part, the title carries the subject without markup', () => {
		const data = templates.meta('claim-link').samples[0] as never;
		const nl = templates.render('claim-link', 'nl', data);
		expect(nl.text).toContain('een minuutje.\n\n- Hoppatee-sokken\n- Kaart\n\nhttps://');
		const en = templates.render('claim-link', 'en', {
			...(data as object),
			firstName: '<محمد>'
		} as never);
		expect(en.html).toContain('<title>&lt;محمد&gt;, a surprise is waiting for you</title>');
		expect(en.html).toContain('<p>Hi <bdi>&lt;محمد&gt;</bdi>,</p>');
	});
});
