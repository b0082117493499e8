// Word lists for the data generator: people from several languages (with their diacritics and
// name order), their phone formats and addresses, companies, titles and what people talk about.
import type { Random } from './random';

export interface Culture {
  key: string;
  given: readonly string[];
  family: readonly string[];
  /** family name first, as in Vietnamese and Japanese */
  familyFirst?: boolean;
  /** two family names (Spanish, Portuguese) */
  doubleFamily?: boolean;
  /** a middle initial now and then ("James T. Wright") */
  middleInitial?: boolean;
  /** ASCII form for email local parts */
  emailDomain: readonly string[];
  phone(r: Random): string;
  address(r: Random): string;
  weight: number;
}

const digits = (r: Random, n: number) => Array.from({ length: n }, () => r.int(0, 9)).join('');

export const CULTURES: readonly Culture[] = [
  {
    key: 'en',
    given: ['Zoë', 'Oliver', 'Amelia', 'Harry', 'Isla', 'Jack', 'Chloë', 'Noah', 'Grace', 'Liam', 'Emily', 'James', 'Sophie', 'Henry', 'Ruth', 'Margaret', 'Arthur', 'Evie', 'Samuel', 'Florence', 'Poppy', 'Theo', 'Imogen', 'Alfie', 'Matilda', 'George', 'Rosie', 'Freddie', 'Niamh', 'Seán', 'Siobhán', 'Rhys'],
    family: ['Smith', 'Jones', 'Taylor', 'Brown', 'Williams', 'Wilson', 'Johnson', 'Davies', 'Robinson', 'Wright', "O'Brien", 'Hamilton', 'Clarke', 'Hughes', 'Walker', 'Bennett', 'Edwards', 'Green', 'Hall', 'Wood', 'Turner', 'Cooper', 'Morgan', 'Patel', 'Khan', 'Murphy', 'MacLeod', 'Ní Bhriain'],
    middleInitial: true,
    emailDomain: ['gmail.com', 'outlook.com', 'btinternet.com', 'icloud.com'],
    phone: (r) => (r.chance(0.5) ? `+44 20 7${digits(r, 3)} ${digits(r, 4)}` : `+44 7${digits(r, 3)} ${digits(r, 6)}`),
    address: (r) => `${r.int(1, 220)} ${r.pick(['Baker Street', 'Mill Lane', 'Church Road', 'Victoria Road', 'High Street'])}\n${r.pick(['London', 'Manchester', 'Bristol', 'Leeds'])} ${r.pick(['NW1', 'M4', 'BS1', 'LS2'])} ${r.int(1, 9)}${r.pick(['AB', 'XY', 'QT', 'HN'])}\nUnited Kingdom`,
    weight: 16,
  },
  {
    key: 'us',
    given: ['Madison', 'Ethan', 'Ava', 'Mason', 'Harper', 'Logan', 'Abigail', 'Lucas', 'Ella', 'Elijah', 'Aaliyah', 'Jayden', 'Renée', 'Dakota', 'Carter', 'Scarlett', 'Wyatt', 'Aubrey', 'Isaiah', 'Savannah', 'Jamal', 'Mía', 'DeShawn', 'Hailey'],
    family: ['Miller', 'Davis', 'Garcia', 'Rodriguez', 'Martinez', 'Anderson', 'Thomas', 'Moore', 'Jackson', 'White', 'Harris', 'Thompson', 'Nguyen', 'Kim', 'Lee', 'Clark', 'Lewis', 'Young', 'King', 'Scott', 'Baker', 'Adams', 'Nelson', 'Hill'],
    middleInitial: true,
    emailDomain: ['gmail.com', 'yahoo.com', 'outlook.com', 'proton.me'],
    phone: (r) => `+1 (${r.int(201, 989)}) 555-${digits(r, 4)}`,
    address: (r) => `${r.int(10, 9999)} ${r.pick(['Oak St', 'Maple Ave', 'Pine St', 'Mission St', 'Elm Dr'])}\n${r.pick(['San Francisco, CA 94110', 'Austin, TX 78701', 'Brooklyn, NY 11201', 'Portland, OR 97205'])}\nUSA`,
    weight: 14,
  },
  {
    key: 'de',
    given: ['Jürgen', 'Käthe', 'Björn', 'Lukas', 'Lena', 'Maximilian', 'Jörg', 'Anneliese', 'Uwe', 'Greta', 'Tobias', 'Sören', 'Hannah', 'Günther', 'Matthias', 'Lisa-Marie', 'Ulrike', 'Florian', 'Dörte', 'Benedikt', 'Friederike', 'Malte', 'Heike', 'Jonas'],
    family: ['Müller', 'Schäfer', 'Weiß', 'Groß', 'Schröder', 'Köhler', 'Fischer', 'Becker', 'Hoffmann', 'Krüger', 'Schmitt', 'Böhm', 'Vogel', 'Straße', 'Wagner', 'Becker-Lindström', 'Zimmermann', 'Braun', 'Hartmann', 'Lange', 'Schulze', 'Jäger', 'Kühn', 'Löffler'],
    emailDomain: ['web.de', 'gmx.de', 't-online.de', 'posteo.de'],
    phone: (r) => (r.chance(0.5) ? `+49 30 ${digits(r, 8)}` : `+49 151 ${digits(r, 4)} ${digits(r, 4)}`),
    address: (r) => `${r.pick(['Hauptstraße', 'Gartenweg', 'Schillerstraße', 'Am Mühlbach'])} ${r.int(1, 120)}\n${r.pick(['10115 Berlin', '80331 München', '50667 Köln', '20095 Hamburg'])}\nDeutschland`,
    weight: 12,
  },
  {
    key: 'is',
    given: ['Ólafur', 'Guðrún', 'Sigríður', 'Þórður', 'Björk', 'Ásgeir', 'Hólmfríður', 'Einar'],
    family: ['Jónsson', 'Sigurðardóttir', 'Guðmundsson', 'Ólafsdóttir', 'Þórsson', 'Magnúsdóttir'],
    emailDomain: ['simnet.is', 'gmail.com'],
    phone: (r) => `+354 ${digits(r, 3)} ${digits(r, 4)}`,
    address: (r) => `${r.pick(['Laugavegur', 'Skólavörðustígur', 'Hverfisgata'])} ${r.int(1, 90)}\n101 Reykjavík\nÍsland`,
    weight: 3,
  },
  {
    key: 'pl',
    given: ['Łukasz', 'Małgorzata', 'Paweł', 'Agnieszka', 'Wojciech', 'Zofia', 'Michał', 'Katarzyna', 'Jędrzej', 'Bożena'],
    family: ['Kowalski', 'Wiśniewska', 'Wójcik', 'Kamińska', 'Lewandowski', 'Zieliński', 'Szymańska', 'Dąbrowski', 'Łuczak'],
    emailDomain: ['wp.pl', 'onet.pl', 'gmail.com'],
    phone: (r) => `+48 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `ul. ${r.pick(['Marszałkowska', 'Piękna', 'Świętokrzyska', 'Długa'])} ${r.int(1, 150)}\n${r.pick(['00-001 Warszawa', '30-001 Kraków', '80-001 Gdańsk'])}\nPolska`,
    weight: 6,
  },
  {
    key: 'da',
    given: ['Søren', 'Mette', 'Rasmus', 'Ida', 'Jørgen', 'Freja', 'Mads', 'Åse', 'Niels', 'Sofie'],
    family: ['Nielsen', 'Jensen', 'Hansen', 'Pedersen', 'Sørensen', 'Rasmussen', 'Kjær', 'Østergaard'],
    emailDomain: ['mail.dk', 'gmail.com', 'jubii.dk'],
    phone: (r) => `+45 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `${r.pick(['Nørrebrogade', 'Østerbrogade', 'Vesterbrogade'])} ${r.int(1, 200)}\n${r.pick(['2200 København N', '8000 Aarhus C'])}\nDanmark`,
    weight: 4,
  },
  {
    key: 'es',
    given: ['José', 'María', 'Lucía', 'Andrés', 'Inés', 'Álvaro', 'Begoña', 'Íñigo', 'Martín', 'Sofía', 'Ramón', 'Nuria'],
    family: ['García', 'Fernández', 'González', 'Rodríguez', 'López', 'Martínez', 'Sánchez', 'Pérez', 'Muñoz', 'Gómez', 'Ibáñez', 'Núñez', 'Ortega', 'Delgado', 'Castillo', 'Vázquez', 'Ramírez', 'Cortés'],
    doubleFamily: true,
    emailDomain: ['gmail.com', 'hotmail.es', 'telefonica.net'],
    phone: (r) => `+34 ${digits(r, 3)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `Calle ${r.pick(['de Alcalá', 'Mayor', 'del Príncipe', 'de la Reina'])}, ${r.int(1, 180)}\n${r.pick(['28014 Madrid', '08001 Barcelona', '41001 Sevilla'])}\nEspaña`,
    weight: 8,
  },
  {
    key: 'fr',
    given: ['Amélie', 'Théo', 'Léa', 'François', 'Hélène', 'Gaël', 'Chloé', 'Jérôme', 'Maëlle', 'Benoît', 'Noémie', 'Loïc', 'Élodie', 'Raphaël', 'Cécile', 'Mathis', 'Océane', 'Aurélien', 'Anaïs', 'Hugo'],
    family: ['Martin', 'Bernard', 'Lefèvre', 'Dubois', 'Moreau', 'Laurent', 'Girard', 'Bonnet', 'Mercier', 'Rousseau', 'Lefèbvre', 'Faure', 'André', 'Gauthier', 'Perrin', 'Chevalier', 'Lemaître', 'Fontaine'],
    emailDomain: ['orange.fr', 'free.fr', 'laposte.net', 'gmail.com'],
    phone: (r) => `+33 ${r.int(1, 7)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `${r.int(1, 140)} ${r.pick(['rue de Rivoli', 'avenue des Gobelins', 'rue Sainte-Catherine', 'boulevard Saint-Michel'])}\n${r.pick(['75004 Paris', '69002 Lyon', '33000 Bordeaux'])}\nFrance`,
    weight: 8,
  },
  {
    key: 'vi',
    given: ['Văn An', 'Thị Hương', 'Minh Đức', 'Thu Trang', 'Quốc Bảo', 'Ngọc Ánh', 'Hoàng Long', 'Thị Lan'],
    family: ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Hoàng', 'Vũ', 'Đặng', 'Bùi'],
    familyFirst: true,
    emailDomain: ['gmail.com', 'yahoo.com.vn'],
    phone: (r) => `+84 ${r.pick(['28', '24', '90', '91'])} ${digits(r, 4)} ${digits(r, 4)}`,
    address: (r) => `${r.int(1, 300)} ${r.pick(['Đường Lê Lợi', 'Phố Huế', 'Đường Nguyễn Huệ'])}\n${r.pick(['Quận 1, TP. Hồ Chí Minh', 'Hoàn Kiếm, Hà Nội'])}\nViệt Nam`,
    weight: 4,
  },
  {
    key: 'tr',
    given: ['Emre', 'Ayşe', 'Mehmet', 'Zeynep', 'Çağla', 'Oğuz', 'Gülşen', 'İbrahim', 'Şule', 'Barış'],
    family: ['Çelik', 'Yılmaz', 'Kaya', 'Demir', 'Şahin', 'Öztürk', 'Aydın', 'Doğan', 'Güneş'],
    emailDomain: ['gmail.com', 'hotmail.com.tr', 'yandex.com.tr'],
    phone: (r) => `+90 ${r.pick(['212', '216', '532', '542'])} ${digits(r, 3)} ${digits(r, 2)} ${digits(r, 2)}`,
    address: (r) => `${r.pick(['İstiklal Caddesi', 'Bağdat Caddesi', 'Atatürk Bulvarı'])} No: ${r.int(1, 300)}\n${r.pick(['34433 Beyoğlu/İstanbul', '06420 Çankaya/Ankara'])}\nTürkiye`,
    weight: 5,
  },
  {
    key: 'ja',
    given: ['陽菜', '蓮', '結衣', '大翔', 'さくら', '湊'],
    family: ['佐藤', '鈴木', '高橋', '田中', '伊藤', '渡辺'],
    familyFirst: true,
    emailDomain: ['docomo.ne.jp', 'gmail.com'],
    phone: (r) => `+81 ${r.pick(['3', '6', '90'])}-${digits(r, 4)}-${digits(r, 4)}`,
    address: (r) => `${r.pick(['東京都渋谷区神南', '大阪府大阪市北区梅田', '京都府京都市中京区'])}${r.int(1, 5)}-${r.int(1, 30)}-${r.int(1, 20)}\n日本`,
    weight: 3,
  },
  {
    key: 'pt',
    given: ['João', 'Conceição', 'Gonçalo', 'Inês', 'Sebastião', 'Leonor', 'Tomás', 'Beatriz'],
    family: ['Gonçalves', 'Araújo', 'Magalhães', 'Simões', 'Conceição', 'Brandão', 'Loureiro', 'Silva', 'Santos', 'Ferreira', 'Pereira'],
    doubleFamily: true,
    emailDomain: ['sapo.pt', 'gmail.com'],
    phone: (r) => `+351 ${r.pick(['21', '22', '91', '96'])}${digits(r, 1)} ${digits(r, 3)} ${digits(r, 3)}`,
    address: (r) => `${r.pick(['Rua Augusta', 'Avenida da Liberdade', 'Rua de Santa Catarina'])}, ${r.int(1, 250)}\n${r.pick(['1100-048 Lisboa', '4000-447 Porto'])}\nPortugal`,
    weight: 3,
  },
];

export const COMPANIES = [
  'Acme Analytics', 'Nordlicht GmbH', 'Café Bérénice', 'Blue Harbour Ltd', 'Søndergaard & Co', 'Pixelwerk',
  'Łódź Robotics', 'Atelier Müller', 'Greenfield Partners', 'Orchard Health', 'Ólafsson Fisheries', 'Triskel Studio',
  'Kōgen Systems', 'Yıldız Tekstil', 'Fernández Abogados', 'Northwind Traders', 'Helix Biotech', 'Quay Street Books',
  'Brightline Consulting', 'Maison Dubois', 'Lumen Labs', 'Vinh Phát Trading', 'Harbourview Architects', 'Tidewater Media',
] as const;

export const TITLES = [
  'Product Manager', 'Software Engineer', 'Head of Design', 'CFO', 'Founder', 'Account Executive', 'Researcher',
  'Marketing Lead', 'Architect', 'Nurse', 'Teacher', 'Chef de cuisine', 'Operations Director', 'Data Scientist',
  'Editor', 'Photographer', 'Procurement Manager', 'Managing Partner',
] as const;

export const TAGS = [
  'tennis', 'book club', 'investor', 'mentor', 'neighbour', 'school', 'university', 'vegetarian', 'has kids',
  'dog person', 'conference 2025', 'hiking', 'chess', 'board games', 'wine', 'running', 'choir', 'volunteering',
  'référence', 'Mitbewohner', 'startup', 'podcast guest', 'photography', 'yoga',
] as const;

export const HOW_MET = [
  'Through work on the Nordlicht project', 'At university, first year', 'Neighbours on Mill Lane', 'Met at a conference in Lisbon',
  'Introduced at a friend’s wedding', 'Climbing gym', 'Book club', 'Our kids are in the same class', 'Old school friend',
  'Met on a train to Kraków', 'Hackathon team mate', 'Former client',
] as const;

export const TOPICS = [
  'the new job', 'holiday plans', 'the kids', 'her thesis', 'the renovation', 'a book recommendation', 'the proposal',
  'Q3 invoice', 'his move to Berlin', 'the wedding', 'running the marathon', 'the garden', 'a new project', 'the contract renewal',
  'their startup', 'the conference talk', 'a podcast idea', 'moving house', 'Großmutter’s birthday', 'the café opening',
] as const;

export const PLACES = ['Café Central', 'the park', 'their place', 'the office', 'Zoë’s bar', 'the climbing gym', 'the market', 'Brasserie Lipp', 'the station'] as const;

export const NOTE_LINES = [
  'Wants to try the **new ramen place** next time.',
  'Remember: allergic to nuts.',
  'Daughter starts school in September.',
  'Prefers calls in the evening; mornings are busy.',
  'Asked for an intro to someone in design.',
  '- follow up on the quote\n- send the slides',
  'Loves hiking; did the Laugavegur trail last summer.',
  'Moving to Kraków in spring.',
] as const;

export const REMINDER_TITLES = [
  'Send {name} the article we talked about', 'Follow up with {name} on the proposal', 'Ask {name} how the move went',
  'Invoice {name}', 'Book dinner with {name}', 'Call {name} back', 'Congratulate {name} on the new job', 'Return {name}’s book',
] as const;

export const GENERAL_REMINDERS = ['Renew passport', 'Water the plants', 'Review the month', 'Back up photos', 'Plan the summer holiday', 'Pay the rent'] as const;

/** an email local part from a name: lower case, diacritics folded, no spaces */
export function emailLocal(given: string, family: string): string {
  const fold = (s: string) =>
    s
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[łŁ]/g, 'l')
      .replace(/[ßẞ]/g, 'ss')
      .replace(/[øØ]/g, 'o')
      .replace(/[æÆ]/g, 'ae')
      .replace(/[þÞ]/g, 'th')
      .replace(/[ðÐđĐ]/g, 'd')
      .replace(/ı/g, 'i')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '');
  const g = fold(given.replace(/\s+\p{Lu}\.$/u, '')) || 'contact'; // "James T." writes as james
  const f = fold(family) || 'kith';
  return `${g}.${f}`;
}
