/**
 * Sentence segmentation with exact offsets (UTF-16 code units, like JavaScript string indices,
 * like claim anchors). A quotation in « », “ ” or " " is never split, so a quote of several
 * sentences stays one unit with the attribution that follows it; `splitInside` splits it later.
 */

export interface Span {
  start: number;
  end: number;
}

/** Abbreviations after which a full stop does not end a sentence (folded, without the dot). */
const ABBREVIATIONS = new Set([
  'm', 'mm', 'mme', 'mmes', 'mlle', 'mr', 'mrs', 'ms', 'dr', 'prof', 'st', 'ste', 'sr', 'jr', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm',
  'gov', 'sen', 'rep', 'rev', 'no', 'nos', 'vol', 'p', 'pp', 'fig', 'etc', 'vs', 'cf', 'env', 'av', 'apr', 'jan', 'feb', 'mar', 'jun', 'jul',
  'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'janv', 'févr', 'fevr', 'avr', 'juil', 'déc', 'u.s', 'u.k', 'u.n', 'e.g', 'i.e', 'a.m', 'p.m', 'inc',
  'ltd', 'co', 'corp', 'mgr', 'me', 'gal', 'cdt', 'lieut', 'n°',
]);

const OPENERS: Record<string, string> = { '«': '»', '“': '”', '‹': '›' };
const CLOSERS = new Set(['»', '”', '›', '"', ')', ']', '’']);

const SPACES = new Set([' ', '\n', '\t', '\r', '\u00a0', '\u202f', '\u2009', '\u2002', '\u2003', '\f', '\v']);
const TERMINATORS = new Set(['.', '!', '?', '…']);

function isSpace(c: string | undefined): boolean {
  return c !== undefined && (SPACES.has(c) || (c > '\u007f' && /\s/.test(c)));
}

/** True when the full stop at `i` ends an abbreviation or an initial ("M. Haddad", "U.S.", "J. Smith"). */
function isAbbreviation(text: string, i: number): boolean {
  let j = i - 1;
  while (j >= 0 && /[\p{L}.°]/u.test(text[j])) j--;
  const word = text.slice(j + 1, i).toLowerCase();
  if (!word) return false;
  if (ABBREVIATIONS.has(word)) return true;
  // A single capital letter is an initial ("George W. Bush", "J. Smith") after a name or at the start,
  // not after a lower-case word ("fiché S. Interrogé …" ends a sentence).
  if (/^\p{Lu}$/u.test(text.slice(j + 1, i))) {
    const before = text.slice(Math.max(0, j - 40), j + 1).trimEnd();
    const previous = /(\S+)$/u.exec(before)?.[1] ?? '';
    return previous === '' || /^\p{Lu}/u.test(previous) || /[.«“"(]$/u.test(previous);
  }
  // Dotted acronyms: "U.S.", "e.g."
  if (/^(\p{L}\.)+\p{L}$/u.test(word)) return true;
  return false;
}

/** The sentences of `text`, trimmed, in order. */
export function splitSentences(text: string, from = 0, to = text.length, respectQuotes = true): Span[] {
  const spans: Span[] = [];
  let start = from;
  const stack: string[] = [];
  let straightOpen = -1;
  const push = (end: number) => {
    const span = trim(text, start, end);
    if (span.end > span.start) spans.push(span);
    start = end;
  };
  for (let i = from; i < to; i++) {
    const c = text[i];
    if (c === '\n') {
      // A line break ends a sentence (and any quotation left open: headlines and lists have no full stops).
      stack.length = 0;
      straightOpen = -1;
      push(i);
      continue;
    }
    if (respectQuotes) {
      if (OPENERS[c]) {
        stack.push(OPENERS[c]);
        continue;
      }
      if (stack.length && c === stack[stack.length - 1]) {
        stack.pop();
        if (stack.length === 0 && /[.!?…]/.test(text[i - 1] ?? '') && endsHere(text, i + 1, to)) push(i + 1);
        continue;
      }
      if (c === '"') {
        const opening = straightOpen < 0 && (i === 0 || /[\s(\[—–-]/.test(text[i - 1]));
        if (opening) straightOpen = i;
        else if (straightOpen >= 0) {
          straightOpen = -1;
          if (/[.!?…]/.test(text[i - 1] ?? '') && endsHere(text, i + 1, to)) push(i + 1);
        }
        continue;
      }
      if (stack.length || straightOpen >= 0) {
        // A quotation left open for too long was a stray mark, not a quotation.
        if (i - (straightOpen >= 0 ? straightOpen : i) > 2000) straightOpen = -1;
        continue;
      }
    }
    if (c === '.' || c === '!' || c === '?' || c === '…') {
      if (c === '.' && isAbbreviation(text, i)) continue;
      if (c === '.' && /\d/.test(text[i + 1] ?? '')) continue;
      let j = i + 1;
      while (j < to && (TERMINATORS.has(text[j]) || CLOSERS.has(text[j]))) j++;
      if (endsHere(text, j, to)) {
        push(j);
        i = j - 1;
      }
    }
  }
  push(to);
  return spans;
}

/** A sentence ends at `j` when the text ends or whitespace follows and the next word may start a sentence. */
function endsHere(text: string, j: number, to: number): boolean {
  if (j >= to) return true;
  if (!isSpace(text[j])) return false;
  let k = j;
  while (k < to && isSpace(text[k])) k++;
  if (k >= to) return true;
  return /[\p{Lu}\p{N}«“"'‘(\[—–-]/u.test(text[k]);
}

export function trim(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text[start])) start++;
  while (end > start && isSpace(text[end - 1])) end--;
  return { start, end };
}
