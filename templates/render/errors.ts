/** A request the renderer cannot serve (unknown template, start position beyond the sheet …). */
export class RenderInputError extends Error {
  readonly field: 'templateId' | 'startPosition' | 'labels' | 'cards';
  constructor(field: RenderInputError['field'], message: string) {
    super(message);
    this.name = 'RenderInputError';
    this.field = field;
  }
}

export interface Flag {
  reference: string;
  kind: 'unprintable_glyph' | 'overflow';
  detail: string;
}

/** Collects flags, once per reference, kind and detail. */
export class FlagList {
  readonly flags: Flag[] = [];
  private readonly seen = new Set<string>();
  add(reference: string, kind: Flag['kind'], detail: string): void {
    const key = `${reference}\u0000${kind}\u0000${detail}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.flags.push({ reference, kind, detail });
  }
}
