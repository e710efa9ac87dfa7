/**
 * Attribution cue lexicons for French and English, built from verb stems so that every
 * inflection a news text uses is covered (said/says/saying, a indiqué/indique/indiquent/
 * indiquait/a-t-il indiqué/indique-t-elle), not only the examples of the issue.
 * Pure data and regular-expression builders: no Nest, no I/O.
 */

/** French first-group reporting verbs (-er), given by stem: "indiqu" → indiqué, indique, indiquent, indiquait ... */
const FR_ER_STEMS = [
  'indiqu', 'déclar', 'affirm', 'ajout', 'précis', 'rapport', 'annonc', 'soulign', 'expliqu', 'assur', 'estim',
  'confirm', 'racont', 'rappel', 'signal', 'not', 'observ', 'relev', 'insist', 'martel', 'révél', 'dénonc',
  'accus', 'témoign', 'jug', 'considér', 'communiqu', 'déplor', 'regrett', 'lanc', 'confi', 'détaill', 'évoqu',
  'mentionn', 'rétorqu', 'tweet', 'proclam', 'nuanc', 'résum', 'comment', 'avou', 'alert', 'chiffr', 'fustig',
  'critiqu', 'contest', 'qualifi', 'réclam', 'exig', 'démontr', 'prôn', 'sout', 'argu', 'prévis',
].filter((s) => s !== 'sout' && s !== 'prévis');
/** Irregular French reporting verbs: every form we accept, written out. */
const FR_IRREGULAR = [
  'dit', 'dite', 'dits', 'dites', 'dire', 'disent', 'disait', 'disaient', 'dira', 'diront',
  'écrit', 'écrite', 'écrivent', 'écrivait', 'écrivaient',
  'reconnu', 'reconnaît', 'reconnait', 'reconnaissent',
  'soutenu', 'soutient', 'soutiennent',
  'conclu', 'conclut', 'concluent',
  'promis', 'promet', 'promettent',
  'admis', 'admet', 'admettent',
  'répondu', 'répond', 'répondent',
  'prédit', 'prédisent',
  'poursuivi', 'poursuit', 'poursuivent',
  'averti', 'avertit', 'avertissent',
  'prévenu', 'prévient', 'préviennent',
  'démenti', 'dément', 'démentent',
  'fait savoir', 'fait état', 'font savoir', 'fait valoir', 'font valoir',
  'précisé', 'ajouté', 'confié', 'rapporté', 'publié', 'publie', 'publient',
  'rapportent',
  'réagi', 'réagit', 'réagissent', 'réagissait', 'répliqué', 'réplique', 'insisté', 'souri', 'lâché', 'lâche', 'glissé', 'glisse', 'tranché', 'tranche', 'asséné', 'résumé',
  'lu', 'entendu',
];

function frForms(stem: string): string[] {
  return ['é', 'ée', 'és', 'ées', 'e', 'ent', 'ait', 'aient', 'era', 'eront', 'a'].map((ending) => {
    // c before a/o takes a cedilla (annonça), g takes an e (jugea): keep it simple, the common forms suffice.
    if (stem.endsWith('c') && (ending === 'ait' || ending === 'aient' || ending === 'a')) return `${stem.slice(0, -1)}ç${ending}`;
    if (stem.endsWith('g') && (ending === 'ait' || ending === 'aient' || ending === 'a')) return `${stem}e${ending}`;
    return stem + ending;
  });
}

/** Forms that are also everyday nouns or adjectives ("note", "critique", "menace"). */
const FR_NOT_CUES = ['note', 'notent', 'nota', 'lance', 'lancent', 'lança', 'critique', 'critiquent', 'alerte', 'menace', 'menacent', 'chiffre', 'chiffrent', 'juge', 'jugent', 'accusé', 'accusés', 'reconnu', 'avertie', 'confiée', 'confiés', 'confiées', 'lancée', 'lancés', 'lancées', 'communiqué', 'communiqués', 'publié', 'publiée', 'jugée', 'jugés', 'jugées', 'considérée', 'considérés', 'considérées', 'chiffré', 'chiffrée', 'chiffrés', 'chiffrées', 'qualifié', 'qualifiée', 'qualifiés', 'qualifiées', 'observée', 'lu', 'entendu'];

export const FR_VERB_FORMS: string[] = unique([...FR_ER_STEMS.flatMap(frForms), ...FR_IRREGULAR]).filter(
  // Forms that are also everyday words would make every sentence look attributed.
  (f) => !FR_NOT_CUES.includes(f),
);

/** English reporting verbs: base form → [third person, past, -ing]. Regular ones are derived. */
const EN_IRREGULAR: Record<string, [string, string, string]> = {
  say: ['says', 'said', 'saying'],
  tell: ['tells', 'told', 'telling'],
  write: ['writes', 'wrote', 'writing'],
  tweet: ['tweets', 'tweeted', 'tweeting'],
  post: ['posts', 'posted', 'posting'],
  admit: ['admits', 'admitted', 'admitting'],
  predict: ['predicts', 'predicted', 'predicting'],
  deny: ['denies', 'denied', 'denying'],
  reply: ['replies', 'replied', 'replying'],
  testify: ['testifies', 'testified', 'testifying'],
  allege: ['alleges', 'alleged', 'alleging'],
  argue: ['argues', 'argued', 'arguing'],
  estimate: ['estimates', 'estimated', 'estimating'],
  declare: ['declares', 'declared', 'declaring'],
  note: ['notes', 'noted', 'noting'],
  state: ['states', 'stated', 'stating'],
  announce: ['announces', 'announced', 'announcing'],
  reiterate: ['reiterates', 'reiterated', 'reiterating'],
  emphasise: ['emphasises', 'emphasised', 'emphasising'],
  emphasize: ['emphasizes', 'emphasized', 'emphasizing'],
  conclude: ['concludes', 'concluded', 'concluding'],
  continue: ['continues', 'continued', 'continuing'],
  indicate: ['indicates', 'indicated', 'indicating'],
  acknowledge: ['acknowledges', 'acknowledged', 'acknowledging'],
  describe: ['describes', 'described', 'describing'],
  promise: ['promises', 'promised', 'promising'],
  disclose: ['discloses', 'disclosed', 'disclosing'],
  stress: ['stresses', 'stressed', 'stressing'],
  go: ['goes', 'went', 'going'],
  assure: ['assures', 'assured', 'assuring'],
  recall: ['recalls', 'recalled', 'recalling'],
  show: ['show', 'showed', 'showing'],
};
const EN_REGULAR = [
  'add', 'report', 'claim', 'warn', 'insist', 'explain', 'confirm', 'assert', 'reveal', 'maintain', 'suggest',
  'observe', 'contend', 'remark', 'recount', 'affirm', 'comment', 'caution', 'complain', 'mention', 'detail', 'point',
];

function enForms(base: string): [string, string] {
  if (EN_IRREGULAR[base]) return [EN_IRREGULAR[base][0], EN_IRREGULAR[base][1]];
  return [`${base}s`, `${base}ed`];
}

/** Words that are also plural nouns ("reports", "claims"): only their past form is a cue. */
const EN_NOUN_LIKE = ['reports', 'claims', 'estimates', 'states', 'notes', 'quotes', 'posts', 'details', 'comments', 'relays', 'goes', 'went', 'points', 'pointed', 'continues', 'continued', 'promises', 'cites', 'recalls', 'describes', 'described', 'stresses', 'warns'];

/** Third person and past of each English reporting verb ("says", "said"), plus "pointed out", "went on". */
export const EN_VERB_FORMS: string[] = unique([
  ...[...Object.keys(EN_IRREGULAR), ...EN_REGULAR].flatMap(enForms).filter((f) => !EN_NOUN_LIKE.includes(f)),
  'pointed out', 'points out', 'went on to say', 'warns', 'stresses',
]);

/** The subset of verb forms that introduce a further assertion after a comma: "adding that", "ajoutant que". */
export const EN_PARTICIPLE_CONTINUATIONS = ['adding', 'saying', 'noting', 'stressing', 'warning', 'explaining', 'insisting', 'claiming', 'arguing', 'estimating', 'indicating', 'stating', 'confirming', 'acknowledging', 'suggesting', 'asserting', 'emphasising', 'emphasizing', 'pointing out'];
export const FR_PARTICIPLE_CONTINUATIONS = ['ajoutant', 'précisant', 'soulignant', 'affirmant', 'expliquant', 'assurant', 'estimant', 'indiquant', 'déclarant', 'rappelant', 'notant', 'insistant', 'estimant', 'annonçant', 'confirmant', 'reconnaissant', 'signalant', 'affirmant'];

/** Prepositional cues: the source follows. "selon X", "d'après X", "according to X". */
export const PREP_CUES = [
  'selon', "d'après", 'de source', "aux dires d", "à en croire", "de l'avis d", 'citant', 'cité par', 'citée par', 'cités par', 'citées par',
  'relayé par', 'relayée par', 'relayés par', 'relayées par', 'rapporté par', 'rapportée par', 'rapportés par', 'rapportées par',
  'according to', 'as reported by', 'as quoted by', 'citing', 'cited by', 'quoted by', 'relayed by', 'reported by', 'as told to', 'in the words of',
];

/** Cues that pass a statement on, not say it: their source is a relay, after the speaker. */
export const RELAY_CUES = ['cité par', 'citée par', 'cités par', 'citées par', 'relayé par', 'relayée par', 'relayés par', 'relayées par', 'rapporté par', 'rapportée par', 'rapportés par', 'rapportées par', 'cited by', 'quoted by', 'relayed by', 'reported by', 'as quoted by', 'as reported by'];
/** Cues whose source is the speaker, while the subject of the sentence is the relay: "Reuters reported, citing X". */
export const CITING_CUES = ['citing', 'citant'];

export const TIME_WORDS_FR = [
  'lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche', 'hier', "aujourd'hui", 'ce matin', 'ce soir',
  'mardi dernier', 'dans la matinée', 'dans la soirée', 'la veille', 'le même jour', 'plus tôt', 'plus tard', 'avant-hier', 'cette semaine',
  'la semaine dernière', 'récemment', 'jeudi soir', 'matin', 'soir', 'après-midi', 'dernier', 'dernière', 'encore', 'également', 'aussi',
  'ensuite', 'par ailleurs', 'de son côté', 'pour sa part', 'toutefois', 'cependant', 'notamment', 'enfin', 'déjà', 'en outre', 'officiellement',
];
export const TIME_WORDS_EN = [
  'on monday', 'on tuesday', 'on wednesday', 'on thursday', 'on friday', 'on saturday', 'on sunday', 'monday', 'tuesday', 'wednesday',
  'thursday', 'friday', 'saturday', 'sunday', 'yesterday', 'today', 'earlier', 'later', 'last week', 'this week', 'late', 'early',
  'evening', 'morning', 'night', 'afternoon', 'also', 'further', 'separately', 'previously', 'again', 'then', 'however', 'in a statement',
];

/** Where it was said: kept as the link's saidWhere. */
export const WHERE_PHRASES = [
  'sur son site officiel', 'sur son site internet', 'sur son site', 'sur son compte twitter', 'sur twitter', 'sur x', 'sur telegram', 'sur sa chaîne telegram',
  'sur facebook', 'dans un communiqué', 'dans un communiqué de presse', 'dans une déclaration', 'lors d\'une conférence de presse', 'en conférence de presse',
  'dans un entretien', 'dans une interview', 'à la télévision', 'à la radio', 'devant la presse', 'devant les journalistes', 'dans un rapport',
  'in a statement', 'in a press release', 'in a report', 'on its website', 'on his website', 'on her website', 'on twitter', 'on x', 'on telegram',
  'on its telegram channel', 'on facebook', 'at a news conference', 'at a press conference', 'in an interview', 'in a televised address',
  'in a speech', 'on television', 'on state television', 'on state tv', 'in a briefing', 'to reporters', 'to journalists', 'in a tweet', 'in a post',
];

/** Heads of noun phrases that name nobody: "a military source", "une source proche du ministère". */
export const ANONYMOUS_HEADS = [
  'économiste', 'économistes', 'economist', 'economists', 'chercheur', 'chercheurs', 'researcher', 'researchers', 'scientist', 'scientists', 'scientifique', 'scientifiques', 'spécialiste', 'spécialistes', 'specialist', 'specialists', 'survivor', 'survivors', 'survivant', 'survivants',
  'critics', 'opponents', 'supporters', 'détracteurs', 'opposants', 'partisans', 'critiques',
  'source', 'sources', 'official', 'officials', 'responsable', 'responsables', 'diplomat', 'diplomats', 'diplomate', 'diplomates',
  'witness', 'witnesses', 'témoin', 'témoins', 'resident', 'residents', 'habitant', 'habitants', 'person', 'people', 'personne', 'personnes',
  'aide', 'aides', 'insider', 'insiders', 'expert', 'experts', 'analyst', 'analysts', 'analyste', 'analystes', 'observateur', 'observateurs',
  'proche', 'proches', 'spokesman', 'spokeswoman', 'spokesperson', 'porte-parole', 'militant', 'activist', 'activists', 'militants',
  'commander', 'commandant', 'officer', 'officers', 'officier', 'officiers', 'médecin', 'médecins', 'doctor', 'doctors', 'employee', 'employees',
  'membre', 'membres', 'member', 'members', 'négociateur', 'negotiator', 'conseiller', 'adviser', 'advisor', 'interlocuteur', 'opérateur',
  'operator', 'trader', 'traders', 'banker', 'bankers', 'executive', 'executives', 'cadre', 'cadres', 'agent', 'agents', 'fonctionnaire', 'fonctionnaires',
];
/** Determiners and numbers that make such a phrase indefinite. */
export const INDEFINITE_WORDS = [
  'a', 'an', 'one', 'two', 'three', 'four', 'five', 'several', 'some', 'many', 'other', 'senior', 'un', 'une', 'des', 'deux', 'trois', 'quatre',
  'plusieurs', 'certains', 'certaines', 'de', "d'", 'nombreux', 'nombreuses', 'autres',
];

export const PRONOUNS = ['il', 'elle', 'ils', 'elles', 'he', 'she', 'they', 'it', 'on', 'lui', 'eux', 'him', 'her', 'them'];

/** English base forms used with plural subjects ("critics say"); never after to/will/can/did ... */
export const EN_PLURAL_FORMS = ['say', 'tell', 'add', 'warn', 'argue', 'insist', 'claim', 'believe', 'estimate', 'report', 'note', 'contend', 'allege', 'maintain', 'fear', 'predict', 'agree'];

/** Titles dropped from a person's name: "le commandant Dmitri Veretennik" → "Dmitri Veretennik". */
export const TITLES = [
  'm', 'mme', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'prof', 'professor', 'president', 'président', 'présidente', 'minister', 'ministre', 'general',
  'général', 'colonel', 'commandant', 'commander', 'capitaine', 'captain', 'lieutenant', 'major', 'sergeant', 'sergent', 'admiral', 'amiral',
  'maréchal', 'marshal', 'sir', 'lord', 'lady', 'sheikh', 'cheikh', 'senator', 'sénateur', 'sénatrice', 'governor', 'gouverneur', 'mayor',
  'maire', 'ambassador', 'ambassadeur', 'ambassadrice', 'spokesman', 'spokeswoman', 'porte-parole', 'chief', 'chef', 'director', 'directeur', 'directrice',
  'secretary', 'secrétaire', 'prime', 'premier', 'le', 'la', 'les', 'the', "l'",
];

export const DETERMINERS = ['le', 'la', 'les', "l'", 'the', 'un', 'une', 'a', 'an', 'des', 'du', 'de', "d'", 'au', 'aux', 'à'];

function unique(values: string[]): string[] {
  return [...new Set(values)];
}

/** Escapes a literal for a regular expression; apostrophes match ' or ’. */
export function literal(value: string): string {
  return value
    .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
    .replace(/'/g, "['’]")
    .replace(/ /g, '\\s+');
}

/** An alternation, longest first so that "a indiqué" wins over "a". */
export function alternation(values: string[]): string {
  return [...new Set(values)]
    .sort((a, b) => b.length - a.length)
    .map(literal)
    .join('|');
}
