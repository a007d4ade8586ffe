/**
 * The shape of a label sheet or card design in `templates/labels/*.json` and `templates/cards/*.json`.
 * All lengths are millimetres; boxes are measured from the top-left corner of the label or card as
 * it is read (after any rotation). A new sheet or design is a new JSON file, no code.
 */
import { z } from 'zod';

const mm = z.number().positive();
const mm0 = z.number().min(0);

export const FontId = z.string().regex(/^[a-z0-9-]+$/, 'a font id from templates/assets/fonts.json');

export const Box = z.strictObject({ x: mm0, y: mm0, width: mm, height: mm });
export type Box = z.infer<typeof Box>;

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'a colour like #1a2b3c');

export const TextStyle = z.strictObject({
  /** First font that has a character draws it; the rest are fallbacks. */
  fonts: z.array(FontId).min(1),
  /** Preferred size in points; text shrinks down to minSize to fit its box, then is flagged. */
  size: z.number().min(3).max(96),
  minSize: z.number().min(3).max(96),
  lineHeight: z.number().min(0.8).max(3).default(1.2),
  align: z.enum(['left', 'center', 'right']).default('left'),
  valign: z.enum(['top', 'middle', 'bottom']).default('top'),
  color: Color.default('#000000'),
});
export type TextStyle = z.infer<typeof TextStyle>;

const Grid = z.strictObject({
  columns: z.number().int().min(1).max(20),
  rows: z.number().int().min(1).max(40),
  /** Offset of the first cell's top-left corner from the page's top-left corner. */
  left: mm0,
  top: mm0,
  /** Distance from one cell's left (top) edge to the next one's. */
  pitchX: mm,
  pitchY: mm,
});

const Size = z.strictObject({ width: mm, height: mm });

const TemplateBase = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'lower-case letters, digits and dashes (the file name without .json)'),
  name: z.string().min(1).max(120),
  description: z.string().max(500).optional(),
  page: Size,
  grid: Grid,
};

export const LabelTemplate = z.strictObject({
  ...TemplateBase,
  kind: z.literal('label'),
  media: z.enum(['sheet', 'thermal']),
  label: z.strictObject({ width: mm, height: mm, cornerRadius: mm0.default(0) }),
  /** Degrees the content is turned within the label (DYMO labels feed short edge first: 90). */
  rotation: z.union([z.literal(0), z.literal(90), z.literal(270)]).default(0),
  layout: z.strictObject({
    returnAddress: z
      .strictObject({
        box: Box,
        style: TextStyle,
        /** Set: the lines are joined into one line with this separator. */
        joinWith: z.string().max(5).optional(),
      })
      .optional(),
    recipient: z.strictObject({
      box: Box,
      /** Where the recipient goes when a QR code takes room on the label. */
      boxWithQr: Box.optional(),
      style: TextStyle,
      /** The first line (the name) in this font, e.g. bold. */
      firstLineFonts: z.array(FontId).min(1).optional(),
    }),
    barcode: z
      .strictObject({
        box: Box,
        /** Narrowest bar in mm; shrinks to minModule to fit the box. */
        module: mm,
        minModule: mm,
      })
      .optional(),
    qr: z.strictObject({ box: Box }).optional(),
    reference: z.strictObject({ box: Box, style: TextStyle }).optional(),
    postage: z.strictObject({ box: Box, style: TextStyle, frame: z.boolean().default(true) }).optional(),
  }),
});
export type LabelTemplate = z.infer<typeof LabelTemplate>;

const Panel = {
  box: Box,
};

export const CardElement = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('logo'), ...Panel, align: z.enum(['left', 'center', 'right']).default('left') }),
  z.strictObject({
    type: z.literal('field'),
    field: z.enum(['message', 'signature', 'recipientName', 'reference']),
    /** Text put before the value, e.g. "Voor " before the recipient's name. */
    prefix: z.string().max(40).default(''),
    ...Panel,
    style: TextStyle,
  }),
  z.strictObject({ type: z.literal('text'), text: z.string().min(1).max(500), ...Panel, style: TextStyle }),
  z.strictObject({
    type: z.literal('line'),
    x1: mm0,
    y1: mm0,
    x2: mm0,
    y2: mm0,
    width: z.number().positive().max(5).default(0.3),
    color: Color.default('#999999'),
    dash: z.array(z.number().positive()).max(4).optional(),
  }),
]);
export type CardElement = z.infer<typeof CardElement>;

export const CardTemplate = z.strictObject({
  ...TemplateBase,
  kind: z.literal('card'),
  card: Size,
  /** Short marks outside the cards where the sheet is cut. */
  cropMarks: z.strictObject({ length: mm, offset: mm0, width: z.number().positive().max(2).default(0.25) }).optional(),
  /** One page per side; two sides are printed duplex (flip on the short edge). */
  sides: z.array(z.strictObject({ elements: z.array(CardElement) })).min(1).max(2),
  /** How much text the message box takes: read by the card checks in the API. */
  limits: z.strictObject({
    maxChars: z.number().int().positive(),
    maxLines: z.number().int().positive(),
    charsPerLine: z.number().int().positive(),
  }),
});
export type CardTemplate = z.infer<typeof CardTemplate>;

export const FontManifest = z.record(
  FontId,
  z.strictObject({
    /** npm package that ships the TTF (a dependency of the app) and the file inside it. */
    package: z.string().min(1),
    file: z.string().regex(/\.ttf$/, 'a .ttf file (WOFF2 subsetting crashed the process)'),
    /** Six capital letters: the PDF subset tag (pdffonts shows it as a subset). */
    tag: z.string().regex(/^[A-Z]{6}$/),
    licence: z.string().min(1),
  }),
);
export type FontManifest = z.infer<typeof FontManifest>;
