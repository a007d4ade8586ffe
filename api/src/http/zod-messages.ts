import type { core } from 'zod';
import en from 'zod/v4/locales/en.js';
import nl from 'zod/v4/locales/nl.js';
import type { Locale } from '../domain/errors.ts';
import { dutchFor } from '../domain/messages-nl.ts';

const english = en().localeError;
const dutch = nl().localeError;

type Issue = core.$ZodIssue;

/** zod's own message text, whatever its return shape. */
function said(result: ReturnType<typeof english>): string | undefined {
  return typeof result === 'string' ? result : result?.message;
}

/** zod's types and their Dutch in its locale (the rest, like string or object, stays as is). */
const typeNl: Record<string, string> = { number: 'getal', nan: 'NaN' };

/**
 * One zod issue's message for the reader. zod's default English messages get zod's Dutch locale;
 * a schema's own message gets its Dutch from the catalogue; one with no Dutch stays English.
 */
export function zodMessage(issue: Issue, locale: Locale): string {
  if (locale === 'en') return issue.message;
  // Finished issues no longer carry the input, so zod's "received …" part is read off the message.
  if (issue.code === 'invalid_type') {
    const match = /^Invalid input: expected (.+), received (.+)$/.exec(issue.message);
    const expected = said(english({ ...issue, input: undefined } as never))?.replace(/, received undefined$/, '');
    if (match && expected === `Invalid input: expected ${match[1]}`) {
      const base = said(dutch({ ...issue, input: undefined } as never))?.replace(/, ontving undefined$/, '');
      if (base) return `${base}, ontving ${typeNl[match[2]!] ?? match[2]}`;
    }
  } else if (said(english(issue as never)) === issue.message) {
    const translated = said(dutch(issue as never));
    if (translated) return translated;
  }
  return dutchFor(issue.message) ?? issue.message;
}
