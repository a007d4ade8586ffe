/** Name and place lists for fictional demo customers. Any resemblance to real people is coincidental. */

export const FIRST_NAMES = [
	'Anne',
	'Sanne',
	'Lotte',
	'Femke',
	'Emma',
	'Julia',
	'Sophie',
	'Lisa',
	'Eva',
	'Noor',
	'Fenna',
	'Tess',
	'Mila',
	'Saar',
	'Iris',
	'Marloes',
	'Ingrid',
	'Annemiek',
	'Willemijn',
	'Hanneke',
	'Wilma',
	'Ria',
	'Joke',
	'Marieke',
	'Esther',
	'Daan',
	'Sem',
	'Lucas',
	'Finn',
	'Bram',
	'Thijs',
	'Jesse',
	'Ruben',
	'Stijn',
	'Niels',
	'Joris',
	'Bas',
	'Jeroen',
	'Maarten',
	'Wouter',
	'Pieter',
	'Kees',
	'Henk',
	'Gerrit',
	'Jan',
	'Dirk',
	'Koen',
	'Teun',
	'Floris',
	'Hidde',
	'Sjoerd',
	'Wietske',
	'Geert',
	'Roos',
	'Jasmijn',
	'Maud',
	'Ilse',
	'Mirjam',
	'Tineke',
	'Gert-Jan',
	'Jan-Willem',
	'Anouk',
	'Merel',
	'Vera',
	'Lieke',
	'Job',
	'Siem',
	'Hugo',
	'Olivier'
] as const;

/** Surnames as [tussenvoegsel, last name]; the tussenvoegsel is written in lower case after a first name. */
export const SURNAMES: readonly (readonly [string, string])[] = [
	['de', 'Jong'],
	['', 'Jansen'],
	['de', 'Vries'],
	['van den', 'Berg'],
	['van', 'Dijk'],
	['', 'Bakker'],
	['', 'Visser'],
	['', 'Smit'],
	['', 'Meijer'],
	['de', 'Boer'],
	['', 'Mulder'],
	['de', 'Groot'],
	['', 'Bos'],
	['', 'Vos'],
	['', 'Peters'],
	['', 'Hendriks'],
	['van', 'Leeuwen'],
	['', 'Dekker'],
	['', 'Brouwer'],
	['de', 'Wit'],
	['', 'Dijkstra'],
	['', 'Smits'],
	['de', 'Graaf'],
	['van der', 'Meer'],
	['van der', 'Linden'],
	['', 'Kok'],
	['', 'Jacobs'],
	['de', 'Haan'],
	['', 'Vermeulen'],
	['van den', 'Heuvel'],
	['van der', 'Veen'],
	['van den', 'Broek'],
	['de', 'Bruijn'],
	['van der', 'Heijden'],
	['', 'Schouten'],
	['van', 'Beek'],
	['', 'Willems'],
	['van', 'Vliet'],
	['van de', 'Ven'],
	['', 'Hoekstra'],
	['', 'Maas'],
	['', 'Verhoeven'],
	['', 'Koster'],
	['van', 'Dam'],
	['van der', 'Wal'],
	['', 'Prins'],
	['', 'Blom'],
	['', 'Huisman'],
	['', 'Postma'],
	["in 't", 'Veld'],
	['ter', 'Horst'],
	['op den', 'Kamp'],
	['', 'Kuipers'],
	['van', 'Wijk'],
	['', 'Zwart'],
	['', 'Veenstra'],
	['de', 'Lange'],
	['van', 'Rijn'],
	['', 'Bosman'],
	['', 'Wolters']
];

/** Full names from elsewhere, to keep the customer list (and the label printer) honest. */
export const INTERNATIONAL_NAMES: readonly (readonly [
	first: string,
	last: string,
	slug: string
])[] = [
	['Priya', 'Ramdin', 'priya.ramdin'],
	['Kofi', 'Mensah', 'kofi.mensah'],
	['Mei', 'Chen', 'mei.chen'],
	['Olga', 'Kowalczyk', 'olga.kowalczyk'],
	['Chiara', 'Rossi', 'chiara.rossi'],
	['Mehmet', 'Yılmaz', 'mehmet.yilmaz'],
	['Aylin', 'Demir', 'aylin.demir'],
	['Fatima', 'Bakkali', 'fatima.bakkali'],
	['Yassine', 'El Idrissi', 'yassine.elidrissi'],
	['Ingrid', 'Sørensen', 'ingrid.sorensen'],
	['Björn', 'Andersson', 'bjorn.andersson'],
	['Siobhán', "O'Brien", 'siobhan.obrien'],
	['José', 'García', 'jose.garcia'],
	['François', 'Dubois', 'francois.dubois'],
	['Ioana', 'Popescu', 'ioana.popescu'],
	['Dewi', 'Soeparman', 'dewi.soeparman'],
	['Rohan', 'Baldewsingh', 'rohan.baldewsingh'],
	['Esra', 'Çelik', 'esra.celik']
];

export interface PlaceNl {
	city: string;
	postcodes: readonly [number, number];
	streets: readonly string[];
}

export const NL_PLACES: readonly PlaceNl[] = [
	{
		city: 'Amsterdam',
		postcodes: [1011, 1098],
		streets: [
			'Prinsengracht',
			'Kinkerstraat',
			'Van Woustraat',
			'Javastraat',
			'Bilderdijkstraat',
			'Czaar Peterstraat'
		]
	},
	{
		city: 'Rotterdam',
		postcodes: [3011, 3089],
		streets: ['Nieuwe Binnenweg', 'Zwart Janstraat', 'Meent', 'Groene Hilledijk', 'Schiedamseweg']
	},
	{
		city: 'Utrecht',
		postcodes: [3511, 3585],
		streets: [
			'Oudegracht',
			'Biltstraat',
			'Amsterdamsestraatweg',
			'Twijnstraat',
			'Burgemeester Reigerstraat'
		]
	},
	{
		city: 'Den Haag',
		postcodes: [2491, 2597],
		streets: ['Frederik Hendriklaan', 'Weimarstraat', 'Laan van Meerdervoort', 'Prinsestraat']
	},
	{
		city: 'Eindhoven',
		postcodes: [5611, 5658],
		streets: ['Stratumseind', 'Kruisstraat', 'Woenselse Markt', 'Hoogstraat']
	},
	{
		city: 'Groningen',
		postcodes: [9711, 9747],
		streets: ['Folkingestraat', 'Oosterstraat', 'Nieuwe Ebbingestraat', 'Korreweg']
	},
	{
		city: 'Zwolle',
		postcodes: [8011, 8043],
		streets: ['Diezerstraat', 'Assendorperstraat', 'Thorbeckegracht']
	},
	{
		city: 'Maastricht',
		postcodes: [6211, 6229],
		streets: ['Rechtstraat', 'Boschstraat', 'Wycker Brugstraat']
	},
	{ city: 'Leeuwarden', postcodes: [8911, 8939], streets: ['Nieuwestad', 'Voorstreek', 'Tuinen'] },
	{
		city: 'Arnhem',
		postcodes: [6811, 6846],
		streets: ['Steenstraat', 'Sonsbeeksingel', 'Hommelseweg']
	},
	{
		city: 'Nijmegen',
		postcodes: [6511, 6546],
		streets: ['Hertogstraat', 'Graafseweg', 'Groenestraat']
	},
	{
		city: 'Haarlem',
		postcodes: [2011, 2037],
		streets: ['Kleine Houtstraat', 'Zijlweg', 'Rijksstraatweg']
	},
	{
		city: 'Leiden',
		postcodes: [2311, 2334],
		streets: ['Haarlemmerstraat', 'Breestraat', 'Hooigracht']
	},
	{
		city: 'Delft',
		postcodes: [2611, 2629],
		streets: ['Oude Delft', 'Voldersgracht', 'Papsouwselaan']
	},
	{
		city: 'Tilburg',
		postcodes: [5011, 5049],
		streets: ['Piusstraat', 'Korvelseweg', 'Ringbaan-West']
	},
	{
		city: "'s-Hertogenbosch",
		postcodes: [5211, 5236],
		streets: ['Orthenstraat', 'Vughterstraat', 'Hinthamerstraat']
	},
	{
		city: 'IJmuiden',
		postcodes: [1971, 1976],
		streets: ['Kennemerlaan', 'Lange Nieuwstraat', 'Zeeweg']
	},
	{
		city: 'Alkmaar',
		postcodes: [1811, 1834],
		streets: ['Langestraat', 'Koningsweg', 'Kennemerstraatweg']
	},
	{ city: 'Dokkum', postcodes: [9101, 9104], streets: ['Diepswal', 'Hoogstraat'] },
	{ city: 'Zierikzee', postcodes: [4301, 4301], streets: ['Poststraat', 'Havenpark'] }
];

export interface PlaceAbroad {
	city: string;
	postcode: string;
	streets: readonly string[];
}

export const BE_PLACES: readonly PlaceAbroad[] = [
	{ city: 'Antwerpen', postcode: '2000', streets: ['Meir', 'Kammenstraat', 'Nationalestraat'] },
	{
		city: 'Gent',
		postcode: '9000',
		streets: ['Veldstraat', 'Sint-Pietersnieuwstraat', 'Vrijdagmarkt']
	},
	{ city: 'Brussel', postcode: '1000', streets: ['Dansaertstraat', 'Nieuwstraat'] }
];

export const DE_PLACES: readonly PlaceAbroad[] = [
	{ city: 'Köln', postcode: '50667', streets: ['Hohe Straße', 'Ehrenstraße'] },
	{ city: 'Düsseldorf', postcode: '40213', streets: ['Bolkerstraße', 'Königsallee'] }
];

/** Postcode letters: two capitals; SA, SD and SS are never issued in the Netherlands. */
export const POSTCODE_LETTERS = 'ABCDEGHJKLMNPRTVWXZ';
