/**
 * Seed data for the sample French news article (article-fr.txt, in this folder).
 *
 * The article is a 2016 report on the Syrian army's offensive on Al Qaryatayn and the
 * demining of Palmyra. Every checkable assertion it makes is listed in SAMPLE_CLAIMS,
 * in article order, anchored to the article's exact words (`quote` is a verbatim
 * substring of the body; the article uses ASCII apostrophes ' and «» without inner spaces).
 *
 * Attribution chains record only what the article states: the attributing clause covers
 * its own sentence; neighbouring sentences without an attributing clause are the article's
 * own voice (empty `attributions`). No relay is added that the text does not name
 * (e.g. the Reconciliation Centre's statements are not chained through Sputnik).
 */

export type SeedSourceKind = 'outlet' | 'news_agency' | 'government_body' | 'military_unit' | 'organisation' | 'person' | 'document';
export type SeedClaimKind = 'event' | 'quantity' | 'date_place' | 'quote' | 'background' | 'opinion';

export interface SeedSource {
  key: string;               // stable identifier within the seed, e.g. 'sputnik'
  name: string;              // canonical display name, as spelled in the article where possible (e.g. 'Sergueï Roudskoï')
  kind: SeedSourceKind;
  country?: string;          // ISO 3166-1 alpha-2, e.g. 'RU', 'LB', 'SY'
  aliases: string[];         // spelling variants / English names / acronyms (e.g. 'Sergei Rudskoy', 'Rudskoy', 'Roudskoi')
  parentKey?: string;        // affiliation: a person belongs to a unit, a unit to a ministry, etc. (must be another source key in this file)
  affiliationNote?: string;  // state affiliation / ownership note, in English, factual and short
  homepage?: string;         // only if certain (https URL); otherwise omitted
  description?: string;      // the title/role as the article gives it
}

export interface SeedAttribution {
  sourceKey: string;
  verb: string;              // reporting verb/phrase exactly as written in the article
  mode: 'direct' | 'paraphrase';   // direct = the article quotes the words in «guillemets»
  when?: string;             // when the source said it, as written, e.g. 'samedi'
  where?: string;            // where the source said it, as written, e.g. 'sur son site officiel'
}

export interface SeedClaim {
  quote: string;             // EXACT substring of the article body
  occurrence?: number;       // 1-based; only needed when the quote occurs more than once in the body
  text: string;              // the editor's neutral wording of the claim, in English, one assertion
  kind: SeedClaimKind;
  attributions: SeedAttribution[];  // speaker first, then each relay; EMPTY array = the article's own voice
  note?: string;             // optional editor's note
}

export const SAMPLE_SOURCES: SeedSource[] = [
  {
    key: 'inn_lebanon',
    name: 'INN Lebanon',
    kind: 'outlet',
    country: 'LB',
    aliases: ['INN', 'INN TV'],
    affiliationNote: 'Lebanese television channel; ownership not recorded in this seed',
    description: 'la chaîne INN Lebanon',
  },
  {
    key: 'al_mayadeen',
    name: 'Al Mayadeen',
    kind: 'outlet',
    country: 'LB',
    aliases: ['Al-Mayadeen', 'Al Mayadeen TV', 'Mayadeen', 'الميادين'],
    affiliationNote: 'Beirut-based pan-Arab satellite television channel, launched in 2012',
    homepage: 'https://www.almayadeen.net',
    description: 'la chaîne de télévision Al Mayadeen',
  },
  {
    key: 'sputnik',
    name: 'Sputnik',
    kind: 'news_agency',
    country: 'RU',
    aliases: ['Spoutnik', 'Sputnik News', 'Sputnik France', 'agence de presse russe Sputnik'],
    affiliationNote: 'Russian state-owned news agency (Rossiya Segodnya)',
    description: "l'agence de presse russe Sputnik",
  },
  {
    key: 'russian_mod',
    name: 'ministère russe de la Défense',
    kind: 'government_body',
    country: 'RU',
    aliases: [
      'Russian Ministry of Defence',
      'Russian Ministry of Defense',
      'Russian MoD',
      'Ministry of Defence of the Russian Federation',
      'Minoborony',
      'Министерство обороны Российской Федерации',
    ],
    affiliationNote: 'Federal ministry of the Russian government',
    homepage: 'https://mil.ru',
  },
  {
    key: 'reconciliation_centre',
    name: 'Centre pour la réconciliation des parties en conflit en Syrie',
    kind: 'military_unit',
    country: 'RU',
    aliases: [
      'Russian Reconciliation Centre for Syria',
      'Centre for Reconciliation of Opposing Sides in Syria',
      'Centre for the Reconciliation of Opposing Parties in Syria',
      'Russian Centre for Reconciliation of Opposing Sides in the Syrian Arab Republic',
      'Reconciliation Centre',
      'Reconciliation Center',
      'Centre russe pour la réconciliation en Syrie',
    ],
    parentKey: 'russian_mod',
    affiliationNote: 'Body of the Russian Ministry of Defence, set up in February 2016 at the Hmeimim air base in Syria',
    description: 'Centre pour la réconciliation des parties en conflit en Syrie près le ministère russe de la Défense',
  },
  {
    key: 'russian_armed_forces',
    name: 'Forces armées russes',
    kind: 'military_unit',
    country: 'RU',
    aliases: ['Russian Armed Forces', 'Armed Forces of the Russian Federation', 'Вооружённые силы Российской Федерации'],
    parentKey: 'russian_mod',
    affiliationNote: 'Armed forces of the Russian state, under the Ministry of Defence',
  },
  {
    key: 'russian_general_staff',
    name: 'état-major général russe',
    kind: 'military_unit',
    country: 'RU',
    aliases: ['General Staff of the Russian Armed Forces', 'Russian General Staff', 'Генеральный штаб Вооружённых сил Российской Федерации'],
    parentKey: 'russian_armed_forces',
    affiliationNote: 'Central command body of the Russian Armed Forces',
  },
  {
    key: 'main_operations_directorate',
    name: "département Opérations de l'état-major général russe",
    kind: 'military_unit',
    country: 'RU',
    aliases: [
      'Main Operations Directorate of the General Staff',
      'Main Operational Directorate of the Russian General Staff',
      'GOU',
      'Главное оперативное управление',
    ],
    parentKey: 'russian_general_staff',
    affiliationNote: 'Directorate of the General Staff of the Russian Armed Forces',
  },
  {
    key: 'mine_action_centre',
    name: 'Centre international de déminage des Forces armées russes',
    kind: 'military_unit',
    country: 'RU',
    aliases: [
      'International Mine Action Centre of the Russian Armed Forces',
      'International Mine Action Center of the Russian Armed Forces',
      'International Mine Action Centre',
      'Международный противоминный центр',
    ],
    parentKey: 'russian_armed_forces',
    affiliationNote: 'Unit of the Russian Armed Forces',
  },
  {
    key: 'veretennik',
    name: 'Dmitri Veretennik',
    kind: 'person',
    country: 'RU',
    aliases: ['Dmitry Veretennik', 'Dmitriy Veretennik', 'Veretennik'],
    parentKey: 'mine_action_centre',
    affiliationNote: 'Russian Armed Forces officer',
    description: "chef-adjoint de l'unité du Centre international de déminage des Forces armées russes, le commandant",
  },
  {
    key: 'roudskoi',
    name: 'Sergueï Roudskoï',
    kind: 'person',
    country: 'RU',
    aliases: ['Sergei Rudskoy', 'Sergey Rudskoy', 'Roudskoi', 'Rudskoi', 'Rudskoy', 'Сергей Рудской'],
    parentKey: 'main_operations_directorate',
    affiliationNote: 'Russian Armed Forces officer',
    description: "chef du département Opérations de l'état-major général russe",
  },
];

export const SAMPLE_ARTICLE = {
  title: "L'armée syrienne continue d'enregistrer des succès contre Daech",
  language: 'fr',
  bodyFile: 'article-fr.txt',
} as const;

export const SAMPLE_CLAIMS: SeedClaim[] = [
  // Paragraph on Al Qaryatayn
  {
    quote: "L'armée syrienne continue d'enregistrer des succès contre Daech sur le terrain",
    text: 'The Syrian army is continuing to make gains on the ground against ISIS (Daech).',
    kind: 'event',
    attributions: [],
    note: 'Summary characterisation in the article\'s own voice; checked against the events that follow.',
  },
  {
    quote: 'le triomphe de Palmyre',
    text: "The article characterises the Syrian government's recapture of Palmyra as a triumph.",
    kind: 'opinion',
    attributions: [],
  },
  {
    quote: 'les troupes gouvernementales et les miliciens syriens ont libéré le nord de la ville chrétienne d\'Al Qaryatayn',
    text: 'Syrian government troops and pro-government militiamen have taken control of the northern part of Al Qaryatayn, after the recapture of Palmyra.',
    kind: 'event',
    attributions: [],
    note: 'Stated in the article\'s own voice; the next sentence repeats it with an INN Lebanon attribution that covers only that sentence.',
  },
  {
    quote: "la ville chrétienne d'Al Qaryatayn",
    text: 'Al Qaryatayn is a Christian town.',
    kind: 'background',
    attributions: [],
    note: 'Repeated later ("La ville d\'Al-Qaryatayn peuplée de chrétiens"); the town\'s population is reported to have been mixed Christian and Muslim: to be checked.',
  },
  {
    quote: 'se trouvant à 85 kilomètres au sud-est de Homs',
    text: 'Al Qaryatayn lies 85 km south-east of Homs.',
    kind: 'date_place',
    attributions: [],
  },
  {
    quote: "Les forces gouvernementales ont contraint les terroristes de Daech à quitter le nord d'Al-Qaraytayn",
    text: 'Government forces have forced ISIS fighters to leave the northern part of Al Qaryatayn.',
    kind: 'event',
    attributions: [{ sourceKey: 'inn_lebanon', verb: "d'après", mode: 'paraphrase' }],
    note: 'The article misspells the town "Al-Qaraytayn" here.',
  },
  {
    quote: "s'emploient maintenant à nettoyer les espaces urbains",
    text: 'Government forces are now clearing the urban areas of Al Qaryatayn.',
    kind: 'event',
    attributions: [{ sourceKey: 'inn_lebanon', verb: "d'après", mode: 'paraphrase' }],
  },
  {
    quote: 'Des opérations de déminage des maisons et des rues sont en cours.',
    text: 'Demining of houses and streets in Al Qaryatayn is under way.',
    kind: 'event',
    attributions: [],
    note: 'No attributing clause in this sentence: article\'s own voice, not extended to INN Lebanon.',
  },
  {
    quote: "L'offensive sur cette localité stratégique, se trouvant au carrefour de nombreuses routes menant vers Homs, Palmyre et Damas, a débuté mardi",
    text: 'The offensive on Al Qaryatayn began on Tuesday.',
    kind: 'date_place',
    attributions: [],
    note: 'Relative date; resolve against the publication date.',
  },
  {
    quote: 'cette localité stratégique',
    text: 'The article characterises Al Qaryatayn as strategically important.',
    kind: 'opinion',
    attributions: [],
  },
  {
    quote: 'se trouvant au carrefour de nombreuses routes menant vers Homs, Palmyre et Damas',
    text: 'Al Qaryatayn lies at a junction of several roads leading to Homs, Palmyra and Damascus.',
    kind: 'background',
    attributions: [],
  },
  {
    quote: "Les troupes ont avancé depuis le nord-ouest, l'ouest et le sud.",
    text: 'Government troops advanced on Al Qaryatayn from the north-west, the west and the south.',
    kind: 'event',
    attributions: [],
  },
  {
    quote: 'Samedi, les terroristes ont quitté des points hauts entourant la ville',
    text: 'On Saturday, ISIS fighters abandoned high ground surrounding Al Qaryatayn.',
    kind: 'event',
    attributions: [{ sourceKey: 'al_mayadeen', verb: 'a rapporté', mode: 'paraphrase' }],
    note: '"Samedi" dates the event, not the report, so it is not recorded as the attribution\'s `when`.',
  },
  {
    quote: "Cette démarche a prédéterminé l'issue de la bataille.",
    text: 'The article asserts that the withdrawal from the high ground decided the outcome of the battle.',
    kind: 'opinion',
    attributions: [],
    note: 'Follows the Al Mayadeen sentence but has no attributing clause: article\'s own voice.',
  },
  {
    quote: "La ville d'Al-Qaryatayn peuplée de chrétiens a été assiégée par les extrémistes en août dernier",
    text: 'ISIS besieged (seized) Al Qaryatayn in August of the previous year (August 2015).',
    kind: 'date_place',
    attributions: [],
    note: '"assiégée" — ISIS in fact captured the town in early August 2015; check wording.',
  },
  {
    quote: 'après des combats intenses opposant Daech aux forces gouvernementales et aux combattants loyalistes',
    text: 'ISIS took Al Qaryatayn after heavy fighting against government forces and loyalist fighters.',
    kind: 'background',
    attributions: [],
  },
  {
    quote: 'La ville est reliée par une route à la cité antique de Palmyre',
    text: 'Al Qaryatayn is connected by road to the ancient city of Palmyra.',
    kind: 'background',
    attributions: [],
  },
  {
    quote: "les intégristes s'en servaient pour transférer des renforts et des munitions dans les territoires sous leur contrôle",
    text: 'ISIS used the Al Qaryatayn–Palmyra road to move reinforcements and ammunition into territory it controlled.',
    kind: 'background',
    attributions: [],
  },
  {
    quote: "L'armée régulière syrienne et ses alliés sont parvenus hier matin à prendre le contrôle des zones résidentielles de la périphérie d'Al-Qaryatayn",
    text: 'Yesterday morning the Syrian army and its allies took control of residential areas on the outskirts of Al Qaryatayn.',
    kind: 'event',
    attributions: [],
    note: 'Relative date ("hier matin"); resolve against the publication date.',
  },
  {
    quote: 'à détruire le matériel militaire des terroristes',
    text: "The Syrian army and its allies destroyed ISIS's military equipment at Al Qaryatayn.",
    kind: 'event',
    attributions: [],
  },
  {
    quote: "L'offensive de l'infanterie se déroule sous le couvert de pièces d'artillerie ainsi que d'hélicoptères de l'armée de l'air syrienne.",
    text: 'The infantry offensive on Al Qaryatayn is supported by artillery and Syrian Air Force helicopters.',
    kind: 'event',
    attributions: [],
  },
  // Paragraph on Palmyra demining
  {
    quote: "l'armée gouvernementale syrienne poursuit le déminage des ouvrages et terrains près de Palmyre",
    text: 'The Syrian government army is continuing to clear mines from structures and land near Palmyra.',
    kind: 'event',
    attributions: [{ sourceKey: 'sputnik', verb: 'écrit', mode: 'paraphrase' }],
  },
  {
    quote: 'Les sapeurs syriens ont neutralisé 1230 mines dans la ville de Palmyre',
    text: 'Syrian sappers have neutralised 1,230 mines in Palmyra.',
    kind: 'quantity',
    attributions: [{ sourceKey: 'reconciliation_centre', verb: 'a indiqué', mode: 'paraphrase', when: 'samedi' }],
    note: 'No relay stated (not chained through Sputnik). The Centre\'s own words below say "1230 mines et bombes artisanales", i.e. mines and IEDs combined.',
  },
  {
    quote: "«Les militaires des troupes du génie de l'armée gouvernementale syrienne poursuivent l'opération de déminage des ouvrages et terrains près de Palmyre.",
    text: "The Reconciliation Centre stated that Syrian army engineer troops are continuing demining of structures and land near Palmyra.",
    kind: 'quote',
    attributions: [{ sourceKey: 'reconciliation_centre', verb: 'a indiqué', mode: 'direct', where: 'sur son site officiel' }],
  },
  {
    quote: 'Les sapeurs syriens ont déjà neutralisé 1230 mines et bombes artisanales»',
    text: 'The Reconciliation Centre stated that Syrian sappers have already neutralised 1,230 mines and improvised explosive devices.',
    kind: 'quote',
    attributions: [{ sourceKey: 'reconciliation_centre', verb: 'a indiqué', mode: 'direct', where: 'sur son site officiel' }],
  },
  {
    quote: "Le chef-adjoint de l'unité du Centre international de déminage des Forces armées russes, le commandant Dmitri Veretennik",
    text: "Major Dmitri Veretennik is deputy head of a unit of the Russian Armed Forces' International Mine Action Centre.",
    kind: 'background',
    attributions: [],
    note: 'Role and rank as the article gives them ("commandant" = major).',
  },
  {
    quote: 'les sapeurs russes étaient en route vers Palmyre',
    text: 'Russian sappers were on their way to Palmyra.',
    kind: 'event',
    attributions: [{ sourceKey: 'veretennik', verb: 'a indiqué', mode: 'paraphrase', when: 'samedi' }],
  },
  {
    quote: 'devraient rejoindre leurs collègues syriens dans quelques jours',
    text: 'Russian sappers were expected to join their Syrian counterparts in Palmyra within a few days.',
    kind: 'event',
    attributions: [{ sourceKey: 'veretennik', verb: 'a indiqué', mode: 'paraphrase', when: 'samedi' }],
    note: 'A forecast; check whether and when the Russian sappers arrived.',
  },
  {
    quote: "le chef du département Opérations de l'état-major général russe, Sergueï Roudskoï",
    text: "Sergei Rudskoy is head of the Main Operations Directorate of the Russian General Staff.",
    kind: 'background',
    attributions: [],
  },
  {
    quote: 'les sapeurs russes disposent de détecteurs électromagnétiques de mines, de détecteurs de lignes de commande des détonateurs, de détecteurs de mines à influence',
    text: 'Russian sappers are equipped with electromagnetic mine detectors, detectors for detonator command wires and influence-mine detectors.',
    kind: 'event',
    attributions: [{ sourceKey: 'roudskoi', verb: "D'après", mode: 'paraphrase' }],
  },
  {
    quote: "d'autres équipements permettant de remplir les missions assignées",
    text: 'The Russian sappers have the other equipment needed to carry out their assigned missions.',
    kind: 'opinion',
    attributions: [{ sourceKey: 'roudskoi', verb: "D'après", mode: 'paraphrase' }],
  },
  // Background on Palmyra
  {
    quote: 'La ville de Palmyre, la «perle» du désert syrien, a été envahie par Daech le 21 mai 2015',
    text: 'ISIS captured Palmyra on 21 May 2015.',
    kind: 'date_place',
    attributions: [],
  },
  {
    quote: 'la «perle» du désert syrien',
    text: 'The article calls Palmyra the "pearl" of the Syrian desert.',
    kind: 'opinion',
    attributions: [],
    note: 'The guillemets mark a common epithet, not words attributed to any speaker.',
  },
  {
    quote: 'Peu de temps après, les intégristes ont entamé la destruction de ce site historique',
    text: 'Shortly after capturing Palmyra, ISIS began destroying the historic site.',
    kind: 'event',
    attributions: [],
  },
  {
    quote: "ce site historique inscrit au patrimoine mondial de l'Unesco",
    text: 'Palmyra is a UNESCO World Heritage site.',
    kind: 'background',
    attributions: [],
  },
  {
    quote: "Le 27 mars 2016, l'armée gouvernementale syrienne a pris d'assaut la citadelle historique",
    text: 'On 27 March 2016 the Syrian government army stormed the historic citadel of Palmyra.',
    kind: 'date_place',
    attributions: [],
  },
  {
    quote: 'triomphé sur Daech',
    text: 'The Syrian government army defeated ISIS at Palmyra.',
    kind: 'event',
    attributions: [],
  },
];
