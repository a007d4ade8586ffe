/**
 * At most this many characters (code points, so an emoji counts once) in a person's name: the
 * customer's, and the recipient's on the claim page. No dependency: the web states it beside the field.
 */
export const MAX_NAME_CHARS = 200;
