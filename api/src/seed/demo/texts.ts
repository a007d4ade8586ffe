/**
 * Demo texts in the voice of a real webcare team: warm, specific, a little informal. No stock phrases
 * ("excuses voor het ongemak"): those are what the card check is there to catch.
 */
import type { Rng } from './random.ts';

export type Reason =
	'service_recovery' | 'loyalty' | 'milestone' | 'great_conversation' | 'contest_entry' | 'other';
export type GiftKey = 'socks' | 'cinema' | 'garden' | 'card' | 'breakfast' | 'ecard';
export type Occasion = Reason | 'rak';

export const BRAND_HANDLE = '@stroopwafelenco';

const GIFT_PHRASES: Record<GiftKey, readonly string[]> = {
	socks: [
		'een paar warme sokken',
		'een paar sokken met stroopwafels erop',
		'een paar sokken voor koude avonden'
	],
	cinema: [
		'een bioscoopbon',
		'een avondje film van ons',
		'een bioscoopbon, popcorn mag je zelf kiezen'
	],
	garden: [
		'een cadeaukaart voor het tuincentrum',
		'iets groens voor in huis of tuin (je kiest het zelf)'
	],
	card: ['dit kaartje', 'een kaartje, met de hand geschreven'],
	breakfast: ['een paasontbijt aan huis'],
	ecard: ['dit digitale kaartje']
};

const OPENINGS_NL = ['Hoi {n},', 'Lieve {n},', 'Beste {n},', 'Hallo {n}!', 'Hé {n},', 'Dag {n},'];
const OPENINGS_EN = ['Hi {n},', 'Dear {n},', 'Hello {n}!'];

const BODIES_NL: Record<Occasion, readonly string[]> = {
	service_recovery: [
		'Die bestelling liet wel erg lang op zich wachten, en jij bleef al die tijd vriendelijk. Daarom krijg je {g} van ons.',
		'Een kapot pakket is echt balen, zeker als het een cadeau had moeten zijn. Fijn dat je het ons zo eerlijk liet weten. Hier alvast {g} als kleine goedmaker.',
		'Drie keer contact voor één bestelling: dat had gewoon beter gekund. Dank je voor je geduld. We sturen je {g}.',
		'Jouw bericht over de vertraging kwam bij ons binnen. Je had gelijk, en we hebben intern iets veranderd aan hoe we zendingen volgen. {G} om het weer een beetje goed te maken.',
		'Dat je wafels bij de buren van drie huizen verder terechtkwamen, hadden we liever anders gezien. Gelukkig kon je er zelf om lachen. Wij ook, een beetje. Hier is {g}.',
		'Je hebt twee weken gewacht op iets dat in twee dagen had moeten komen. Dat is niet hoe we het willen. {G} lost dat niet op, maar we wilden je wel laten weten dat we je gezien hebben.',
		'De verkeerde smaak, twee keer achter elkaar: wij zouden ook zuchten. Dank je wel dat je het zo netjes meldde. Voor een betere dag: {g}.',
		'We lieten je in de chat te lang wachten op een antwoord. Dat zit ons niet lekker. Daarom: {g}, zonder verdere voorwaarden.',
		'Jij hielp ons een fout in de webshop vinden waar veel meer mensen last van hadden. Daar zijn we je dankbaar voor. {G} is ons bedankje.',
		'Na al het gedoe met de retour vonden we dat je wel iets leuks verdiende. Niets ingewikkelds, gewoon {g}.'
	],
	loyalty: [
		'Je reageert al jaren vrolijk op onze posts en dat valt op. Dit keer zijn wij eens degene die iets komt brengen: {g}.',
		'Elke zaterdag een stroopwafel bij de koffie, schreef je. Wat ons betreft hoort daar nog iets bij: {g}.',
		'Je bent al zo lang klant dat we je naam op kantoor gewoon kennen. Tijd voor {g}.',
		'Jouw foto’s met onze wafels op de koffiekop maken hier op de afdeling altijd iemand blij. Dus nu andersom: {g}.',
		'Wie al tien jaar trouw bestelt, verdient af en toe iets terug. Bij dezen: {g}.',
		'Je beveelt ons aan bij iedereen die het horen wil, zagen we. Dat is het mooiste compliment dat er is. Hier is {g}.',
		'Vorige week tagde je ons voor de zoveelste keer in een foto. We hebben ze op kantoor eens op een rij gezet en werden er stil van. Dank je! Speciaal voor jou: {g}.',
		'Trouwe klanten zoals jij zijn de reden dat we dit werk zo leuk vinden. {G}, met liefs.'
	],
	milestone: [
		'Gefeliciteerd met je nieuwe huis! Voor de eerste avond tussen de verhuisdozen: {g}.',
		'Je vijftigste bestelling, zagen we. Daar hoort een klein feestje bij, al past het in een envelop: {g}.',
		'Proficiat met je diploma! We lazen je bericht en werden er zelf ook blij van. {G} voor de welverdiende rust.',
		'Een nieuwe baan, en dan ook nog in je eigen stad. Super! Voor de eerste werkweek: {g}.',
		'Er is een kleinkind bij gekomen, las ik. Van harte gefeliciteerd! Voor de nachtelijke oppasdiensten: {g}.',
		'Tien jaar getrouwd en jullie vierden het met onze stroopwafeltaart. Wat een eer. Van ons: {g}.',
		'Je eerste marathon uitgelopen! Die voeten hebben wel wat verdiend: {g}.'
	],
	great_conversation: [
		'Wat een leuk gesprek hadden we over de beste manier om een stroopwafel op te warmen. Jouw theekop-methode hebben we op kantoor meteen getest. Voor de gezelligheid: {g}.',
		'Je tip over de bezorgopties hebben we doorgegeven aan het team. Dank je wel dat je met ons meedenkt! {G} als dank.',
		'Zelden zo gelachen in een DM-gesprek. Dank je voor je humor op een maandagochtend. Hier is {g}.',
		'Jij legde in de comments aan een andere klant haarfijn uit hoe ons spaarprogramma werkt. Beter dan wij het kunnen! {G} voor onze nieuwe collega (grapje).',
		'Je vraag over de herkomst van onze karamel leidde tot een lang en leuk gesprek. Dank je voor je nieuwsgierigheid. Van ons: {g}.',
		'Ons gesprek over je oma’s recept voor stroopwafels ging hier op kantoor nog dagen rond. Dank je voor het delen. Speciaal voor jou: {g}.'
	],
	contest_entry: [
		'Gefeliciteerd, jij bent een van de winnaars van onze paaswinactie! Geniet van {g}, zonder zelf de tafel te hoeven dekken.',
		'Jouw foto van het paasontbijt van vorig jaar won het bij ons op kantoor. Dit jaar mag jij achterover leunen: {g}.',
		'Uit alle inzendingen werd jij getrokken. Fijne Pasen, met {g} en hopelijk wat zon erbij.'
	],
	other: [
		'Zomaar, omdat je de dag van iemand anders een stukje beter maakte. Dat zagen we, en daarom {g} voor jou.',
		'Je hielp een andere klant op weg voordat wij het konden doen. Heel aardig van je! {G} als dank.',
		'Geen bijzondere reden, behalve dat je ons vaak aan het lachen maakt. {G}, gewoon omdat het kan.'
	],
	rak: [
		'Vandaag is het Random Act of Kindness Day. Wij kozen jou, zomaar. Geniet van {g}!',
		'Voor Random Act of Kindness Day werd jouw naam getrokken. Geen reden, geen voorwaarden: gewoon {g}.',
		'Een willekeurige daad van vriendelijkheid, en deze keer ben jij aan de beurt. Met {g} en een glimlach van het hele team.',
		'We deden vandaag iets liefs voor mensen die het niet zagen aankomen. Jij bent er één van: {g}.'
	]
};

const BODIES_EN: Record<'any', readonly string[]> = {
	any: [
		'Your message about the delay reached us, and you were right. Thank you for your patience. Please enjoy {g}, with our thanks.',
		'You have been cheering us on for years, and it does not go unnoticed. This time it is our turn: {g}.',
		'What a lovely chat we had about the best way to warm up a stroopwafel. Here is {g} to go with the next one.',
		'Just because. Today is a good day for a small surprise, and we picked you. Enjoy {g}!'
	]
};

const CLOSINGS_NL = [
	'Fijne dag!',
	'Geniet ervan!',
	'Veel plezier ermee.',
	'Warme groet van het hele team.',
	'Tot de volgende keer!',
	'Doe je voeten de groeten.',
	'Proost op jou!',
	'Liefs uit de webcare-hoek.',
	'Een hele fijne week nog.',
	''
];
const CLOSINGS_EN = ['Have a lovely day!', 'Enjoy!', 'Warm regards from the whole team.', ''];

function capitalise(s: string): string {
	return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Draws without replacement per occasion, so two cards in a row are never the same body. */
export class CardWriter {
	private readonly decks = new Map<string, string[]>();
	private readonly rng: Rng;
	constructor(rng: Rng) {
		this.rng = rng;
	}

	private draw(key: string, source: readonly string[]): string {
		let deck = this.decks.get(key);
		if (!deck || deck.length === 0) {
			deck = this.rng.shuffle(source);
			this.decks.set(key, deck);
		}
		return deck.pop()!;
	}

	write(input: {
		firstName: string;
		locale: 'nl' | 'en';
		occasion: Occasion;
		gift: GiftKey;
	}): string {
		const r = this.rng;
		const phrase = r.pick(GIFT_PHRASES[input.gift]);
		const en = input.locale === 'en';
		const opening = r.pick(en ? OPENINGS_EN : OPENINGS_NL).replace('{n}', input.firstName);
		const body = (
			en ? this.draw('en', BODIES_EN.any) : this.draw(input.occasion, BODIES_NL[input.occasion])
		)
			.replace('{G}', capitalise(en ? englishGift(input.gift) : phrase))
			.replace('{g}', en ? englishGift(input.gift) : phrase);
		const closing = r.pick(
			en
				? CLOSINGS_EN
				: input.gift === 'socks'
					? CLOSINGS_NL
					: CLOSINGS_NL.filter((c) => !c.includes('voeten'))
		);
		return [opening, body, closing].filter(Boolean).join('\n\n');
	}
}

function englishGift(gift: GiftKey): string {
	return {
		socks: 'a pair of warm socks',
		cinema: 'a cinema voucher',
		garden: 'a garden centre gift card',
		card: 'this card',
		breakfast: 'an Easter breakfast',
		ecard: 'this little e-card'
	}[gift];
}

export const INTERNAL_NOTES: Record<Occasion, readonly string[]> = {
	service_recovery: [
		'Klant belde 3x over bestelling 48213; pakket bleek bij de buren. Adres via DM bevestigd.',
		'Twee keer verkeerde smaak geleverd (karamel i.p.v. honing). Creditnota al verstuurd.',
		'Pakket beschadigd door vervoerder; klacht bij vervoerder loopt (ticket 77120).',
		'Chat bleef 2 dagen onbeantwoord door storing in de inbox. Klant was er netjes over.',
		'Retour liep mis in het magazijn, zelf opgelost met Jesse.'
	],
	loyalty: [
		'Vaste fan, tagt ons bijna wekelijks. Geen klachten in het dossier.',
		'Klant sinds 2014, bestelt elke maand. Nooit eerder iets gestuurd.',
		'Doet veel mond-tot-mondreclame, zie reacties op Facebook.'
	],
	milestone: [
		'Mijlpaal gezien in een post, geen klantcontact nodig gehad.',
		'Gefeliciteerd via DM, klant vond dat erg leuk.'
	],
	great_conversation: [
		'Voorgedragen na lang gesprek op Instagram, zie screenshot in gedeelde map.',
		'Leuk DM-gesprek, tip doorgezet naar e-commerce.'
	],
	contest_entry: [
		'Winnaar paaswinactie; adres via adreslink.',
		'Getrokken uit de inzendingen; ontbijt via de bakker in de buurt.'
	],
	other: [
		'Hielp andere klanten in de comments. Gewoon leuk om te belonen.',
		'Door Fleur voorgedragen, geen verdere bijzonderheden.'
	],
	rak: ['Getrokken bij de RAK-trekking.', 'RAK-winnaar; maat navragen als het adres binnen is.']
};

export const NOMINATION_TEXTS: Record<Reason, readonly string[]> = {
	service_recovery: [
		'Pakket drie keer verkeerd bezorgd, bleef super vriendelijk in de DM.',
		'Klacht over kapotte verpakking, netjes opgelost; klant was erg begripvol.',
		'Wachtte 12 dagen op een bestelling en bleef rustig. Verdient iets extra’s.',
		'Verkeerde smaak geleverd bij een cadeaubestelling voor een verjaardag.',
		'Twee dagen geen antwoord gehad door onze storing. Had daar alle begrip voor.'
	],
	loyalty: [
		'Tagt ons elke week in koffiefoto’s.',
		'Klant sinds 2015, bestelt elke maand en reageert altijd positief.',
		'Deelt al jaren onze posts, nooit iets van ons gekregen.',
		'Beveelt ons aan in de buurt-app, zagen we in een screenshot.'
	],
	milestone: [
		'Verhuisd naar eerste eigen huis, met onze wafels op de verhuisdozen.',
		'Vierde tien jaar klant zijn, met een foto van de allereerste bestelling.',
		'Is net afgestudeerd en bedankte ons voor de “studiewafels”.',
		'Eerste marathon gelopen, had onze wafels bij de verzorgingspost.'
	],
	great_conversation: [
		'Heerlijk lang gesprek over de beste koffie bij een stroopwafel. Echt een leuk mens.',
		'Gaf ons een slimme tip voor de bezorgopties.',
		'Zat ons op maandagochtend aan het lachen te maken in de DM.'
	],
	contest_entry: [
		'Deed mee aan de paaswinactie met een foto van het ontbijt van vorig jaar.',
		'Inzending paaswinactie: gedichtje over paaseieren en stroopwafels.',
		'Inzending met tekening van de kinderen.'
	],
	other: [
		'Hielp een andere klant in de comments met een antwoord over bezorging.',
		'Zomaar een heel aardig bericht aan het team.'
	]
};

export const CANCEL_NOTES = [
	'Klant wilde liever niets ontvangen: “lief, maar niet nodig”.',
	'Dubbel aangemaakt, zie de andere verrassing.',
	'Bleek een collega te zijn.',
	'Klant gaf aan op vakantie te zijn; later opnieuw bekijken.'
];

/** Reaction texts: [text, sentiment, suggested sentiment (what the auto-suggestion guessed)]. */
type Sentiment = 'positive' | 'neutral' | 'negative';
type Line = readonly [text: string, sentiment: Sentiment, suggested?: Sentiment];

export const REACTIONS_ABOUT_GIFT: Record<GiftKey, readonly Line[]> = {
	socks: [
		['Wat een leuke verrassing! 🧦', 'positive'],
		[
			`Zojuist een pakketje van ${BRAND_HANDLE} op de mat. Sokken! Met stroopwafels erop! Ik ben fan.`,
			'positive'
		],
		[`Koude voeten zijn verleden tijd dankzij ${BRAND_HANDLE} 😄`, 'positive'],
		['Nooit gedacht dat ik blij zou worden van sokken. Dank jullie wel!', 'positive'],
		['Deze klantenservice, echt. Eerst mijn probleem opgelost en nu dit 🧦❤️', 'positive'],
		[
			'Sokken kwamen aan, maar maat 36–40 terwijl ik 44 heb 😅 Mijn dochter is blij.',
			'neutral',
			'positive'
		],
		['Mijn nieuwe lievelingssokken. Met een handgeschreven kaartje erbij!', 'positive']
	],
	cinema: [
		['Een bioscoopbon, zomaar! Vanavond gaan we 🍿', 'positive'],
		[`Dank je wel ${BRAND_HANDLE}, die film hebben we dit weekend gezien 🎬`, 'positive'],
		['Bioscoopbon ontvangen na mijn klacht. Netjes opgelost, zo hoort het.', 'positive'],
		[
			'Code van de bioscoopbon werkte eerst niet, maar na een DM was het binnen vijf minuten geregeld.',
			'neutral',
			'negative'
		]
	],
	garden: [
		[`Met de cadeaukaart van ${BRAND_HANDLE} drie nieuwe planten gehaald 🌿`, 'positive'],
		['Ons balkon is weer een stukje groener. Wat een lief gebaar!', 'positive']
	],
	card: [
		['Een handgeschreven kaartje, wie doet dat nog? Heel attent.', 'positive'],
		[
			'Kreeg een lief kaartje na mijn klacht van vorige week. Hier word ik toch wel blij van.',
			'positive'
		],
		[
			'Kaartje ontvangen. Aardig, maar mijn bestelling is nog steeds niet compleet.',
			'negative',
			'positive'
		]
	],
	breakfast: [
		['Paasontbijt aan de deur, compleet met eitjes en verse croissants 🥐🐣 Bedankt!', 'positive'],
		[
			`Gewonnen bij ${BRAND_HANDLE} en vanochtend stond dit voor de deur. De kinderen gingen helemaal los 😍`,
			'positive'
		],
		['Wat een ontbijt! Alles vers, en een kaartje met onze namen erop.', 'positive']
	],
	ecard: [
		[`Leuk mailtje gehad van ${BRAND_HANDLE} 😊`, 'positive'],
		['E-card van de webcare. Klein gebaar, maar ik werd er vrolijk van.', 'positive']
	]
};

export const REACTIONS_SPONTANEOUS: readonly Line[] = [
	['Beste klantenservice van Nederland, ik zeg het gewoon.', 'positive'],
	['Binnen tien minuten antwoord via WhatsApp. Top!', 'positive'],
	['De karamel-stroopwafels zijn weer terug 😍', 'positive'],
	['Bestelling vandaag al binnen, netjes verpakt.', 'positive'],
	['Snelle levering, vriendelijk contact, lekkere wafels. Vijf sterren.', 'positive'],
	[`Kan iedereen even ${BRAND_HANDLE} volgen? Leukste webcare die ik ken.`, 'positive'],
	['Verse stroopwafels op de koffietafel op kantoor. Iedereen blij.', 'positive'],
	['Mijn oma (92) vond de stroopwafeltaart het beste cadeau van het jaar.', 'positive'],
	['Fijn dat jullie meedenken over de bezorgtijden!', 'positive'],
	['Proefpakket gehaald, de honingvariant is de winnaar.', 'positive'],
	['Weet iemand of de glutenvrije variant nog terugkomt?', 'neutral'],
	['Besteld, nu maar wachten.', 'neutral'],
	['Hebben jullie ook cadeaupakketten voor de zaak?', 'neutral'],
	['Pakket is aangekomen.', 'neutral'],
	['Was het recept nou veranderd of lag het aan mij?', 'neutral', 'negative'],
	[`Al vijf dagen wachten op mijn bestelling. Niet oké, ${BRAND_HANDLE}.`, 'negative'],
	['Halve doos kapot aangekomen. Jammer.', 'negative'],
	['Geweldig hoor, wéér vertraging 🙄', 'negative', 'positive'],
	['Twee keer gebeld, twee keer een ander verhaal.', 'negative'],
	['Prijs weer omhoog, ik ga even nadenken.', 'negative', 'neutral']
];

export const REACTIONS_EN: readonly Line[] = [
	[`What a lovely surprise, thank you ${BRAND_HANDLE}!`, 'positive'],
	['Best customer service I have had in the Netherlands.', 'positive'],
	['Still waiting for my order to Germany…', 'negative']
];
