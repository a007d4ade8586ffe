/**
 * How much text fits on each card design.
 * TODO(templates): read these from the card templates in `templates/cards/*.json` once they exist
 * (same ids), so a new card design is only a new file; keep this map as the fallback for tests.
 */
export const cardLimits = {
  'a6-postcard': { maxChars: 350, maxLines: 9, charsPerLine: 42 },
  'a5-folded': { maxChars: 700, maxLines: 18, charsPerLine: 44 },
  'a4-4up': { maxChars: 300, maxLines: 8, charsPerLine: 40 },
} as const satisfies Record<string, CardLimit>;

export interface CardLimit {
  maxChars: number;
  maxLines: number;
  /** Characters of the handwriting font on one line, for estimating wrapped lines. */
  charsPerLine: number;
}

export type CardTemplateId = keyof typeof cardLimits;
export const cardTemplateIds = Object.keys(cardLimits) as [CardTemplateId, ...CardTemplateId[]];

const graphemes = new Intl.Segmenter('nl', { granularity: 'grapheme' });

/** Characters as a reader counts them: an emoji or "ë" written with a combining mark is one. */
export function countChars(text: string): number {
  let n = 0;
  for (const _ of graphemes.segment(text)) n++;
  return n;
}

/** UTF-16 offset of the grapheme after the first `count` ones (text.length when shorter). */
function offsetAfter(text: string, count: number): number {
  let n = 0;
  for (const { index } of graphemes.segment(text)) {
    if (n === count) return index;
    n++;
  }
  return text.length;
}

export interface LaidOutLine {
  start: number;
  end: number;
}

/**
 * Lines as the card would show them: every line break starts a line, and a paragraph longer than
 * `charsPerLine` wraps at spaces (a word longer than a line is cut).
 */
export function layoutLines(message: string, charsPerLine: number): LaidOutLine[] {
  const text = message.replace(/\s+$/u, '');
  if (!text) return [];
  const lines: LaidOutLine[] = [];
  const breaks = /\r\n|\r|\n/g;
  let from = 0;
  for (;;) {
    const lineBreak = breaks.exec(text);
    const to = lineBreak ? lineBreak.index : text.length;
    wrapParagraph(text.slice(from, to), from, charsPerLine, lines);
    if (!lineBreak) return lines;
    from = lineBreak.index + lineBreak[0].length;
  }
}

function wrapParagraph(paragraph: string, offset: number, charsPerLine: number, lines: LaidOutLine[]): void {
  let line: { start: number; end: number; chars: number } | null = null;
  for (const w of paragraph.matchAll(/\S+/g)) {
    const start = offset + w.index;
    const chars = countChars(w[0]);
    if (line && line.chars + 1 + chars <= charsPerLine) {
      line.chars += 1 + chars;
      line.end = start + w[0].length;
      continue;
    }
    if (line) lines.push({ start: line.start, end: line.end });
    let rest = w[0];
    let restStart = start;
    while (countChars(rest) > charsPerLine) {
      const cut = offsetAfter(rest, charsPerLine);
      lines.push({ start: restStart, end: restStart + cut });
      rest = rest.slice(cut);
      restStart += cut;
    }
    line = { start: restStart, end: restStart + rest.length, chars: countChars(rest) };
  }
  lines.push(line ? { start: line.start, end: line.end } : { start: offset, end: offset });
}

export interface LengthIssue {
  measure: 'chars' | 'lines';
  limit: number;
  actual: number;
  /** Where the text stops fitting, to the end of the message. */
  start: number;
  end: number;
}

export function checkLength(message: string, limit: CardLimit): LengthIssue[] {
  const issues: LengthIssue[] = [];
  const chars = countChars(message.trim());
  const leading = message.length - message.trimStart().length;
  if (chars > limit.maxChars) {
    issues.push({ measure: 'chars', limit: limit.maxChars, actual: chars, start: leading + offsetAfter(message.trim(), limit.maxChars), end: message.trimEnd().length });
  }
  const lines = layoutLines(message, limit.charsPerLine);
  if (lines.length > limit.maxLines) {
    issues.push({ measure: 'lines', limit: limit.maxLines, actual: lines.length, start: lines[limit.maxLines]!.start, end: message.trimEnd().length });
  }
  return issues;
}

/** Without a chosen card: only warn when the message fits on no card at all. */
export function largestCard(): [CardTemplateId, CardLimit] {
  return (Object.entries(cardLimits) as [CardTemplateId, CardLimit][]).reduce((a, b) => (b[1].maxChars > a[1].maxChars ? b : a));
}
