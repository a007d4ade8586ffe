/** Sample labels and cards for the print tests (fixed: the golden images depend on them). */
import type { CardData, LabelData } from '../../../templates/render/index.ts';

const returnAddress = ['Hoppatee hub', 'Postbus 1234', '1000 AB  AMSTERDAM'];

export const sampleLabels: LabelData[] = [
	{
		reference: 'HOP-00001',
		lines: ["Zoë van 't Hek", 'Keizersgracht 12 A', '1015 CS  AMSTERDAM'],
		postage: 'PostNL postzegelcode 8K4L 9QZX 2W',
		returnAddress
	},
	{
		reference: 'HOP-00002',
		lines: ['Łukasz Żółć', 'Hohe Straße 5', '50667 Köln', 'GERMANY'],
		qrUrl: 'https://hub.example/s/HOP-00002',
		returnAddress
	},
	{
		reference: 'HOP-00003',
		lines: ['Nguyễn Thị Minh Khai', 'Ĳsselkade 3', '3401 RK  IJSSELSTEIN'],
		postage: 'Frankering: port betaald',
		returnAddress
	},
	{
		reference: 'HOP-00004',
		lines: ['Şükrü Öztürk', 'Dorpsstraat 1 bis', '9711 AB  GRONINGEN'],
		returnAddress
	},
	{
		reference: 'HOP-00005',
		lines: ['محمد العلي', 'Oranjelaan 44', '2511 CD  DEN HAAG'],
		returnAddress
	},
	{
		reference: 'HOP-00006',
		lines: [
			'Wolfeschlegelsteinhausenbergerdorff-Vandenberghe de Jong',
			'Burgemeester Reigerstraat 100 hs',
			'3511 AB  UTRECHT'
		],
		returnAddress
	}
];

export const sampleCards: CardData[] = [
	{
		reference: 'HOP-00001',
		recipientName: 'Zoë',
		message:
			'Hoi Zoë,\nwat fijn dat je ons liet weten hoe blij je was met de hulp van het team. Als dank sturen we je iets lekkers voor bij de koffie.\n\nGeniet ervan!',
		signature: 'Sanne, namens de hub'
	},
	{
		reference: 'HOP-00002',
		recipientName: 'Łukasz',
		message: 'Gefeliciteerd met je verjaardag, Łukasz! Neem iemand leuks mee naar de film.',
		signature: 'Şükrü'
	},
	{
		reference: 'HOP-00003',
		recipientName: 'Nguyễn',
		message: 'Dank je wel voor je mooie woorden over onze winkel.',
		signature: 'Ĳsbrand'
	},
	{ reference: 'HOP-00004', message: 'Een kleine verrassing, zomaar.', signature: 'Daan' }
];
