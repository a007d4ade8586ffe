/**
 * A claim link carries its secret in the path (`/claim/<token>` for the page,
 * `/api/v1/claims/<token>` for the API), and so does a display link (`/wall/<token>`, `/api/v1/wall/<token>`). The database keeps only its hash, so logs keep no more
 * than a short prefix: enough to follow one link's requests, far too little to use it (6 of 43
 * characters leave 220 random bits). The same holds for the "it arrived" link (`/arrived/<token>`).
 */
const CLAIM_PATH =
	/^(\/(?:api\/v1\/claims|claim|api\/v1\/arrivals|arrived|api\/v1\/address-checks|address-check|api\/v1\/wall|wall)\/)([^/]+)/;
const KEPT = 6;

export function redactPath(pathname: string): string {
	return pathname.replace(CLAIM_PATH, (_, head: string, token: string) =>
		token.length > KEPT ? `${head}${token.slice(0, KEPT)}…` : head + token
	);
}
