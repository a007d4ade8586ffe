import { apiClient } from '#lib/server/api.ts';
import type { PageServerLoad } from './$types';

/**
 * The wall on a TV: public, opened through a display link. The page renders what the wall shows
 * now; its script then follows the event stream. `?theme=` and `?lang=` override the link's own.
 */
export const load: PageServerLoad = async (event) => {
	event.setHeaders({
		'cache-control': 'no-store',
		'x-robots-tag': 'noindex, nofollow',
		// The token is in the URL: it goes nowhere else.
		'referrer-policy': 'no-referrer'
	});
	const res = await apiClient(event).api.v1.wall[':token'].$get({
		param: { token: event.params.token }
	});
	const theme = event.url.searchParams.get('theme');
	const lang = event.url.searchParams.get('lang');
	if (!res.ok) {
		return {
			bare: true as const,
			wall: null,
			theme: theme === 'light' ? ('light' as const) : ('dark' as const),
			locale: lang === 'en' ? ('en' as const) : ('nl' as const)
		};
	}
	const wall = await res.json();
	return {
		bare: true as const,
		wall,
		theme: theme === 'light' || theme === 'dark' ? theme : wall.link.theme,
		locale: lang === 'en' || lang === 'nl' ? lang : wall.link.locale
	};
};
