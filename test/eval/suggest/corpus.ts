/**
 * The suggestion engine's evaluation set: short news texts written for it, in English and French,
 * each annotated by hand with every checkable claim (an exact quote of the text) and its chain as
 * the text states it, original speaker first. `~` marks an anonymous source (its description);
 * an empty chain is a claim in the article's own voice. Annotated before tuning the engine.
 */
import type { RegistryEntry } from '../../../src/suggestions/registry';

export interface GoldClaim {
  quote: string;
  chain: string[];
}

export interface EvalText {
  id: string;
  language: 'en' | 'fr';
  text: string;
  gold: GoldClaim[];
}

/** A small registry shared by the texts: agencies and an alias that says WHO = World Health Organization. */
export const EVAL_REGISTRY: RegistryEntry[] = [
  { id: 1, name: 'Reuters', kind: 'news_agency', aliases: [] },
  { id: 2, name: 'Agence France-Presse', kind: 'news_agency', aliases: ['AFP'] },
  { id: 3, name: 'World Health Organization', kind: 'organisation', aliases: ['WHO', 'OMS', 'Organisation mondiale de la santé'] },
  { id: 4, name: 'Syrian Arab News Agency', kind: 'news_agency', aliases: ['SANA', 'agence officielle SANA'] },
  { id: 5, name: 'Institut national de la statistique et des études économiques', kind: 'government_body', aliases: ['Insee'] },
];

export const EVAL_TEXTS: EvalText[] = [
  {
    id: 'en-floods',
    language: 'en',
    text:
      'Floods in northern Bangladesh have killed at least 42 people since Monday, the disaster management ministry said on Wednesday. ' +
      'More than 200,000 people have been moved to shelters, a ministry spokesman told Reuters. ' +
      'The Brahmaputra river rose above its danger level at six points, according to the Flood Forecasting and Warning Centre. ' +
      'Local officials said the toll could rise as rescuers reach remote villages. ' +
      'The monsoon season usually runs from June to September.',
    gold: [
      { quote: 'Floods in northern Bangladesh have killed at least 42 people since Monday', chain: ['disaster management ministry'] },
      { quote: 'More than 200,000 people have been moved to shelters', chain: ['~a ministry spokesman', 'Reuters'] },
      { quote: 'The Brahmaputra river rose above its danger level at six points', chain: ['Flood Forecasting and Warning Centre'] },
      { quote: 'the toll could rise as rescuers reach remote villages', chain: ['~Local officials'] },
      { quote: 'The monsoon season usually runs from June to September.', chain: [] },
    ],
  },
  {
    id: 'en-inflation',
    language: 'en',
    text:
      'Inflation in the euro zone fell to 2.4% in November, the lowest level in three years, Eurostat said on Friday. ' +
      'Economists polled by Reuters had expected a reading of 2.6%. ' +
      '“The battle is not yet won,” ECB President Christine Lagarde told lawmakers in Brussels, adding that wage growth remained strong. ' +
      'Lagarde said the bank would keep rates high for as long as necessary. ' +
      'Energy prices dropped 11.5% year on year.',
    gold: [
      { quote: 'Inflation in the euro zone fell to 2.4% in November', chain: ['Eurostat'] },
      { quote: 'the lowest level in three years', chain: ['Eurostat'] },
      { quote: 'Economists polled by Reuters had expected a reading of 2.6%.', chain: [] },
      { quote: '“The battle is not yet won,”', chain: ['Christine Lagarde'] },
      { quote: 'wage growth remained strong', chain: ['Christine Lagarde'] },
      { quote: 'the bank would keep rates high for as long as necessary', chain: ['Christine Lagarde'] },
      { quote: 'Energy prices dropped 11.5% year on year.', chain: [] },
    ],
  },
  {
    id: 'en-beirut',
    language: 'en',
    text:
      "Israeli air strikes hit two buildings in southern Beirut overnight, Lebanon's state news agency NNA reported. " +
      'Three people were killed, the health ministry said in a statement. ' +
      'The Israeli military said it had targeted a weapons depot belonging to Hezbollah. ' +
      'A senior Hezbollah official, speaking on condition of anonymity, said the group would respond. ' +
      'Residents said the explosions shook the whole district.',
    gold: [
      { quote: 'Israeli air strikes hit two buildings in southern Beirut overnight', chain: ['NNA'] },
      { quote: 'Three people were killed', chain: ['health ministry'] },
      { quote: 'it had targeted a weapons depot belonging to Hezbollah', chain: ['Israeli military'] },
      { quote: 'the group would respond', chain: ['~A senior Hezbollah official'] },
      { quote: 'the explosions shook the whole district', chain: ['~Residents'] },
    ],
  },
  {
    id: 'en-measles',
    language: 'en',
    text:
      'According to the World Health Organization, measles cases in Europe rose thirtyfold in 2023. ' +
      'The agency recorded more than 42,000 cases in 40 countries. ' +
      "Hans Kluge, the WHO's regional director for Europe, said vaccination rates had dropped during the pandemic. " +
      'Vaccination is the only way to protect children, he said. ' +
      'Health officials in Romania, cited by the BBC, said 20 children had died there.',
    gold: [
      { quote: 'measles cases in Europe rose thirtyfold in 2023', chain: ['World Health Organization'] },
      { quote: 'The agency recorded more than 42,000 cases in 40 countries.', chain: ['World Health Organization'] },
      { quote: "Hans Kluge, the WHO's regional director for Europe", chain: [] },
      { quote: 'vaccination rates had dropped during the pandemic', chain: ['Hans Kluge'] },
      { quote: 'Vaccination is the only way to protect children', chain: ['Hans Kluge'] },
      { quote: '20 children had died there', chain: ['~Health officials in Romania', 'BBC'] },
    ],
  },
  {
    id: 'en-senate',
    language: 'en',
    text:
      'The Senate passed the $1.2 trillion infrastructure bill by 69 votes to 30 on Tuesday. ' +
      'The bill includes $110 billion for roads and bridges. ' +
      '“This is a historic investment,” Senate Majority Leader Chuck Schumer said on the floor. ' +
      'Republican Senator Mitch McConnell, who voted in favour, said the package was paid for. ' +
      'Critics say it will add to the deficit.',
    gold: [
      { quote: 'The Senate passed the $1.2 trillion infrastructure bill by 69 votes to 30 on Tuesday.', chain: [] },
      { quote: 'The bill includes $110 billion for roads and bridges.', chain: [] },
      { quote: '“This is a historic investment,”', chain: ['Chuck Schumer'] },
      { quote: 'Republican Senator Mitch McConnell, who voted in favour', chain: [] },
      { quote: 'the package was paid for', chain: ['Mitch McConnell'] },
      { quote: 'it will add to the deficit', chain: ['~Critics'] },
    ],
  },
  {
    id: 'fr-qaryatain',
    language: 'fr',
    text:
      "Le gouverneur de Homs, Talal Barazi, cité par l'agence officielle SANA, a affirmé que 300 familles étaient rentrées à Qaryatain. " +
      "Selon lui, les services d'eau et d'électricité seront rétablis d'ici à la fin du mois. " +
      'La ville comptait 18 000 habitants avant la guerre. ' +
      "Une source militaire a indiqué à l'AFP que des combats se poursuivaient à l'est de la ville. " +
      '«Les terroristes ont miné les écoles», a-t-elle précisé.',
    gold: [
      { quote: 'Le gouverneur de Homs, Talal Barazi', chain: [] },
      { quote: '300 familles étaient rentrées à Qaryatain', chain: ['Talal Barazi', 'SANA'] },
      { quote: "les services d'eau et d'électricité seront rétablis d'ici à la fin du mois", chain: ['Talal Barazi'] },
      { quote: 'La ville comptait 18 000 habitants avant la guerre.', chain: [] },
      { quote: "des combats se poursuivaient à l'est de la ville", chain: ['~Une source militaire', 'AFP'] },
      { quote: '«Les terroristes ont miné les écoles»', chain: ['~Une source militaire'] },
    ],
  },
  {
    id: 'fr-chomage',
    language: 'fr',
    text:
      "Le chômage a reculé à 7,1 % au troisième trimestre, a annoncé vendredi l'Insee. " +
      "Le nombre de demandeurs d'emploi a baissé de 2 % sur un an, selon les chiffres de Pôle emploi publiés jeudi. " +
      "Le ministre du Travail, Olivier Dussopt, s'est félicité de ces résultats. " +
      '«Nous sommes sur la bonne voie», a-t-il déclaré sur France Inter. ' +
      'Les économistes restent toutefois prudents.',
    gold: [
      { quote: 'Le chômage a reculé à 7,1 % au troisième trimestre', chain: ['Insee'] },
      { quote: "Le nombre de demandeurs d'emploi a baissé de 2 % sur un an", chain: ['Pôle emploi'] },
      { quote: "Le ministre du Travail, Olivier Dussopt, s'est félicité de ces résultats.", chain: [] },
      { quote: '«Nous sommes sur la bonne voie»', chain: ['Olivier Dussopt'] },
      { quote: 'Les économistes restent toutefois prudents.', chain: [] },
    ],
  },
  {
    id: 'fr-incendie',
    language: 'fr',
    text:
      "Un incendie a détruit plus de 1 500 hectares de forêt dans le Var depuis dimanche, d'après les pompiers. " +
      'Quelque 3 000 personnes ont été évacuées, écrit le quotidien Var-Matin. ' +
      "Le feu aurait été provoqué par un mégot, selon une source proche de l'enquête. " +
      'La préfecture a indiqué mardi que le sinistre était désormais fixé. ' +
      "Il s'agit du plus grand incendie de l'année en France.",
    gold: [
      { quote: 'Un incendie a détruit plus de 1 500 hectares de forêt dans le Var depuis dimanche', chain: ['pompiers'] },
      { quote: 'Quelque 3 000 personnes ont été évacuées', chain: ['Var-Matin'] },
      { quote: 'Le feu aurait été provoqué par un mégot', chain: ["~une source proche de l'enquête"] },
      { quote: 'le sinistre était désormais fixé', chain: ['préfecture'] },
      { quote: "Il s'agit du plus grand incendie de l'année en France.", chain: [] },
    ],
  },
  {
    id: 'fr-moscou',
    language: 'fr',
    text:
      "Moscou a rejeté lundi les accusations de Kiev, rapporte l'agence Tass. " +
      "D'après le porte-parole du Kremlin, Dmitri Peskov, aucune frappe n'a visé des civils. " +
      'Le président ukrainien Volodymyr Zelensky a dénoncé «un crime de guerre» dans une vidéo publiée sur Telegram. ' +
      "Les Nations unies ont recensé au moins 14 morts dans l'attaque, selon un communiqué du Haut-Commissariat aux droits de l'homme cité par l'AFP.",
    gold: [
      { quote: 'Moscou a rejeté lundi les accusations de Kiev', chain: ['Tass'] },
      { quote: 'le porte-parole du Kremlin, Dmitri Peskov', chain: [] },
      { quote: "aucune frappe n'a visé des civils", chain: ['Dmitri Peskov'] },
      { quote: '«un crime de guerre»', chain: ['Volodymyr Zelensky'] },
      { quote: "Les Nations unies ont recensé au moins 14 morts dans l'attaque", chain: ["Haut-Commissariat aux droits de l'homme", 'AFP'] },
    ],
  },
  {
    id: 'fr-batna',
    language: 'fr',
    text:
      "Le docteur Ahmed Benali, directeur de l'hôpital de Batna, a déclaré que 25 patients avaient été admis en urgence. " +
      "M. Benali a ajouté que l'établissement manquait d'oxygène. " +
      "«Nous avons besoin d'aide immédiatement», a-t-il lancé. " +
      "Le ministère de la Santé n'a pas réagi. " +
      "L'épidémie a fait 112 morts dans le pays depuis janvier, d'après un bilan officiel.",
    gold: [
      { quote: "Le docteur Ahmed Benali, directeur de l'hôpital de Batna", chain: [] },
      { quote: '25 patients avaient été admis en urgence', chain: ['Ahmed Benali'] },
      { quote: "l'établissement manquait d'oxygène", chain: ['Ahmed Benali'] },
      { quote: "«Nous avons besoin d'aide immédiatement»", chain: ['Ahmed Benali'] },
      { quote: "Le ministère de la Santé n'a pas réagi.", chain: [] },
      { quote: "L'épidémie a fait 112 morts dans le pays depuis janvier", chain: ['bilan officiel'] },
    ],
  },
];
