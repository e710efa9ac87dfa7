import { fold } from '../common/text';

/**
 * Text normalisation for claim matching, shared by the search index (what is stored in
 * `match_text` and queried through SQLite FTS5 / PostgreSQL full text search) and the scorer.
 * Pure: no Nest, no database.
 *
 * A claim's text becomes a list of keys:
 * - numbers in any common format become one token: "1230", "1 230", "1,230", "1.230" → `1230`;
 *   decimals keep their point as `p` ("1,5" / "1.5" → `1p5`), so FTS tokenizers keep them whole;
 * - words are folded (accents, case), stopwords (French and English) dropped, and reduced to a
 *   crude cross-language stem: "Roudskoï" and "Rudskoy" → `rudsk`, "Palmyre" and "Palmyra" →
 *   `palmir`, "neutralisées" and "neutralised" → `neutralis`;
 * - capitalised words (outside the stopwords) are taken as names, which weigh more.
 */

export type TokenKind = 'number' | 'name' | 'word';

export interface Token {
  kind: TokenKind;
  /** The normalised key: what is indexed and compared. */
  key: string;
  /** The text as written (first occurrence), for reasons shown to people. */
  display: string;
}

// Common French and English words that say nothing about what a claim is about.
const STOPWORDS = new Set(
  (
    // French
    'a au aux avec ce ces cet cette d da dans de des du elle elles en entre est et etaient etait ete etre eu il ils ' +
    'je l la le les leur leurs lui m ma mais me meme mes moi mon n ne ni nos notre nous on ont ou par pas plus pour qu que ' +
    'qui s sa se ses si son sont sur t ta te tes toi ton tous tout toute toutes tu un une vos votre vous y deja aussi ainsi ' +
    'apres avant depuis selon lors dont ces avait avaient sera seront fait faire ete etant alors tres peu bien encore hier ' +
    'aujourd hui samedi dimanche lundi mardi mercredi jeudi vendredi a-t-il indique declare affirme ecrit ' +
    // English
    'about above after again against all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing down during each few for from further had has have having he her here hers him his how i ' +
    'if in into is it its itself just me more most my no nor not now of off on once only or other our ours out over own ' +
    'same she should so some such than that the their theirs them then there these they this those through to too under ' +
    'until up very was we were what when where which while who whom why will with would you your yours already also still ' +
    'said says say stated states according yesterday today saturday sunday monday tuesday wednesday thursday friday'
  ).split(/\s+/),
);

/** Small number words in both languages, so "deux" and "two" compare as 2. */
const NUMBER_WORDS: Record<string, string> = {
  deux: '2', two: '2', trois: '3', three: '3', quatre: '4', four: '4', cinq: '5', five: '5', six: '6', sept: '7',
  seven: '7', huit: '8', eight: '8', neuf: '9', nine: '9', dix: '10', ten: '10', douze: '12', twelve: '12',
  cent: '100', hundred: '100', mille: '1000', thousand: '1000',
  // Months and ordinals are numbers too: "août 2015" and "August 2015" agree, "June" and "August" differ.
  janvier: 'm1', january: 'm1', fevrier: 'm2', february: 'm2', mars: 'm3', march: 'm3', avril: 'm4', april: 'm4',
  mai: 'm5', juin: 'm6', june: 'm6', juillet: 'm7', july: 'm7', aout: 'm8', august: 'm8', septembre: 'm9',
  september: 'm9', octobre: 'm10', october: 'm10', novembre: 'm11', november: 'm11', decembre: 'm12', december: 'm12',
  premier: 'o1', premiere: 'o1', first: 'o1', deuxieme: 'o2', second: 'o2', seconde: 'o2', troisieme: 'o3', third: 'o3',
};
/** Same word, other language (after folding). */
const SYNONYMS: Record<string, string> = { milliard: 'billion', milliards: 'billion', percent: 'pct', pourcent: 'pct' };

// A number with thousands groups ("1 230", "1,230", "1.230", "12 000 000") or a plain/decimal one.
const NUMBER = /(?<![\p{L}\p{N}])(\d{1,3}(?:[ \u00a0\u202f.,'\u2019]\d{3})+|\d+(?:[.,]\d+)?)(?![\p{L}\p{N}]|[.,]\d)/gu;

/** "1 230" → "1230", "1,5" → "1p5", "007" → "7". */
export function normaliseNumber(raw: string): string {
  if (/^\d{1,3}(?:[ \u00a0\u202f.,'\u2019]\d{3})+$/u.test(raw)) return String(Number(raw.replace(/\D/g, '')));
  const [whole, decimals] = raw.split(/[.,]/);
  const w = whole.replace(/^0+(?=\d)/, '');
  const d = decimals?.replace(/0+$/, '');
  return d ? `${w}p${d}` : w;
}

/** A crude spelling skeleton that makes French and English (and transliterated) spellings meet. */
export function stem(folded: string): string {
  let s = folded
    .replace(/ph/g, 'f')
    .replace(/ou/g, 'u')
    .replace(/y/g, 'i')
    .replace(/gu(?=[ei])/g, 'g')
    .replace(/qu/g, 'k')
    .replace(/ck/g, 'k')
    .replace(/([a-z])\1+/g, '$1');
  if (s.length > 3) s = s.replace(/[sx]$/, '');
  if (s.length > 6) s = s.replace(/(ement|ment|ing)$/, '');
  if (s.length > 5) s = s.replace(/ed$/, '');
  s = s.replace(/ian$/, 'ien').replace(/if$/, 'iv');
  const bare = s.replace(/[aeiou]+$/, '');
  return bare.length >= 3 ? bare : s;
}

/** The tokens of a text, in order, each key once. */
export function tokenize(text: string): Token[] {
  const seen = new Map<string, Token>();
  const add = (kind: TokenKind, key: string, display: string) => {
    const existing = seen.get(key);
    if (!existing) seen.set(key, { kind, key, display });
    else if (weightOf(kind) > weightOf(existing.kind)) existing.kind = kind;
  };
  const rest = text.replace(NUMBER, (raw) => {
    add('number', normaliseNumber(raw), raw);
    return ' ';
  });
  if (/%/.test(rest)) add('word', 'pct', '%');
  for (const word of rest.split(/[^\p{L}\p{N}]+/u)) {
    const token = wordToken(word);
    if (token) add(token.kind, token.key, word);
  }
  return [...seen.values()];
}

/**
 * One word's token, or null for a stopword or a word too short. A pure function of the word, so
 * remembered: folding and stemming are most of a lookup's own CPU time (50 candidates re-scored),
 * and a desk's vocabulary is small. The memo is emptied when it reaches MEMO_MAX words.
 */
const MEMO_MAX = 100_000;
const memo = new Map<string, { kind: TokenKind; key: string } | null>();

function wordToken(word: string): { kind: TokenKind; key: string } | null {
  let token = memo.get(word);
  if (token !== undefined) return token;
  token = computeWordToken(word);
  if (memo.size >= MEMO_MAX) memo.clear();
  memo.set(word, token);
  return token;
}

function computeWordToken(word: string): { kind: TokenKind; key: string } | null {
  if (word.length < 2) return null;
  const folded = fold(word);
  if (STOPWORDS.has(folded)) return null;
  if (folded === 'may' && word === 'May') return { kind: 'number', key: 'm5' }; // the month, not the verb
  if (NUMBER_WORDS[folded]) return { kind: 'number', key: NUMBER_WORDS[folded] };
  if (/^\d+$/.test(folded)) return { kind: 'number', key: normaliseNumber(folded) };
  const key = stem(SYNONYMS[folded] ?? folded);
  if (key.length < 2) return null;
  return { kind: /^\p{Lu}/u.test(word) ? 'name' : 'word', key };
}

/** What the search engines index for a text: its keys, space-separated. */
export function matchText(text: string): string {
  return tokenize(text)
    .map((t) => t.key)
    .join(' ');
}

/** The text of a claim that matching looks at: the editor's wording and the article's words. */
export function claimMatchSource(claim: { text: string; quote: string }): string {
  return `${claim.text}\n${claim.quote}`;
}

export const WEIGHTS: Record<TokenKind, number> = { number: 3, name: 2, word: 1 };

export function weightOf(kind: TokenKind): number {
  return WEIGHTS[kind];
}
