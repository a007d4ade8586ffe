/**
 * Every rule the domain enforces fails with a DomainError; the HTTP layer maps `code` to a status in
 * one table (http/problem.ts), so routes never decide statuses themselves.
 */
export type ErrorCode =
  | 'validation'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'idempotency_mismatch'
  | 'unprocessable';

/** The languages an error can be told in: English is the default, Dutch when the reader asks. */
export type Locale = 'en' | 'nl';

/** A message for people: plain English, or the same message in English and Dutch. */
export type Text = string | { readonly en: string; readonly nl: string };

/** One message in both languages; the English stays what tests and API clients read by default. */
export function t(en: string, nl: string): Text {
  return { en, nl };
}

/** The text in one language; a plain string (no Dutch yet) stays readable English. */
export function textIn(text: Text, locale: Locale): string {
  return typeof text === 'string' ? text : text[locale] || text.en;
}

export interface FieldError {
  /** Dotted path into the input, e.g. `handles.0.handle`. */
  field: string;
  message: string;
}

/** A field error as the domain raises it: its message may come in both languages. */
export interface FieldText {
  field: string;
  message: Text;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  /** In English, like `message`; `localized()` gives both in the reader's language. */
  readonly fields: FieldError[];
  readonly details: Record<string, unknown>;
  readonly text: Text;
  readonly fieldTexts: FieldText[];
  constructor(code: ErrorCode, message: Text, options: { fields?: FieldText[]; details?: Record<string, unknown> } = {}) {
    super(textIn(message, 'en'));
    this.name = new.target.name;
    this.code = code;
    this.text = message;
    this.fieldTexts = options.fields ?? [];
    this.fields = this.fieldTexts.map((f) => ({ field: f.field, message: textIn(f.message, 'en') }));
    this.details = options.details ?? {};
  }

  /** The message and field messages in one language. */
  localized(locale: Locale): { message: string; fields: FieldError[] } {
    return { message: textIn(this.text, locale), fields: this.fieldTexts.map((f) => ({ field: f.field, message: textIn(f.message, locale) })) };
  }
}

export class ValidationError extends DomainError {
  constructor(message: Text, fields: FieldText[] = []) {
    super('validation', message, { fields });
  }
}

export class UnauthenticatedError extends DomainError {
  constructor(message: Text = t('Log in first.', 'Log eerst in.')) {
    super('unauthenticated', message);
  }
}

export class ForbiddenError extends DomainError {
  constructor(message: Text = t('Your role may not do this.', 'Dit mag je met jouw rol niet doen.')) {
    super('forbidden', message);
  }
}

/** The Dutch names of the things a NotFoundError can be about (the English name is the key). */
const ENTITY_NL: Record<string, string> = {
  Address: 'Adres',
  'API token': 'API-token',
  Campaign: 'Campagne',
  'Claim link': 'Adreslink',
  Customer: 'Klant',
  Email: 'E-mail',
  Gift: 'Cadeau',
  Nomination: 'Nominatie',
  Message: 'Bericht',
  'Print job': 'Printopdracht',
  Reaction: 'Reactie',
  Surprise: 'Verrassing',
  Setting: 'Instelling',
  Template: 'Sjabloon',
  User: 'Gebruiker',
  Variant: 'Variant',
  'Voucher code': 'Vouchercode',
};

/** Dutch for the status and kind words that messages name (campaign, surprise, nomination, gift). */
const WORD_NL: Record<string, string> = {
  draft: 'concept',
  submitted: 'ingediend',
  approved: 'goedgekeurd',
  rejected: 'afgewezen',
  changes_requested: 'teruggestuurd voor wijzigingen',
  active: 'actief',
  closed: 'gesloten',
  planned: 'gepland',
  awaiting_address: 'wacht op adres',
  ready: 'klaar',
  printed: 'geprint',
  shipped: 'verstuurd',
  delivered: 'bezorgd',
  cancelled: 'geannuleerd',
  sent: 'verzonden',
  open: 'open',
  accepted: 'geaccepteerd',
  declined: 'afgewezen',
  expired: 'verlopen',
  item: 'artikel',
  voucher: 'voucher',
  card: 'kaart',
  experience: 'belevenis',
  digital: 'digitaal',
  physical: 'fysiek',
  nothing: 'niets',
};

/** A status or kind word in Dutch, for the Dutch half of a message; unknown words stay as they are. */
export function nlWord(word: string): string {
  return WORD_NL[word] ?? word;
}

export class NotFoundError extends DomainError {
  constructor(entity: string, id?: string) {
    const nl = ENTITY_NL[entity] ?? entity;
    super('not_found', id ? t(`${entity} ${id} does not exist.`, `${nl} ${id} bestaat niet.`) : t(`${entity} does not exist.`, `${nl} bestaat niet.`), {
      details: { entity },
    });
  }
}

export class ConflictError extends DomainError {
  constructor(message: Text, fields: FieldText[] = [], details: Record<string, unknown> = {}) {
    super('conflict', message, { fields, details });
  }
}

export class RateLimitedError extends DomainError {
  readonly retryAfterSeconds: number;
  constructor(retryAfterSeconds: number) {
    super('rate_limited', t('Too many attempts. Wait a moment and try again.', 'Te veel pogingen. Wacht even en probeer het opnieuw.'), { details: { retryAfterSeconds } });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class IdempotencyMismatchError extends DomainError {
  constructor() {
    super(
      'idempotency_mismatch',
      t('This Idempotency-Key was already used with a different request body.', 'Deze Idempotency-Key is al gebruikt voor een ander verzoek.'),
    );
  }
}
