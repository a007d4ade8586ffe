/** The demo company as customers see it: Stroopwafel & Co (fictional). */
export const DEMO_BRAND = {
	name: 'Stroopwafel & Co',
	color: '#8a4b16',
	senderName: 'Sanne van Stroopwafel & Co',
	replyTo: 'webcare@stroopwafel-en-co.example',
	privacyUrl: 'https://stroopwafel-en-co.example/privacy',
	addressWhy: {
		nl: 'We gebruiken je adres alleen om dit cadeau te versturen en wissen het 30 dagen na aankomst.',
		en: 'We use your address only to send this gift and delete it 30 days after it arrives.'
	},
	showSentWith: true
};

/**
 * A waffle and the word mark, in the SVG the card renderer draws as vectors (absolute M L H V C Z
 * paths and one <text> in our bold sans); browsers take the second font family.
 */
export const DEMO_LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 32" width="200" height="32">
<path fill="#C8863B" d="M16 2 C23.73 2 30 8.27 30 16 C30 23.73 23.73 30 16 30 C8.27 30 2 23.73 2 16 C2 8.27 8.27 2 16 2 Z"/>
<path fill="#8A4B16" d="M6 11 L8 9 L23 24 L21 26 Z"/>
<path fill="#8A4B16" d="M10 6 L12 5 L27 19 L26 22 Z"/>
<path fill="#8A4B16" d="M26 11 L24 9 L9 24 L11 26 Z"/>
<path fill="#8A4B16" d="M22 6 L20 5 L5 19 L6 22 Z"/>
<text x="38" y="22" font-size="16" font-family="sans-bold, Verdana, Arial, sans-serif" font-weight="bold" fill="#5B3A1A">Stroopwafel &amp; Co</text>
</svg>`;
