// Outlook and Thunderbird write their CSV column names in the user's language. These tables turn
// the German, French, Spanish, Italian, Dutch and Portuguese names into the English ones the format
// readers know (Outlook's per language; Thunderbird's apart, as "Geburtstag" is a whole date in
// Outlook and a day number in Thunderbird). Google writes English names in every language, except
// its numbered columns ("E-Mail 1 - Wert"), which are turned by pattern.

export type HeaderLanguage = 'en' | 'de' | 'fr' | 'es' | 'it' | 'nl' | 'pt';

type Table = Record<string, string>;

const OUTLOOK: Record<Exclude<HeaderLanguage, 'en'>, Table> = {
  de: {
    Anrede: 'Title', Vorname: 'First Name', 'Weitere Vornamen': 'Middle Name', Nachname: 'Last Name', Suffix: 'Suffix', Firma: 'Company', Abteilung: 'Department', Position: 'Job Title',
    'Straße geschäftlich': 'Business Street', 'Ort geschäftlich': 'Business City', 'Region geschäftlich': 'Business State', 'Postleitzahl geschäftlich': 'Business Postal Code', 'Land/Region geschäftlich': 'Business Country/Region',
    'Straße privat': 'Home Street', 'Ort privat': 'Home City', 'Bundesland/Kanton privat': 'Home State', 'Postleitzahl privat': 'Home Postal Code', 'Land/Region privat': 'Home Country/Region',
    'Weitere Straße': 'Other Street', 'Weiterer Ort': 'Other City', 'Weiteres/r Bundesland/Kanton': 'Other State', 'Weitere Postleitzahl': 'Other Postal Code', 'Weiteres/e Land/Region': 'Other Country/Region',
    'Telefon geschäftlich': 'Business Phone', 'Telefon geschäftlich 2': 'Business Phone 2', 'Telefon privat': 'Home Phone', 'Telefon privat 2': 'Home Phone 2', Mobiltelefon: 'Mobile Phone', 'Weiteres Telefon': 'Other Phone', Haupttelefon: 'Primary Phone', 'Fax geschäftlich': 'Business Fax',
    'E-Mail-Adresse': 'E-mail Address', 'E-Mail 2: Adresse': 'E-mail 2 Address', 'E-Mail 3: Adresse': 'E-mail 3 Address', 'E-Mail-Typ': 'E-mail Type', 'E-Mail: Angezeigter Name': 'E-mail Display Name',
    Geburtstag: 'Birthday', Jahrestag: 'Anniversary', Notizen: 'Notes', Kategorien: 'Categories', Webseite: 'Web Page', Partner: 'Spouse', Kinder: 'Children', 'Name des/der Vorgesetzten': "Manager's Name", 'Name Assistent': "Assistant's Name",
  },
  fr: {
    Titre: 'Title', Prénom: 'First Name', 'Deuxième prénom': 'Middle Name', Nom: 'Last Name', Suffixe: 'Suffix', Société: 'Company', Service: 'Department', Fonction: 'Job Title', Surnom: 'Nickname',
    'Rue (bureau)': 'Business Street', 'Ville (bureau)': 'Business City', 'Dép/Région (bureau)': 'Business State', 'Code postal (bureau)': 'Business Postal Code', 'Pays/Région (bureau)': 'Business Country/Region',
    'Rue (domicile)': 'Home Street', 'Ville (domicile)': 'Home City', 'Dép/Région (domicile)': 'Home State', 'Code postal (domicile)': 'Home Postal Code', 'Pays/Région (domicile)': 'Home Country/Region',
    'Rue (autre)': 'Other Street', 'Ville (autre)': 'Other City', 'Dép/Région (autre)': 'Other State', 'Code postal (autre)': 'Other Postal Code', 'Pays/Région (autre)': 'Other Country/Region',
    'Téléphone (bureau)': 'Business Phone', 'Téléphone 2 (bureau)': 'Business Phone 2', 'Téléphone (domicile)': 'Home Phone', 'Téléphone 2 (domicile)': 'Home Phone 2', 'Tél. mobile': 'Mobile Phone', 'Téléphone (autre)': 'Other Phone', 'Téléphone principal': 'Primary Phone', 'Télécopie (bureau)': 'Business Fax',
    'Adresse de messagerie': 'E-mail Address', 'Adresse de messagerie 2': 'E-mail 2 Address', 'Adresse de messagerie 3': 'E-mail 3 Address', 'Type de messagerie': 'E-mail Type', 'Nom complet de l’adresse de messagerie': 'E-mail Display Name',
    Anniversaire: 'Birthday', 'Anniversaire de mariage': 'Anniversary', Notes: 'Notes', Catégories: 'Categories', 'Page Web': 'Web Page', 'Conjoint(e)': 'Spouse', Enfants: 'Children', 'Nom du manager': "Manager's Name", "Nom de l'assistant(e)": "Assistant's Name",
  },
  es: {
    Tratamiento: 'Title', Nombre: 'First Name', 'Segundo nombre': 'Middle Name', Apellidos: 'Last Name', Sufijo: 'Suffix', Organización: 'Company', Compañía: 'Company', Departamento: 'Department', Puesto: 'Job Title', Sobrenombre: 'Nickname',
    'Calle del trabajo': 'Business Street', 'Ciudad de trabajo': 'Business City', 'Provincia o estado de trabajo': 'Business State', 'Código postal del trabajo': 'Business Postal Code', 'País o región del trabajo': 'Business Country/Region',
    'Calle del domicilio': 'Home Street', 'Ciudad de residencia': 'Home City', 'Provincia o estado de residencia': 'Home State', 'Código postal de residencia': 'Home Postal Code', 'País o región de residencia': 'Home Country/Region',
    'Otra calle': 'Other Street', 'Otra ciudad': 'Other City', 'Otra provincia o estado': 'Other State', 'Otro código postal': 'Other Postal Code', 'Otro país o región': 'Other Country/Region',
    'Teléfono del trabajo': 'Business Phone', 'Teléfono del trabajo 2': 'Business Phone 2', Particular: 'Home Phone', 'Particular 2': 'Home Phone 2', 'Teléfono móvil': 'Mobile Phone', 'Otro teléfono': 'Other Phone', 'Teléfono principal': 'Primary Phone', 'Fax del trabajo': 'Business Fax',
    'Dirección de correo electrónico': 'E-mail Address', 'Dirección de correo electrónico 2': 'E-mail 2 Address', 'Dirección de correo electrónico 3': 'E-mail 3 Address', 'Tipo de correo electrónico': 'E-mail Type', 'Nombre para mostrar del correo electrónico': 'E-mail Display Name',
    Cumpleaños: 'Birthday', Aniversario: 'Anniversary', Notas: 'Notes', Categorías: 'Categories', 'Página Web': 'Web Page', Cónyuge: 'Spouse', Hijos: 'Children', 'Nombre del director': "Manager's Name", 'Nombre del asistente': "Assistant's Name",
  },
  it: {
    Titolo: 'Title', Nome: 'First Name', 'Altro nome': 'Middle Name', Cognome: 'Last Name', Titolo_suffisso: 'Suffix', Società: 'Company', Reparto: 'Department', Posizione: 'Job Title', Soprannome: 'Nickname',
    'Via (uff.)': 'Business Street', 'Città (uff.)': 'Business City', 'Provincia (uff.)': 'Business State', 'CAP (uff.)': 'Business Postal Code', 'Paese (uff.)': 'Business Country/Region',
    'Via (ab.)': 'Home Street', 'Città (ab.)': 'Home City', 'Provincia (ab.)': 'Home State', 'CAP (ab.)': 'Home Postal Code', 'Paese (ab.)': 'Home Country/Region',
    'Altra via': 'Other Street', 'Altra città': 'Other City', 'Altra provincia': 'Other State', 'Altro CAP': 'Other Postal Code', 'Altro paese': 'Other Country/Region',
    Ufficio: 'Business Phone', 'Ufficio 2': 'Business Phone 2', Abitazione: 'Home Phone', 'Abitazione 2': 'Home Phone 2', Cellulare: 'Mobile Phone', 'Altro telefono': 'Other Phone', 'Telefono principale': 'Primary Phone', 'Fax (uff.)': 'Business Fax',
    'Indirizzo posta elettronica': 'E-mail Address', 'Indirizzo posta elettronica 2': 'E-mail 2 Address', 'Indirizzo posta elettronica 3': 'E-mail 3 Address', 'Tipo posta elettronica': 'E-mail Type', 'Nome visualizzato posta elettronica': 'E-mail Display Name',
    Compleanno: 'Birthday', Anniversario: 'Anniversary', Note: 'Notes', Categorie: 'Categories', 'Pagina Web': 'Web Page', Coniuge: 'Spouse', Figli: 'Children', 'Nome manager': "Manager's Name", 'Nome assistente': "Assistant's Name",
  },
  nl: {
    Titel: 'Title', Voornaam: 'First Name', 'Middelste naam': 'Middle Name', Achternaam: 'Last Name', Achtervoegsel: 'Suffix', Bedrijf: 'Company', Afdeling: 'Department', Functie: 'Job Title', Bijnaam: 'Nickname',
    'Werkadres, straat': 'Business Street', 'Werkadres, plaats': 'Business City', 'Werkadres, provincie': 'Business State', 'Werkadres, postcode': 'Business Postal Code', 'Werkadres, land/regio': 'Business Country/Region',
    'Huisadres, straat': 'Home Street', 'Huisadres, plaats': 'Home City', 'Huisadres, provincie': 'Home State', 'Huisadres, postcode': 'Home Postal Code', 'Huisadres, land/regio': 'Home Country/Region',
    'Ander adres, straat': 'Other Street', 'Ander adres, plaats': 'Other City', 'Ander adres, provincie': 'Other State', 'Ander adres, postcode': 'Other Postal Code', 'Ander adres, land/regio': 'Other Country/Region',
    'Telefoon op werk': 'Business Phone', 'Telefoon op werk 2': 'Business Phone 2', 'Telefoon thuis': 'Home Phone', 'Telefoon thuis 2': 'Home Phone 2', 'Mobiele telefoon': 'Mobile Phone', 'Andere telefoon': 'Other Phone', Hoofdtelefoon: 'Primary Phone', 'Fax op werk': 'Business Fax',
    'E-mailadres': 'E-mail Address', 'E-mailadres 2': 'E-mail 2 Address', 'E-mailadres 3': 'E-mail 3 Address', 'E-mailtype': 'E-mail Type', 'Weergavenaam voor e-mail': 'E-mail Display Name',
    Verjaardag: 'Birthday', Jubileum: 'Anniversary', Notities: 'Notes', Categorieën: 'Categories', Webpagina: 'Web Page', Partner: 'Spouse', Kinderen: 'Children', 'Naam manager': "Manager's Name", 'Naam assistent': "Assistant's Name",
  },
  pt: {
    Tratamento: 'Title', Nome: 'First Name', 'Segundo nome': 'Middle Name', Sobrenome: 'Last Name', Sufixo: 'Suffix', Empresa: 'Company', Departamento: 'Department', Cargo: 'Job Title',
    'Rua comercial': 'Business Street', 'Cidade comercial': 'Business City', 'Estado comercial': 'Business State', 'CEP comercial': 'Business Postal Code', 'País/Região comercial': 'Business Country/Region',
    'Rua residencial': 'Home Street', 'Cidade residencial': 'Home City', 'Estado residencial': 'Home State', 'CEP residencial': 'Home Postal Code', 'País/Região residencial': 'Home Country/Region',
    'Outra rua': 'Other Street', 'Outra cidade': 'Other City', 'Outro estado': 'Other State', 'Outro CEP': 'Other Postal Code', 'Outro país/região': 'Other Country/Region',
    'Telefone comercial': 'Business Phone', 'Telefone comercial 2': 'Business Phone 2', 'Telefone residencial': 'Home Phone', 'Telefone residencial 2': 'Home Phone 2', 'Telefone celular': 'Mobile Phone', Celular: 'Mobile Phone', 'Outro telefone': 'Other Phone', 'Telefone principal': 'Primary Phone', 'Fax comercial': 'Business Fax',
    'Endereço de email': 'E-mail Address', 'Endereço de email 2': 'E-mail 2 Address', 'Endereço de email 3': 'E-mail 3 Address', 'Endereço de e-mail': 'E-mail Address', 'Endereço de e-mail 2': 'E-mail 2 Address', 'Endereço de e-mail 3': 'E-mail 3 Address', 'Tipo de email': 'E-mail Type', 'Nome de exibição do email': 'E-mail Display Name',
    Aniversário: 'Birthday', 'Aniversário de casamento': 'Anniversary', Anotações: 'Notes', Categorias: 'Categories', 'Página da Web': 'Web Page', Cônjuge: 'Spouse', Filhos: 'Children', 'Nome do gerente': "Manager's Name", 'Nome do assistente': "Assistant's Name",
  },
};

const THUNDERBIRD: Partial<Record<Exclude<HeaderLanguage, 'en'>, Table>> = {
  de: {
    Vorname: 'First Name', Nachname: 'Last Name', Anzeigename: 'Display Name', Spitzname: 'Nickname', 'Primäre E-Mail-Adresse': 'Primary Email', 'Sekundäre E-Mail-Adresse': 'Secondary Email', 'Messenger-Name': 'Screen Name',
    'Tel. dienstlich': 'Work Phone', 'Tel. privat': 'Home Phone', 'Fax-Nummer': 'Fax Number', 'Pager-Nummer': 'Pager Number', 'Mobil-Tel.-Nr.': 'Mobile Number',
    'Privat: Adresse': 'Home Address', 'Privat: Adresse 2': 'Home Address 2', 'Privat: Ort': 'Home City', 'Privat: Bundesland': 'Home State', 'Privat: PLZ': 'Home ZipCode', 'Privat: Land': 'Home Country',
    'Dienstlich: Adresse': 'Work Address', 'Dienstlich: Adresse 2': 'Work Address 2', 'Dienstlich: Ort': 'Work City', 'Dienstlich: Bundesland': 'Work State', 'Dienstlich: PLZ': 'Work ZipCode', 'Dienstlich: Land': 'Work Country',
    Arbeitstitel: 'Job Title', Abteilung: 'Department', Organisation: 'Organization', 'Webseite 1': 'Web Page 1', 'Webseite 2': 'Web Page 2', Geburtsjahr: 'Birth Year', Geburtsmonat: 'Birth Month', Geburtstag: 'Birth Day',
    'Benutzerdef. 1': 'Custom 1', 'Benutzerdef. 2': 'Custom 2', 'Benutzerdef. 3': 'Custom 3', 'Benutzerdef. 4': 'Custom 4', Notizen: 'Notes',
  },
  fr: {
    Prénom: 'First Name', 'Nom de famille': 'Last Name', 'Nom à afficher': 'Display Name', Surnom: 'Nickname', 'Adresse électronique principale': 'Primary Email', 'Adresse électronique secondaire': 'Secondary Email', 'Nom d’utilisateur': 'Screen Name',
    'Tél. professionnel': 'Work Phone', 'Tél. personnel': 'Home Phone', Fax: 'Fax Number', Pager: 'Pager Number', Portable: 'Mobile Number',
    'Adresse privée': 'Home Address', 'Adresse privée 2': 'Home Address 2', 'Ville (privée)': 'Home City', 'Région (privée)': 'Home State', 'Code postal (privé)': 'Home ZipCode', 'Pays (privé)': 'Home Country',
    'Adresse professionnelle': 'Work Address', 'Adresse professionnelle 2': 'Work Address 2', 'Ville (professionnelle)': 'Work City', 'Région (professionnelle)': 'Work State', 'Code postal (professionnel)': 'Work ZipCode', 'Pays (professionnel)': 'Work Country',
    Profession: 'Job Title', Service: 'Department', Société: 'Organization', 'Site web 1': 'Web Page 1', 'Site web 2': 'Web Page 2', 'Année de naissance': 'Birth Year', 'Mois de naissance': 'Birth Month', 'Jour de naissance': 'Birth Day',
    'Divers 1': 'Custom 1', 'Divers 2': 'Custom 2', 'Divers 3': 'Custom 3', 'Divers 4': 'Custom 4', Notes: 'Notes',
  },
};

/** Google's numbered columns in other languages: "<kind> N - <part>" */
const GOOGLE_KINDS: Record<string, string> = { 'e-mail': 'E-mail', email: 'E-mail', courriel: 'E-mail', 'correo electrónico': 'E-mail', telefon: 'Phone', téléphone: 'Phone', teléfono: 'Phone', telefono: 'Phone', telefoon: 'Phone', telefone: 'Phone', adresse: 'Address', dirección: 'Address', indirizzo: 'Address', adres: 'Address', endereço: 'Address', website: 'Website', 'site web': 'Website', 'sitio web': 'Website', 'sito web': 'Website' };
const GOOGLE_PARTS: Record<string, string> = { wert: 'Value', valeur: 'Value', valor: 'Value', valore: 'Value', waarde: 'Value', label: 'Label', libellé: 'Label', etiqueta: 'Label', etichetta: 'Label', rótulo: 'Label', formatiert: 'Formatted', formatée: 'Formatted', formateada: 'Formatted', formattato: 'Formatted', opgemaakt: 'Formatted', formatado: 'Formatted' };
const GOOGLE_NAMES: Table = { Vorname: 'First Name', Nachname: 'Last Name', 'Zweiter Vorname': 'Middle Name', Spitzname: 'Nickname', Notizen: 'Notes', Geburtstag: 'Birthday', 'Organisation Name': 'Organization Name', 'Organisation Titel': 'Organization Title', Labels: 'Labels', Prénom: 'First Name', 'Nom de famille': 'Last Name', Libellés: 'Labels', 'Nom de l’organisation': 'Organization Name' };

export interface CanonicalHeaders {
  /** the English names the format readers know (a name no table knows stays as it is) */
  names: string[];
  language: HeaderLanguage;
}

function translate(headers: string[], table: Table): { names: string[]; hits: number } {
  let hits = 0;
  const names = headers.map((h) => {
    const found = table[h] ?? table[h.replace(/\s+/g, ' ')];
    if (found) hits++;
    return found ?? h;
  });
  return { names, hits };
}

function googleNumbered(header: string): string | null {
  const m = /^(.+?)\s+(\d+)\s*-\s*(.+)$/.exec(header.trim());
  if (!m) return null;
  const kind = GOOGLE_KINDS[m[1]!.toLowerCase()];
  const part = GOOGLE_PARTS[m[3]!.toLowerCase()];
  return kind && part ? `${kind} ${m[2]} - ${part}` : null;
}

/**
 * The header in each reading a format reader can try, best first: as it is (English), then each
 * language's Outlook and Thunderbird names, then Google's numbered columns.
 */
export function headerReadings(headers: string[]): CanonicalHeaders[] {
  const readings: CanonicalHeaders[] = [{ names: headers, language: 'en' }];
  const scored: { reading: CanonicalHeaders; hits: number }[] = [];
  for (const [language, table] of Object.entries(OUTLOOK) as [Exclude<HeaderLanguage, 'en'>, Table][]) {
    const { names, hits } = translate(headers, table);
    if (hits >= 2) scored.push({ reading: { names, language }, hits });
    const tb = THUNDERBIRD[language];
    if (tb) {
      const t = translate(headers, tb);
      if (t.hits >= 2) scored.push({ reading: { names: t.names, language }, hits: t.hits });
    }
  }
  let googleHits = 0;
  const google = headers.map((h) => {
    const found = googleNumbered(h) ?? GOOGLE_NAMES[h];
    if (found && found !== h) googleHits++;
    return found ?? h;
  });
  if (googleHits >= 2) scored.push({ reading: { names: google, language: 'de' }, hits: googleHits });
  scored.sort((a, b) => b.hits - a.hits);
  return readings.concat(scored.map((s) => s.reading));
}
