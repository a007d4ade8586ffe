import { describe, expect, it } from 'vitest';
import { CODE128_PATTERNS, code128Modules, code128Values } from '../../../templates/render/code128.ts';

describe('Code 128', () => {
  it('has 107 distinct patterns of 11 modules (stop: 13)', () => {
    expect(CODE128_PATTERNS).toHaveLength(107);
    expect(new Set(CODE128_PATTERNS).size).toBe(107);
    CODE128_PATTERNS.forEach((p, i) => expect([...p].reduce((a, c) => a + Number(c), 0), `symbol ${i}`).toBe(i === 106 ? 13 : 11));
  });

  it('encodes text in set B with the right check symbol', () => {
    // Start B (104), "A" = 33, check (104 + 33) % 103 = 34, stop.
    expect(code128Values('A')).toEqual([104, 33, 34, 106]);
  });

  it('switches to set C for a run of digits at the end (odd run: one digit in B first)', () => {
    // HOP- 0 | C 00 01
    expect(code128Values('HOP-00001')!.slice(0, -2)).toEqual([104, 40, 47, 48, 13, 16, 99, 0, 1]);
  });

  it('starts in set C for an even run of digits', () => {
    expect(code128Values('123456')!.slice(0, 4)).toEqual([105, 12, 34, 56]);
  });

  it('refuses characters outside printable ASCII', () => {
    expect(code128Values('HOP-ÅÄÖ')).toBeNull();
    expect(code128Values('')).toBeNull();
    expect(code128Modules('a\u0000b')).toBeNull();
  });

  it('yields bars and spaces summing to 11 per symbol + 13', () => {
    const modules = code128Modules('HOP-00042')!;
    expect(modules.reduce((a, b) => a + b, 0)).toBe((code128Values('HOP-00042')!.length - 1) * 11 + 13);
  });
});
