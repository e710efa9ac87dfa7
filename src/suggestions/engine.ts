/**
 * The suggestion engine: an article's checkable claims, each anchored to exact offsets, with a
 * check-worthiness score and its reasons, and the attribution chain the article states, original
 * speaker first. Deterministic, offline, no Nest: `suggest(text, registry)`.
 */
import { fold } from '../common/text';
import { RawLink, readSentence } from './attribution';
import { ANONYMOUS_HEADS, DETERMINERS, INDEFINITE_WORDS, PRONOUNS, TITLES } from './lexicon';
import { GuessedKind, guessKind, normaliseName, Registry, RegistryEntry } from './registry';
import { scoreClaim } from './scoring';
import { splitSentences } from './segment';

export type SuggestedKind = 'event' | 'quantity' | 'date_place' | 'quote' | 'background' | 'opinion';

export interface SuggestedLink {
  position: number;
  /** The source's name: the registry's name when matched, else as the article names it. */
  name: string;
  /** The registry source, or null for a source not yet in the registry (or an anonymous one). */
  sourceId: number | null;
  anonymous: boolean;
  /** For an anonymous source, how the article describes it ("une source proche du ministère"). */
  description: string | null;
  /** The kind guessed for a new source (null when matched or anonymous). */
  newSourceKind: GuessedKind | null;
  verb: string;
  mode: 'direct' | 'paraphrase';
  saidWhen: string | null;
  saidWhere: string | null;
}

export interface Suggestion {
  quote: string;
  start: number;
  end: number;
  kind: SuggestedKind;
  score: number;
  reason: string;
  unattributed: boolean;
  attributions: SuggestedLink[];
}

interface Known {
  name: string;
  key: string;
  words: Set<string>;
  person: boolean;
  anonymous: boolean;
  /** Named as the original speaker of a claim (pronouns refer back to speakers, not relays). */
  speaker: boolean;
  /** A person named as a sentence's subject without a cue ("Le président X a menacé …"): "il" may refer to them next. */
  mentioned?: boolean;
  link: Omit<SuggestedLink, 'position' | 'verb' | 'mode' | 'saidWhen' | 'saidWhere'>;
}

const MIN_SCORE = 0.2;
const NOT_A_CLAIM = /^(?:\(?\s*(?:reporting|writing|editing|additional reporting|compiled|translated) by\s|by\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}\s*$|par\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}\s*$|(?:lire aussi|read more|read also|à lire aussi|related|voir aussi|see also)\b|photo\s*:|©)/iu;
const DATELINE = /^\p{Lu}[\p{Lu}\s.'’-]+(?:,\s*[^()\n]{1,30})?\s*\([^)\n]{1,40}\)\s*[-–—]+\s*/u;

export function suggest(text: string, entries: RegistryEntry[] | Registry = []): Suggestion[] {
  const registry = entries instanceof Registry ? entries : new Registry(entries);
  const known: Known[] = [];
  const out: Suggestion[] = [];
  for (const found of splitSentences(text)) {
    // A dateline ("KYIV, March 3 (Reuters) - ", "PARIS (AFP) - ") is not part of any claim.
    const dateline = DATELINE.exec(text.slice(found.start, Math.min(found.end, found.start + 120)));
    const sentence = dateline ? { start: found.start + dateline[0].length, end: found.end } : found;
    const raw = sentence.end - sentence.start;
    if (raw < 12) continue;
    // Credits, bylines and links are not claims: "(Reporting by …; Editing by …)", "By Jane Doe", "Lire aussi : …".
    if (NOT_A_CLAIM.test(text.slice(sentence.start, Math.min(sentence.end, sentence.start + 80)))) continue;
    for (const claim of readSentence(text, sentence)) {
      const quote = text.slice(claim.start, claim.end);
      const chain: SuggestedLink[] = [];
      for (const link of claim.chain) {
        const resolved = resolveLink(link, registry, known, chain.length === 0);
        if (resolved) chain.push({ ...resolved, position: chain.length, verb: link.verb.trim(), mode: claim.direct ? 'direct' : 'paraphrase', saidWhen: link.saidWhen, saidWhere: link.saidWhere });
      }
      const words = quote.replace(/[^\p{L}\p{N}]+/gu, ' ').trim().split(' ').length;
      if (words < 2 || (words < 3 && !/\d/.test(quote))) continue;
      if (/\?\s*[»”"]?$/.test(quote)) continue;
      // Background the speaker's description carries: "X, a Britain-based monitoring group, said".
      for (const bg of descriptions(text, claim.chain, sentence)) out.push(bg);
      const { score, reasons, kind } = scoreClaim(quote, { attributed: chain.length > 0, direct: claim.direct, cue: claim.cue });
      if (score < MIN_SCORE) continue;
      out.push({
        quote,
        start: claim.start,
        end: claim.end,
        kind,
        score,
        reason: reasons.join('; '),
        unattributed: chain.length === 0,
        attributions: chain,
      });
    }
    rememberSubject(text, sentence, known);
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((s, i) => i === 0 || s.start !== out[i - 1].start || s.end !== out[i - 1].end);
}

/** A person named at the start of a sentence ("Le président turc Recep Tayyip Erdogan a menacé …"). */
const SUBJECT_PERSON = /^(?:\S+\s+){0,5}?((?:\p{Lu}[\p{Ll}'’-]+)(?:\s+(?:\p{Lu}[\p{Ll}'’-]+|al-\p{L}+|bin|ben|de|da|van|von)){1,3})(?=\s+(?:a|avait|est|has|had|was|is|\p{Ll}+ed|\p{Ll}+s)\s)/u;

function rememberSubject(text: string, sentence: { start: number; end: number }, known: Known[]): void {
  const m = SUBJECT_PERSON.exec(text.slice(sentence.start, Math.min(sentence.end, sentence.start + 200)));
  if (!m) return;
  const name = m[1];
  if (known.length && known[known.length - 1].name === name) return;
  remember(known, name, true, false, false, { name, sourceId: null, anonymous: false, description: null, newSourceKind: 'person' });
  known[known.length - 1].mentioned = true;
}


/** Background claims in the way a speaker is introduced: "le commandant X, chef-adjoint de …" is checkable too. */
function descriptions(text: string, chain: RawLink[], sentence: { start: number; end: number }): Suggestion[] {
  const out: Suggestion[] = [];
  for (const link of chain) {
    const parts = link.phrase.split(',').map((p) => p.trim()).filter(Boolean);
    if (parts.length < 2 || anonymousDescription(link.phrase)) continue;
    const words = link.phrase.split(/\s+/).length;
    if (words < 5) continue;
    // Looked for inside the sentence only: a search of the rest of the text would make long articles quadratic.
    const local = text.slice(sentence.start, sentence.end).indexOf(link.phrase);
    if (local < 0) continue;
    const at = sentence.start + local;
    const quote = link.phrase.replace(/[\s,]+$/, '');
    out.push({
      quote,
      start: at,
      end: at + quote.length,
      kind: 'background',
      score: 0.35,
      reason: "describes the speaker (title, affiliation): background in the article's own voice",
      unattributed: true,
      attributions: [],
    });
  }
  return out;
}

function resolveLink(link: RawLink, registry: Registry, known: Known[], speaker: boolean): Omit<SuggestedLink, 'position' | 'verb' | 'mode' | 'saidWhen' | 'saidWhere'> | null {
  const phrase = link.phrase.trim().replace(/^[«“"]|[»”"]$/g, '').trim();
  if (!phrase) return null;
  // "D'après nos informations", "according to our sources": the outlet itself, i.e. the article's own voice.
  if (/^(?:nos|notre|our|we|us|nous)(?:\s|$)/iu.test(phrase)) return null;
  // Pronouns: the last named speaker ("a-t-elle précisé", "he added").
  if (FOLDED_PRONOUNS.has(fold(phrase))) {
    const speakers = known.filter((k) => k.speaker || k.mentioned);
    const personal = /^(?:he|she)$/iu.test(phrase);
    const pick = (personal ? [...speakers].reverse().find((k) => k.person) : undefined) ?? speakers[speakers.length - 1];
    return pick ? pick.link : null;
  }
  const anonymous = anonymousDescription(phrase);
  if (anonymous) {
    const entry = { name: anonymous, sourceId: null, anonymous: true, description: anonymous, newSourceKind: null };
    remember(known, anonymous, false, true, speaker, entry);
    return entry;
  }
  const name = nameIn(withoutParticiple(phrase));
  // Short names and common nouns for someone already named: "M. Haddad", "the ministry", "le Centre".
  const short = shortReference(name, known);
  if (short) {
    if (speaker) short.speaker = true;
    return short.link;
  }
  const person = looksLikePerson(phrase, name);
  const entry = registry.match(name) ?? (person ? null : registry.match(phrase));
  const result = entry
    ? { name: entry.name, sourceId: entry.id, anonymous: false, description: null, newSourceKind: null }
    : { name, sourceId: null, anonymous: false, description: null, newSourceKind: guessKind(phrase, person) };
  remember(known, `${name} ${phrase} ${entry ? [entry.name, ...entry.aliases].join(' ') : ''}`, person || entry?.kind === 'person', false, speaker, result);
  return result;
}

function remember(known: Known[], names: string, person: boolean, anonymous: boolean, speaker: boolean, link: Known['link']): void {
  const key = normaliseName(names);
  known.push({ name: link.name, key, words: new Set(key.split(' ')), person, anonymous, speaker, link });
  if (known.length > MEMORY) known.shift();
}

const FOLDED_TITLES = new Set(TITLES.map(fold));
const TITLED_NAME = /(?:^|\s)(?:secretary|minister|president|chancellor|governor|senator|general|commander|spokesman|spokeswoman|spokesperson|director|chief|ambassador|mayor|judge|prosecutor|sheikh|premier|ministre|président|présidente|général|gouverneur|porte-parole|directeur|directrice|maire|juge|procureur|ambassadeur|commandant|colonel|capitaine|docteur|dr\.?|m\.|mme)\s+((?:\p{Lu}[\p{L}'’-]+\s+){1,2}\p{Lu}[\p{L}'’-]+)$/iu;
const FOLDED_HEADS = new Set(ANONYMOUS_HEADS.map(fold));
const FOLDED_INDEFINITE = new Set(INDEFINITE_WORDS.map(fold));
const FOLDED_PRONOUNS = new Set(PRONOUNS.map(fold));
/** How far back a short name or a pronoun may look for its speaker (sources named, newest first). */
const MEMORY = 200;
const FOLDED_DETERMINERS = new Set(DETERMINERS.map(fold));

function shortReference(name: string, known: Known[]): Known | null {
  const words = normaliseName(name)
    .split(' ')
    .filter((w) => w && !FOLDED_TITLES.has(w) && !FOLDED_DETERMINERS.has(w));
  if (words.length === 0 || words.length > 3) return null;
  for (let i = known.length - 1; i >= 0; i--) {
    const k = known[i];
    if (k.anonymous) continue;
    if (words.every((w) => k.words.has(w))) return k;
  }
  return null;
}

/** "a military source", "two shipping sources", "une source proche du ministère": nobody named. */
export function anonymousDescription(phrase: string): string | null {
  phrase = phrase.split(',')[0];
  const folded = fold(phrase).replace(/[’]/g, "'");
  const words = folded.split(/\s+/);
  // The head is the last word before a complement ("close to", "proche de", "familiar with", "au sein de").
  const complement = words.findIndex((w, i) => i > 0 && /^(?:close|proche|proches|familiar|within|au|in|at|of|from|de|du|des|d'|with|avec|chez|inside|near|who|qui|based|basé|basée|basés)$/.test(w) || /^d'/.test(w) && i > 0);
  const headWords = complement > 0 ? words.slice(0, complement) : words;
  // French puts adjectives after the noun ("une source militaire"): the head is any of the first words.
  if (!headWords.some((w) => FOLDED_HEADS.has(w))) return null;
  const original = phrase.trim().split(/\s+/).slice(0, headWords.length);
  const first = headWords[0];
  const indefinite = FOLDED_INDEFINITE.has(first) || /^\d+$/.test(first);
  // A bare plural ("military sources", "US officials") is indefinite too; a named one ("Reuters sources") is not anonymous either way.
  const bare = !FOLDED_DETERMINERS.has(first) && !/^(?:the|le|la|les|l')$/.test(first) && original.every((w, i) => i === 0 || i === original.length - 1 || /^\p{Ll}/u.test(w) || /^(?:US|U\.S\.|UN|EU|Western|Israeli|Syrian|Russian|French|British|American|Iraqi|Iranian|Turkish|Ukrainian|Kurdish|Lebanese|\p{Lu}\p{Ll}+(?:an|ese|ish|ian|i))$/u.test(w));
  if (!indefinite && !bare) return null;
  // A proper name in the head part ("a Pentagon official") still names nobody; keep the phrase as description.
  return phrase.trim().replace(/[\s,]+$/, '');
}

/** Strips what follows a source's name: "les chiffres de Pôle emploi publiés jeudi" → "les chiffres de Pôle emploi". */
function withoutParticiple(phrase: string): string {
  return phrase.replace(/\s+(?:publiés?|publiées?|diffusés?|diffusées?|parus?|parues?|rendus? publics?|released|published|issued|posted)(?:\s.*)?$/iu, '');
}

/** The part of a noun phrase that names the source: "le commandant Dmitri Veretennik" from a title-laden subject. */
export function nameIn(phrase: string): string {
  const parts = phrase.split(',').map((p) => p.trim()).filter(Boolean);
  let chosen = parts[0] ?? phrase;
  for (const p of parts.slice(1)) {
    if (/(?:^|\s)\p{Lu}[\p{L}'’-]+\s+\p{Lu}[\p{L}'’-]+$/u.test(p) && !/^(?:a|an|un|une)\s/iu.test(p)) {
      chosen = p;
      break;
    }
  }
  // "Treasury Secretary Janet Yellen", "Foreign Minister Sergei Lavrov": the name after the title.
  const titled = TITLED_NAME.exec(chosen.trim());
  if (titled) return titled[1];
  let words = chosen.split(/\s+/);
  // "Le Parisien", "Le Monde": a capitalised French article before a capitalised word belongs to a short title.
  if (words.length <= 4 && /^(?:Le|La|Les)$/u.test(words[0]) && /^\p{Lu}/u.test(words[1] ?? '') && words.slice(1).every((w) => /^\p{Lu}/u.test(w))) {
    return words.join(' ');
  }
  // Drop determiners and titles before a capitalised name: "le commandant Dmitri Veretennik", "President Bashar al-Assad".
  const firstCap = words.findIndex((w, i) => /^\p{Lu}/u.test(w) && !(i === 0 && FOLDED_DETERMINERS.has(fold(w))) && !FOLDED_TITLES.has(fold(w).replace(/\.$/, '')));
  if (firstCap > 0 && words.slice(0, firstCap).every((w) => FOLDED_TITLES.has(fold(w).replace(/\.$/, '')) || FOLDED_DETERMINERS.has(fold(w)))) {
    words = words.slice(firstCap);
  } else if (words.length > 1 && FOLDED_DETERMINERS.has(fold(words[0]))) {
    words = words.slice(1);
  } else if (/^(?:l|d)['’]/iu.test(words[0] ?? '')) {
    words[0] = words[0].slice(2);
  }
  // "state news agency SANA", "la chaîne INN Lebanon": a lower-case description before a capitalised name.
  const tail = /((?:\p{Lu}[\p{L}\p{N}'’.-]*)(?:\s+(?:\p{Lu}[\p{L}\p{N}'’.-]*|al-\p{L}+|de|of|for|du|des))*)$/u.exec(words.join(' '));
  if (tail && tail.index > 0) {
    const lead = words.join(' ').slice(0, tail.index).trim();
    const governed = /(?:^|\s)(?:de|du|des|of|d['’]|l['’])$|(?:^|\s)(?:de|of)\s+(?:la|le|les|the)$|['’]$/iu.test(lead);
    // The lead may start with a capital only because it starts the sentence ("Chief executive Jane Doe").
    const lower = lead.charAt(0).toLowerCase() + lead.slice(1);
    if (lead && !governed && /^[\p{Ll}\s'’-]+$/u.test(lower) && lead.split(/\s+/).length <= 5) return tail[1].trim();
  }
  let name = words.join(' ').trim().replace(/^(?:l|d)['’]/iu, '');
  // Strip reports and estimates: "estimates by the UN refugee agency" → the agency.
  name = name.replace(
    /^(?:(?:estimates|figures|data|a report|report|a statement|statement|a survey|survey|a study|study|projections|forecasts|calculations|estimations|chiffres|données|un rapport|rapport|un communiqué|communiqué|les chiffres|les estimations|projections|prévisions|calculs|une étude|étude|un sondage|sondage|un bilan|bilan)\s+(?:(?:by|from|of|de|du|des)\s+|d['’])(?:la\s+|le\s+|les\s+|l['’]|the\s+)?)/iu,
    '',
  );
  name = name.replace(/^(?:the|le|la|les)\s+/iu, '').replace(/^(?:l|d)['’]/iu, '');
  return name.charAt(0).toUpperCase() === name.charAt(0) ? name : name;
}

function looksLikePerson(phrase: string, name: string): boolean {
  if (/(?:^|\s)(?:m\.|mme|mr\.?|mrs\.?|ms\.?|dr\.?|president|président|présidente|minister|ministre|general|général|colonel|commandant|commander|captain|capitaine|spokesman|spokeswoman|porte-parole|ambassador|ambassadeur|mayor|maire|senator|sénateur|député|députée|lawmaker|governor|gouverneur|chancellor|chancelier|prime minister|premier ministre|secretary|secrétaire|director|directeur|directrice|chief|chef|officer|officier|doctor|docteur|médecin|professor|professeur|lawyer|avocat|avocate|witness|témoin|resident|habitant|habitante)(?:[\s,]|$)/iu.test(` ${phrase} `)) return true;
  const words = name.split(/\s+/);
  // "White House", "Labor Department", "Morgan Stanley Bank": capitalised, but an institution.
  if (guessKind(name, false) !== 'organisation' || /(?:^|\s)(?:house|office|group|party|council|court|union|bank|press|times|post|news|nations|committee|institute|foundation|university|company|corp|inc|ltd)(?:\s|$)/iu.test(name)) return false;
  return words.length >= 2 && words.length <= 4 && words.every((w) => /^\p{Lu}\p{Ll}/u.test(w) || /^(?:al-|el-|de|von|van|bin|ibn)/u.test(w));
}
