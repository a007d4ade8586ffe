import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ConflictError, nlWord, NotFoundError, t, textIn } from '../../../api/src/domain/errors.ts';
import { dutchFor, exactNl, patternsNl } from '../../../api/src/domain/messages-nl.ts';

const root = join(import.meta.dirname, '../../../api/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every `t(…)` call in the API's source, read with the TypeScript parser: its two texts as written. */
function calls(): { file: string; texts: string[]; literal: boolean }[] {
  const found: { file: string; texts: string[]; literal: boolean }[] = [];
  for (const file of sources(root)) {
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (node: ts.Node): void => {
      if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const literal = node.arguments.length === 2 && node.arguments.every((a) => ts.isStringLiteral(a) || ts.isNoSubstitutionTemplateLiteral(a) || ts.isTemplateExpression(a));
        found.push({ file: file.slice(root.length + 1), texts: node.arguments.map((a) => a.getText(source).slice(1, -1)), literal });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return found;
}

describe('Dutch error messages', () => {
  it('t() keeps English by default and gives Dutch when asked', () => {
    expect(textIn(t('Log in first.', 'Log eerst in.'), 'en')).toBe('Log in first.');
    expect(textIn(t('Log in first.', 'Log eerst in.'), 'nl')).toBe('Log eerst in.');
    expect(textIn('Only English.', 'nl')).toBe('Only English.');
  });

  it('every t() call passes its English and Dutch as two written texts', () => {
    expect(calls().length).toBeGreaterThan(100);
    expect(calls().filter((c) => !c.literal)).toEqual([]);
  });

  it('every t() pair has both texts, and the Dutch differs from the English', () => {
    const wrong = calls().filter(({ texts: [en = '', nl = ''] }) => !en.trim() || !nl.trim() || en === nl);
    expect(wrong).toEqual([]);
  });

  it('every catalogue entry has Dutch that differs from its English', () => {
    const wrong = Object.entries(exactNl).filter(([en, nl]) => !en.trim() || !nl.trim() || en === nl);
    expect(wrong).toEqual([]);
    for (const [pattern, nl] of patternsNl) expect(nl).not.toMatch(pattern);
  });

  it('fills numbers and names into the patterns, and has nothing for unknown text', () => {
    expect(dutchFor('Use at most 200 characters.')).toBe('Gebruik maximaal 200 tekens.');
    expect(dutchFor('This is a link to Instagram, not X.')).toBe('Dit is een link naar Instagram, niet naar X.');
    expect(dutchFor('Something nobody wrote.')).toBeNull();
  });
});

describe('DomainError in two languages', () => {
  it('keeps message and fields English, and gives both in Dutch on request', () => {
    const error = new ConflictError(t('Already there.', 'Staat er al.'), [{ field: 'name', message: t('In use.', 'In gebruik.') }, { field: 'x', message: 'English only.' }]);
    expect(error.message).toBe('Already there.');
    expect(error.fields).toEqual([
      { field: 'name', message: 'In use.' },
      { field: 'x', message: 'English only.' },
    ]);
    expect(error.localized('nl')).toEqual({
      message: 'Staat er al.',
      fields: [
        { field: 'name', message: 'In gebruik.' },
        { field: 'x', message: 'English only.' },
      ],
    });
  });

  it('names the missing thing in Dutch, and a status word through nlWord', () => {
    expect(new NotFoundError('Customer', 'abc').localized('nl').message).toBe('Klant abc bestaat niet.');
    expect(new NotFoundError('Customer', 'abc').message).toBe('Customer abc does not exist.');
    expect(nlWord('awaiting_address')).toBe('wacht op adres');
    expect(nlWord('unheard_of')).toBe('unheard_of');
  });
});
