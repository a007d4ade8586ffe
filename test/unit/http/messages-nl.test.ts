import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { t, textIn } from '../../../api/src/domain/errors.ts';
import { dutchFor, exactNl, patternsNl } from '../../../api/src/http/messages-nl.ts';

const root = join(import.meta.dirname, '../../../api/src');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

/** Every `t('…', '…')` pair written in the API's source (quotes or backticks, on one or more lines). */
function pairs(): { file: string; en: string; nl: string }[] {
  const quoted = String.raw`(['\`])((?:\\.|(?!\1)[^\\])*)\1`;
  const call = new RegExp(String.raw`\bt\(\s*` + quoted + String.raw`,\s*` + quoted.replaceAll('\\1', '\\3') + String.raw`,?\s*\)`, 'g');
  return sources(root).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(call)].map((m) => ({ file: file.slice(root.length + 1), en: m[2]!, nl: m[4]! })),
  );
}

describe('Dutch error messages', () => {
  it('t() keeps English by default and gives Dutch when asked', () => {
    expect(textIn(t('Log in first.', 'Log eerst in.'), 'en')).toBe('Log in first.');
    expect(textIn(t('Log in first.', 'Log eerst in.'), 'nl')).toBe('Log eerst in.');
    expect(textIn('Only English.', 'nl')).toBe('Only English.');
  });

  it('reads every t() call in the source as a pair of literal texts', () => {
    const calls = sources(root).reduce((n, file) => n + (readFileSync(file, 'utf8').match(/(?<![\w.])t\(/g)?.length ?? 0), 0);
    // One `t(` is the helper's own declaration; every call passes its two texts literally.
    expect(pairs().length).toBe(calls - 1);
    expect(pairs().length).toBeGreaterThan(20);
  });

  it('every t() pair has both texts, and the Dutch differs from the English', () => {
    const wrong = pairs().filter((p) => !p.en.trim() || !p.nl.trim() || p.en === p.nl);
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
