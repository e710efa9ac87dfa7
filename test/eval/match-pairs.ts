/**
 * The claim-matching evaluation set (issue 11): pairs of a query claim and a target claim, with
 * whether they are the same claim. Written for this project: paraphrases, relays ("X said, Y
 * reported"), translations of numbers and names between French and English, and near-misses
 * that must not match (other number, other place, other person). The targets, together with the
 * sample article's claims as distractors, form the corpus the queries are searched in.
 */
export type PairKind = 'paraphrase' | 'relay' | 'translation' | 'near-miss';

export interface EvalPair {
  query: string;
  target: string;
  match: boolean;
  kind: PairKind;
}

const T = {
  mines: 'Syrian sappers have neutralised 1,230 mines in Palmyra.',
  qaryatayn: "The Syrian army took control of residential areas on the outskirts of Al-Qaryatayn.",
  rudskoy: 'Sergei Rudskoy said Russian aircraft carried out 2,000 sorties over Syria in March.',
  veretennik: 'Major Dmitri Veretennik said Russian sappers were on their way to Palmyra.',
  robots: 'Russian sappers brought Uran-6 demining robots to Palmyra.',
  bread: 'Le prix du pain a doublé à Damas en 2016.',
  refugees: 'Germany took in 890,000 asylum seekers in 2015.',
  unemployment: "Le taux de chômage en France est tombé à 9,6 % au premier trimestre.",
  vaccine: 'The measles vaccine is 97% effective after two doses.',
  budget: 'Le budget de la Défense française atteindra 32,3 milliards d’euros en 2017.',
  temple: 'The Islamic State group blew up the Temple of Bel in Palmyra in August 2015.',
  museum: 'Le directeur du musée de Palmyre, Khaled al-Asaad, a été assassiné en août 2015.',
  oil: 'Brent crude fell below 30 dollars a barrel in January 2016.',
  election: 'Angela Merkel a été élue chancelière pour la première fois en 2005.',
  population: 'Syria had 22 million inhabitants before the war.',
  aleppo: 'Plus de 250 000 civils sont assiégés dans les quartiers est d’Alep.',
  airstrikes: 'The US-led coalition carried out 9,000 airstrikes against the Islamic State in Iraq and Syria.',
  mayadeen: 'Al Mayadeen reported that the army entered the Palmyra citadel.',
  sputnik: 'Sputnik reported that 600 terrorists were killed near Al-Qaryatayn.',
  homs: 'Le gouverneur de Homs, Talal Barazi, a annoncé le retour de 5 000 familles.',
  water: 'Half of the population of Damascus has no running water in summer.',
  ceasefire: 'The ceasefire in Syria began on 27 February 2016.',
  geneva: 'Staffan de Mistura a ouvert les pourparlers de Genève le 13 avril.',
  tourism: 'Palmyra welcomed 150,000 tourists a year before 2011.',
  minesLebanon: 'Lebanese deminers cleared 4,500 mines in southern Lebanon in 2015.',
};

/**
 * The sample article (the distractors) states two of the targets itself: finding its claim
 * instead of the target is finding the same claim. Quote fragments of those sample claims.
 */
export const SAME_IN_SAMPLE: Record<string, string[]> = {
  [T.mines]: ['neutralisé 1230 mines'],
  [T.veretennik]: ['les sapeurs russes étaient en route vers Palmyre'],
  [T.qaryatayn]: ["prendre le contrôle des zones résidentielles de la périphérie d'Al-Qaryatayn"],
};

export const PAIRS: EvalPair[] = [
  // Paraphrases, same language
  { query: 'Some 1230 mines were neutralised by Syrian sappers in the city of Palmyra.', target: T.mines, match: true, kind: 'paraphrase' },
  { query: 'The army seized residential districts on the edge of Al Qaryatayn.', target: T.qaryatayn, match: true, kind: 'paraphrase' },
  { query: 'Russian aircraft flew 2000 sorties over Syria during March, according to Sergei Rudskoy.', target: T.rudskoy, match: true, kind: 'paraphrase' },
  { query: 'Uran-6 robots for mine clearing were brought to Palmyra by Russian sappers.', target: T.robots, match: true, kind: 'paraphrase' },
  { query: 'À Damas, le pain coûte deux fois plus cher en 2016.', target: T.bread, match: true, kind: 'paraphrase' },
  { query: 'In 2015 Germany received 890 000 asylum seekers.', target: T.refugees, match: true, kind: 'paraphrase' },
  { query: 'Le chômage a reculé à 9,6 % en France au premier trimestre.', target: T.unemployment, match: true, kind: 'paraphrase' },
  { query: 'Two doses of measles vaccine protect 97 % of people.', target: T.vaccine, match: true, kind: 'paraphrase' },
  { query: 'En 2017, la Défense française disposera d’un budget de 32,3 milliards d’euros.', target: T.budget, match: true, kind: 'paraphrase' },
  { query: 'In August 2015 Islamic State militants destroyed the Temple of Bel at Palmyra.', target: T.temple, match: true, kind: 'paraphrase' },
  { query: 'Khaled al-Asaad, qui dirigeait le musée de Palmyre, a été tué en août 2015.', target: T.museum, match: true, kind: 'paraphrase' },
  { query: 'In January 2016 a barrel of Brent dropped under $30.', target: T.oil, match: true, kind: 'paraphrase' },
  { query: 'C’est en 2005 qu’Angela Merkel est devenue chancelière pour la première fois.', target: T.election, match: true, kind: 'paraphrase' },
  { query: 'Before the war, 22 million people lived in Syria.', target: T.population, match: true, kind: 'paraphrase' },
  { query: 'À Alep-Est, plus de 250.000 civils vivent en état de siège.', target: T.aleppo, match: true, kind: 'paraphrase' },
  { query: 'Coalition aircraft led by the US struck Islamic State targets in Iraq and Syria 9 000 times.', target: T.airstrikes, match: true, kind: 'paraphrase' },
  { query: 'In summer, running water is cut for half of Damascus residents.', target: T.water, match: true, kind: 'paraphrase' },
  { query: 'On 27 February 2016 a ceasefire came into force in Syria.', target: T.ceasefire, match: true, kind: 'paraphrase' },
  { query: 'Before 2011, 150 000 tourists visited Palmyra every year.', target: T.tourism, match: true, kind: 'paraphrase' },
  { query: 'Les pourparlers de Genève ont été ouverts le 13 avril par Staffan de Mistura.', target: T.geneva, match: true, kind: 'paraphrase' },

  // Relays: the same claim passed on by someone else
  { query: 'According to Sputnik, Major Dmitri Veretennik said Russian sappers are heading to Palmyra.', target: T.veretennik, match: true, kind: 'relay' },
  { query: 'Citing Al Mayadeen, INN Lebanon said the army had entered the citadel of Palmyra.', target: T.mayadeen, match: true, kind: 'relay' },
  { query: 'Al Mayadeen, quoted by Sputnik, said 600 terrorists died near Al-Qaryatayn.', target: T.sputnik, match: true, kind: 'relay' },
  { query: 'The Reconciliation Centre told RIA Novosti that Syrian sappers defused 1,230 mines in Palmyra.', target: T.mines, match: true, kind: 'relay' },
  { query: 'Reuters, citing Rudskoy, said Russian warplanes made 2,000 sorties in Syria in March.', target: T.rudskoy, match: true, kind: 'relay' },
  { query: 'According to SANA, Homs governor Talal Barazi said 5,000 families returned.', target: T.homs, match: true, kind: 'relay' },
  { query: 'Le Monde, citant l’AFP, rapporte que l’État islamique a détruit le temple de Bel à Palmyre en août 2015.', target: T.temple, match: true, kind: 'relay' },
  { query: 'Selon l’ONU, citée par Reuters, 250 000 civils sont assiégés à Alep-Est.', target: T.aleppo, match: true, kind: 'relay' },
  { query: 'Eurostat figures relayed by Le Figaro: Germany took 890,000 asylum seekers in 2015.', target: T.refugees, match: true, kind: 'relay' },
  { query: 'D’après Sputnik, le commandant Veretennik a indiqué que des sapeurs russes partaient pour Palmyre.', target: T.veretennik, match: true, kind: 'relay' },

  // Translations of numbers and names
  { query: 'Les sapeurs syriens ont neutralisé 1 230 mines à Palmyre.', target: T.mines, match: true, kind: 'translation' },
  { query: 'Sergueï Roudskoï a déclaré que l’aviation russe avait effectué 2 000 sorties en Syrie en mars.', target: T.rudskoy, match: true, kind: 'translation' },
  { query: 'Le commandant Dmitri Vérétennik a indiqué que les sapeurs russes étaient en route vers Palmyre.', target: T.veretennik, match: true, kind: 'translation' },
  { query: "L'armée syrienne a pris le contrôle des zones résidentielles de la périphérie d'Al-Qaryatayn.", target: T.qaryatayn, match: true, kind: 'translation' },
  { query: 'Les sapeurs russes ont apporté des robots de déminage Uran-6 à Palmyre.', target: T.robots, match: true, kind: 'translation' },
  { query: 'Bread prices doubled in Damascus in 2016.', target: T.bread, match: true, kind: 'translation' },
  { query: 'L’Allemagne a accueilli 890 000 demandeurs d’asile en 2015.', target: T.refugees, match: true, kind: 'translation' },
  { query: 'Unemployment in France fell to 9.6% in the first quarter.', target: T.unemployment, match: true, kind: 'translation' },
  { query: 'Le vaccin contre la rougeole est efficace à 97 % après deux doses.', target: T.vaccine, match: true, kind: 'translation' },
  { query: 'The French defence budget will reach 32.3 billion euros in 2017.', target: T.budget, match: true, kind: 'translation' },
  { query: 'Khaled al-Asaad, the director of the Palmyra museum, was murdered in August 2015.', target: T.museum, match: true, kind: 'translation' },
  { query: 'Angela Merkel was first elected chancellor in 2005.', target: T.election, match: true, kind: 'translation' },
  { query: 'La Syrie comptait 22 millions d’habitants avant la guerre.', target: T.population, match: true, kind: 'translation' },
  { query: 'More than 250,000 civilians are besieged in eastern Aleppo.', target: T.aleppo, match: true, kind: 'translation' },
  { query: 'Le cessez-le-feu en Syrie a commencé le 27 février 2016.', target: T.ceasefire, match: true, kind: 'translation' },
  { query: 'Staffan de Mistura opened the Geneva talks on 13 April.', target: T.geneva, match: true, kind: 'translation' },
  { query: 'Palmyre accueillait 150 000 touristes par an avant 2011.', target: T.tourism, match: true, kind: 'translation' },
  { query: 'La coalition menée par les États-Unis a mené 9 000 frappes aériennes contre l’État islamique en Irak et en Syrie.', target: T.airstrikes, match: true, kind: 'translation' },
  { query: 'Homs governor Talal Barazi announced that 5,000 families have returned.', target: T.homs, match: true, kind: 'translation' },
  { query: 'Sputnik a rapporté que 600 terroristes avaient été tués près d’Al-Qaryatayn.', target: T.sputnik, match: true, kind: 'translation' },

  // Near-misses: must not be offered as the same claim
  { query: 'Syrian sappers have neutralised 1,500 mines in Palmyra.', target: T.mines, match: false, kind: 'near-miss' },
  { query: 'Sergei Rudskoy said Russian aircraft carried out 3,500 sorties over Syria in February.', target: T.rudskoy, match: false, kind: 'near-miss' },
  { query: 'Le prix du lait a doublé à Alep en 2014.', target: T.bread, match: false, kind: 'near-miss' },
  { query: 'Germany took in 280,000 asylum seekers in 2016.', target: T.refugees, match: false, kind: 'near-miss' },
  { query: 'Le taux de chômage en Italie est monté à 11,7 % au deuxième trimestre.', target: T.unemployment, match: false, kind: 'near-miss' },
  { query: 'The flu vaccine is 40% effective after one dose.', target: T.vaccine, match: false, kind: 'near-miss' },
  { query: 'The Islamic State group blew up the Temple of Baalshamin in Palmyra in June 2015.', target: T.temple, match: false, kind: 'near-miss' },
  { query: 'WTI crude rose above 50 dollars a barrel in June 2016.', target: T.oil, match: false, kind: 'near-miss' },
  { query: 'Gerhard Schröder a été élu chancelier pour la première fois en 1998.', target: T.election, match: false, kind: 'near-miss' },
  { query: 'Lebanese deminers cleared 1,230 mines in southern Lebanon in 2016.', target: T.minesLebanon, match: false, kind: 'near-miss' },
  { query: 'The ceasefire in Yemen began on 10 April 2016.', target: T.ceasefire, match: false, kind: 'near-miss' },
  { query: 'Iraq had 36 million inhabitants in 2015.', target: T.population, match: false, kind: 'near-miss' },
  { query: 'Staffan de Mistura a suspendu les pourparlers de Genève le 3 février.', target: T.geneva, match: false, kind: 'near-miss' },
  { query: 'Plus de 400 000 civils sont assiégés dans la Ghouta orientale.', target: T.aleppo, match: false, kind: 'near-miss' },
];
