import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ConflictError, NotFoundError } from '#api/domain/errors.ts';
import en from '#api/messages/en.json' with { type: 'json' };
import nl from '#api/messages/nl.json' with { type: 'json' };
import { msg, render, word } from '#api/messages/index.ts';

const placeholders = (text: string) =>
	[...new Set([...text.replace(/\\[\\{}]/g, '').matchAll(/\{(\w+)\}/g)].map((m) => m[1]))].sort();
const entries = (catalogue: Record<string, string>) =>
	Object.entries(catalogue).filter(([key]) => key !== '$schema');

function webKeys(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
		entry.isDirectory()
			? webKeys(join(dir, entry.name))
			: entry.name === 'en.json'
				? Object.keys(JSON.parse(readFileSync(join(dir, entry.name), 'utf8')))
				: []
	);
}

describe('the message catalogue', () => {
	it('holds the same keys in English and Dutch, with the same placeholders', () => {
		expect(Object.keys(nl).sort()).toEqual(Object.keys(en).sort());
		const wrong = entries(en).filter(
			([key, text]) =>
				JSON.stringify(placeholders(text)) !==
				JSON.stringify(placeholders((nl as Record<string, string>)[key]!))
		);
		expect(wrong).toEqual([]);
	});

	it('has keys that are identifiers, no empty text, and no key the web already uses', () => {
		expect(
			entries(en).filter(([key, text]) => !/^[a-z][a-z0-9_]*$/.test(key) || !text.trim())
		).toEqual([]);
		const web = new Set(webKeys(join(import.meta.dirname, '../../../web/messages')));
		expect(entries(en).filter(([key]) => web.has(key))).toEqual([]);
	});

	it('renders a code with its parameters in either language, status words through the vocabulary', () => {
		const m = msg('ship_reference_is_status', {
			reference: 'V-1',
			status: word('surprise_status', 'awaiting_address')
		});
		expect(render(m, 'en')).toBe('V-1 is awaiting_address.');
		expect(render(m, 'nl')).toBe('V-1 is wacht op adres.');
		expect(render(word('surprise_status', 'unheard_of') as string, 'nl')).toBe('unheard_of');
		expect(render('log_in_first', 'nl')).toBe('Log eerst in.');
		expect(render('Not a key at all.', 'nl')).toBe('Not a key at all.');
		expect(render('setting_postage_cents_invalid', 'en')).toBe(
			'Use a number of cents, or cents per method: {"stamp": 128, "postzegelcode": 128, "franking": 450}.'
		);
	});
});

/** Every `msg('key', { … })` and `zodIssue('key', { … })` call in the API with a literal key and literal parameters. */
function calls(dir: string): { at: string; key: string; params: string[] }[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const file = join(dir, entry.name);
		if (entry.isDirectory()) return calls(file);
		if (!entry.name.endsWith('.ts')) return [];
		const source = ts.createSourceFile(
			file,
			readFileSync(file, 'utf8'),
			ts.ScriptTarget.Latest,
			true
		);
		const found: { at: string; key: string; params: string[] }[] = [];
		const visit = (node: ts.Node): void => {
			if (
				ts.isCallExpression(node) &&
				ts.isIdentifier(node.expression) &&
				['msg', 'zodIssue'].includes(node.expression.text)
			) {
				const [key, params] = node.arguments;
				if (
					key &&
					ts.isStringLiteral(key) &&
					params &&
					ts.isObjectLiteralExpression(params) &&
					params.properties.every(
						(p) => ts.isPropertyAssignment(p) || ts.isShorthandPropertyAssignment(p)
					)
				) {
					found.push({
						at: `${entry.name}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`,
						key: key.text,
						params: params.properties.map((p) => p.name!.getText(source)).sort()
					});
				}
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
		return found;
	});
}

describe('the code that raises messages', () => {
	it('fills exactly the placeholders of each message', () => {
		const found = calls(join(import.meta.dirname, '../../../api/src'));
		expect(found.length).toBeGreaterThan(80);
		const wrong = found.filter(
			({ key, params }) =>
				JSON.stringify(params) !==
				JSON.stringify(placeholders((en as Record<string, string>)[key] ?? ''))
		);
		expect(wrong).toEqual([]);
	});
});

describe('DomainError in two languages', () => {
	it('keeps message and fields English, and gives both in Dutch on request', () => {
		const error = new ConflictError('reaction_post_link_taken', [
			{ field: 'url', message: 'reaction_already_logged' }
		]);
		expect(error.message).toBe('Another reaction has this post link.');
		expect(error.fields).toEqual([{ field: 'url', message: 'Already logged.' }]);
		expect(error.localized('nl')).toEqual({
			message: 'Een andere reactie heeft deze berichtlink al.',
			fields: [{ field: 'url', message: 'Al gelogd.' }]
		});
	});

	it('names the missing thing in Dutch', () => {
		expect(new NotFoundError('customer', 'abc').localized('nl').message).toBe(
			'Klant abc bestaat niet.'
		);
		expect(new NotFoundError('customer', 'abc').message).toBe('Customer abc does not exist.');
		expect(new NotFoundError('claim_link').details).toEqual({ entity: 'Claim link' });
	});
});
