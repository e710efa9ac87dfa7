/**
 * Reading who said what in one sentence: the attribution cues before and after the assertion
 * ("Selon X, ...", "X a indiqué que ...", "..., a-t-il précisé", "..., X told Reuters",
 * "according to X", "citing X", "X, cité par Y"), turned into the assertion's span and the raw
 * chain, speaker first. Pure functions over strings and offsets.
 */
import {
  alternation,
  CITING_CUES,
  EN_PARTICIPLE_CONTINUATIONS,
  EN_PLURAL_FORMS,
  EN_VERB_FORMS,
  FR_PARTICIPLE_CONTINUATIONS,
  FR_VERB_FORMS,
  PREP_CUES,
  RELAY_CUES,
  TIME_WORDS_EN,
  TIME_WORDS_FR,
  WHERE_PHRASES,
} from './lexicon';
import { Span, trim } from './segment';

/** One link as the sentence states it, before names are resolved. */
export interface RawLink {
  /** The phrase that names the source, as written ("la chaîne INN Lebanon", "il", "a military source"). */
  phrase: string;
  verb: string;
  saidWhen: string | null;
  saidWhere: string | null;
}

export interface RawClaim extends Span {
  chain: RawLink[];
  /** The cue that attributed it, for the score's reason. */
  cue: string | null;
  direct: boolean;
}

const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const FR_AUX = "(?:a|ont|avait|avaient|aurait|auraient|aura|auront|avaient)(?:-t-(?:il|elle|on)|-(?:ils|elles))?";
const FR_ADVERBS = '(?:\\s+(?:encore|également|aussi|ensuite|déjà|notamment|toutefois|cependant|pour sa part|de son côté|en outre|par ailleurs|plus tard|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi|hier))*';
const INVERSION = "(?:-t-(?:il|elle|on)|-(?:il|elle|ils|elles|on))";
const EN_AUX = '(?:(?:has|have|had|was|were|is|are|would|will|also|further|later|then|previously)\\s+)*';

const FR_VERB = `${B}(?:${FR_AUX}${FR_ADVERBS}\\s+)?(?:${alternation(FR_VERB_FORMS)})${INVERSION}?${E}`;
const EN_VERB = `${B}${EN_AUX}(?:${alternation(EN_VERB_FORMS)}|quoted as saying|was quoted as saying|(?<!(?:to|will|would|could|can|may|might|should|must|did|does|do|not|n't|I|we|you)\\s)(?:${alternation(EN_PLURAL_FORMS)}))${E}`;
const VERB = new RegExp(`${FR_VERB}|${EN_VERB}`, 'giu');
const VERB_AT_START = new RegExp(`^(?:${FR_VERB}|${EN_VERB})`, 'iu');
const PREP = new RegExp(`^(?:${alternation(PREP_CUES)})${E}`, 'iu');
const PREP_ANYWHERE = new RegExp(`${B}(?:${alternation(PREP_CUES)})${E}`, 'giu');
const TIME = new RegExp(`^(?:${alternation([...TIME_WORDS_FR, ...TIME_WORDS_EN])})${E}[\\s,]*`, 'iu');
const MONTH = '(?:janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|january|february|march|april|may|june|july|august|september|october|november|december|jan\\.|feb\\.|aug\\.|sept?\\.|oct\\.|nov\\.|dec\\.)';
const DATE_PHRASE = new RegExp(`^(?:(?:on|le|ce|this|last|late|early)\\s+)?(?:\\d{1,2}(?:er)?\\s+${MONTH}|${MONTH}\\s+\\d{1,2})(?:,?\\s+\\d{4})?(?=[\\s,.]|$)[\\s,]*`, 'iu');
const WHERE = new RegExp(`(?:^|\\s)(${alternation(WHERE_PHRASES)})${E}`, 'iu');
const THAT = /^(?:that|que|qu['’]|:)\s*/iu;
const CONTINUATION = new RegExp(
  `,\\s*(?:before\\s+|while\\s+|and\\s+)?(${alternation([...EN_PARTICIPLE_CONTINUATIONS, ...FR_PARTICIPLE_CONTINUATIONS])})\\s+(?:that\\s+|que\\s+|qu['’]|:\\s*)?|\\s+(?:and|et)\\s+((?:${alternation(['added', 'said', 'noted', 'a ajouté', 'a précisé', 'a souligné', 'a indiqué', 'a affirmé'])}))\\s+(?:that\\s+|que\\s+|qu['’])?`,
  'iu',
);
const RECIPIENT = /^(?:à|au|aux|to)\s+((?:l['’]|la\s+|le\s+|les\s+|the\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+[\p{Lu}][\p{L}\p{N}'’.-]*)*)/u;
const IN_INTERVIEW = /^(?:in an interview with|in an interview to|dans un entretien (?:au|à la|à l['’]|avec)|dans une interview (?:au|à la|à l['’])|interrogé par|interrogée par|interviewed by|speaking to|speaking with|s['’]exprimant sur|sur les ondes de|on the airwaves of)\s+((?:l['’]|la\s+|le\s+|les\s+|the\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+[\p{Lu}][\p{L}\p{N}'’.-]*)*)/iu;
/** English verbs that take a clause without "that" ("said it had …"); "declared a state of emergency" is an act, not a report. */
const EN_CLAUSAL = /(?:^|\s)(?:say|says|said|tell|tells|told|add|adds|added|estimate|estimates|estimated|believe|believes|believed|warn|warns|warned|argue|argues|argued|insist|insists|insisted|claim|claims|claimed|note|notes|noted|report|reports|reported|show|shows|showed|predict|predicts|predicted|acknowledge|acknowledged|admit|admits|admitted|state|states|stated|explain|explains|explained|write|writes|wrote|suggest|suggests|suggested|fear|fears|feared|contend|contends|contended|allege|alleges|alleged|maintain|maintains|maintained|agree|agreed|tweeted|posted|saying)$/i;
const EN_INVERTED = /(?:^|\s)(?:said|says|added|adds|wrote|writes|asked|asks|explained|noted|notes|continued|insisted|warned|recalled|told|tells|according)$/i;
/** Who "Pour X," may name: a person, a role, a group that holds views, or a proper name. */
const IN_VIEW_OF = /(?:^|\s)(?:\p{Lu}[\p{L}'’-]+|ministre|président|présidente|porte-parole|gouvernement|ministère|syndicats?|économistes?|experts?|analystes?|spécialistes?|observateurs?|chercheurs?|responsables?|opposition|auteurs?|avocats?|médecins?|habitants?|élus?|directeur|directrice|patron|patronne|dirigeants?|diplomates?|militaires?|associations?|ong)(?:\s|$)/u;
const MEDIA = /(?:^|\s)(?:television|tv|radio|newspaper|channel|broadcaster|agency|news agency|website|télévision|chaîne|journal|quotidien|agence|site)(?:\s|$)/iu;

/** "Interrogé par Le Parisien, le maire a confirmé …": the outlet that put the question relays the answer. */
const ASKED_BY = /^(?:interrogée?s?|interviewée?s?|questionnée?s?|interviewed|questioned|asked)\s+(?:par|by)\s+([^,]{2,60}),\s*/iu;
/** A short phrase of time or place before the clause: "In a statement,", "Dans un communiqué,", "Lundi soir,". */
const CIRCUMSTANCE_OPENER = /^(?:(?:in|on|at|during|after|before|earlier|later|dans|lors|après|avant|sur|en|à|au|pendant|depuis)\s[^,«“"]{1,40},\s*)/iu;
const OPENER = /^(?:(?:mais|et|pourtant|cependant|toutefois|par ailleurs|en outre|de plus|but|and|however|meanwhile|yet|also|moreover|separately|later|earlier|on \p{L}+|le \d+ \p{L}+|samedi|dimanche|lundi|mardi|mercredi|jeudi|vendredi|hier|yesterday|mercredi soir|[\p{Lu}][\p{L}]+ (?:soir|matin))\s*,?\s+)/iu;

interface Tail {
  /** Where the tail starts in the sentence (its boundary comma or quote). */
  at: number;
  kind: 'speaker' | 'relay' | 'citing';
  link: RawLink;
  recipient: RawLink | null;
  cue: string;
}

/**
 * The claims of one sentence (`text.slice(span.start, span.end)`), each with its raw chain.
 * Offsets stay those of `text`.
 */
export function readSentence(text: string, span: Span): RawClaim[] {
  const s = text.slice(span.start, span.end);
  // "X said A, adding that B": B is a claim of its own, with X's chain and its own verb.
  const cont = CONTINUATION.exec(s);
  if (cont && cont.index > 0) {
    const head = readSentence(text, { start: span.start, end: span.start + cont.index });
    const chain = head.length ? head[head.length - 1].chain : [];
    const restStart = span.start + cont.index + cont[0].length;
    const rest = trim(text, restStart, span.end);
    if (chain.length && rest.end > rest.start) {
      const verb = (cont[1] ?? cont[2] ?? '').trim();
      const tail = readSentence(text, rest);
      const continued = tail.map((c) =>
        c.chain.length ? c : { ...c, chain: chain.map((l, i) => (i === 0 ? { ...l, verb } : l)), cue: verb },
      );
      return [...head, ...continued];
    }
  }
  return readSimple(text, span);
}

function readSimple(text: string, span: Span): RawClaim[] {
  const s = text.slice(span.start, span.end);
  let end = s.length;
  while (end > 0 && /[.!?…\s]/.test(s[end - 1])) end--;
  const tails: Tail[] = [];
  // 1. Attributions after the assertion, outermost first: "…, a indiqué X, cité par Y."
  for (;;) {
    const tail = lastTail(s, end);
    if (!tail) break;
    tails.push(tail);
    end = tail.at;
  }
  // 1b. A parenthetical one in the middle: "The toll rose to 2,300, officials said, as rescuers searched …".
  if (tails.length === 0) {
    const mid = middleAttribution(s, end);
    if (mid) {
      tails.push(mid);
      // "Les combats, a précisé le porte-parole, ont repris": the clause goes on after it, so the claim is the sentence.
      if (s.slice(0, mid.at).trim().split(/\s+/).length >= 4) end = mid.at;
    }
  }
  // 2. An attribution before it: "Selon X, …", "X a indiqué que …", "X said (that) …".
  let begin = 0;
  let head: Tail | null = null;
  const pre = leadingAttribution(s, end);
  if (pre) {
    head = pre.tail;
    begin = pre.assertionStart;
  }
  const chain: RawLink[] = [];
  let cue: string | null = null;
  const ordered = [...(head ? [head] : []), ...tails.reverse()];
  for (const piece of ordered) {
    cue ??= piece.cue;
    if (piece.kind === 'citing') {
      // "…, a rapporté CNN, citant un responsable": the one cited passed it to the one citing.
      chain.splice(Math.max(0, chain.length - 1), 0, piece.link);
    } else if (piece.kind === 'relay' && chain.length) {
      chain.push(piece.link);
    } else if (chain.length === 0 || piece.kind === 'relay') {
      chain.push(piece.link);
    } else {
      // A second speaker cue ("A said ..., according to B"): B passed on what A said.
      chain.push(piece.link);
    }
    if (piece.recipient) chain.push(piece.recipient);
  }
  const expanded = chain.flatMap(expandLink);
  const body = trim(text, span.start + begin, span.start + end);
  return splitAssertion(text, body).map((part) => ({
    ...part,
    chain: expanded,
    cue,
    direct: isQuoted(text, part) || isQuoted(text, body),
  }));
}

function isQuoted(text: string, span: Span): boolean {
  const first = text[span.start];
  const last = text.slice(span.start, span.end).replace(/[\s.,;!?]+$/, '').slice(-1);
  return /[«“"]/.test(first) && /[»”"]/.test(last);
}

/** "A and that B", "A et que B", "A; B": separate claims. A quotation of several sentences: one claim each. */
function splitAssertion(text: string, body: Span): Span[] {
  if (body.end <= body.start) return [];
  const s = text.slice(body.start, body.end);
  const parts: Span[] = [];
  const splitter = /\s+(?:and that|et que|et qu['’]|mais que|but that)\s+|\s*;\s+/giu;
  let last = 0;
  for (let m = splitter.exec(s); m; m = splitter.exec(s)) {
    parts.push(trim(text, body.start + last, body.start + m.index));
    last = m.index + m[0].length;
  }
  parts.push(trim(text, body.start + last, body.end));
  const out: Span[] = [];
  for (const p of parts) {
    const q = text.slice(p.start, p.end);
    if (/^[«“"]/.test(q) && /[.!?…]/.test(q.slice(1, -2))) {
      // A quotation of several sentences: each sentence is a claim, quotation marks kept at the ends.
      const inner = splitSentencesPlain(text, p);
      out.push(...inner);
    } else {
      out.push(p);
    }
  }
  return out.filter((p) => p.end - p.start > 1);
}

function splitSentencesPlain(text: string, span: Span): Span[] {
  const out: Span[] = [];
  const s = text.slice(span.start, span.end);
  const re = /[.!?…]+\s+(?=[\p{Lu}«“"])/gu;
  let last = 0;
  for (let m = re.exec(s); m; m = re.exec(s)) {
    out.push(trim(text, span.start + last, span.start + m.index + m[0].trimEnd().length));
    last = m.index + m[0].length;
  }
  out.push(trim(text, span.start + last, span.end));
  return out;
}

/** The shortest attribution ending at `end` that starts at a comma or a closing quotation mark. */
function lastTail(s: string, end: number): Tail | null {
  const boundaries: number[] = [];
  for (let i = end - 1; i > 0; i--) {
    const c = s[i];
    if (c === ',' || c === '»' || c === '”' || (c === '"' && i > 0) || c === '—' || c === '(') boundaries.push(i);
    if (boundaries.length >= 5) break;
  }
  for (const at of boundaries) {
    let from = at + 1;
    while (from < end && /[\s,»”"]/.test(s[from])) from++;
    const raw = s.slice(from, end);
    // "(…, said X)": the bracket closes the aside; "le parquet (PNAT)" keeps its own.
    const piece = raw.includes('(') ? raw : raw.replace(/\)$/, '');
    if (piece.split(/\s+/).length > 30) break;
    const tail = parseTail(piece);
    if (tail) {
      // The assertion before it ends at the comma; a closing quotation mark stays with the quotation.
      let cut = at;
      if (/[»”"]/.test(s[at])) cut = at + 1;
      else if (s[at] === ',' && /[»”"]/.test(s[at - 1] ?? '')) cut = at;
      return { ...tail, at: cut };
    }
  }
  return null;
}

/** ", officials said," between two commas, after the assertion and before the article's own narrative. */
function middleAttribution(s: string, end: number): Tail | null {
  for (let c1 = s.indexOf(','); c1 > 0 && c1 < end; c1 = s.indexOf(',', c1 + 1)) {
    const c2 = s.indexOf(',', c1 + 1);
    if (c2 < 0 || c2 >= end) return null;
    const piece = s.slice(c1 + 1, c2).trim();
    if (piece.split(/\s+/).length > 8) continue;
    const tail = parseTail(piece);
    if (tail && tail.kind === 'speaker' && !PREP.test(piece)) return { ...tail, at: c1 };
  }
  return null;
}

/** Reads "a indiqué X", "X said", "according to X", "citing X", "X told Reuters", "a-t-il ajouté". */
function parseTail(piece: string): Omit<Tail, 'at'> | null {
  if (!piece) return null;
  const prep = PREP.exec(piece);
  if (prep) {
    const np = piece.slice(prep[0].length).trim();
    if (!np || !isNounPhrase(np)) return null;
    const cue = prep[0];
    const kind = CITING_CUES.some((c) => sameWords(c, cue)) ? 'citing' : RELAY_CUES.some((c) => sameWords(c, cue)) ? 'relay' : 'speaker';
    return { kind, cue, link: linkFrom(np, cue), recipient: null };
  }
  const verb = VERB_AT_START.exec(piece);
  if (verb) {
    // Verb first: "a indiqué samedi le Centre …", "a-t-elle précisé", "said the minister".
    const cue = verb[0];
    const inversion = /-t-(il|elle|on)$|-(il|elle|ils|elles|on)$/iu.exec(cue);
    const rest = piece.slice(cue.length);
    const { phrase, when, where, recipient } = peel(rest);
    if (inversion) {
      if (phrase && !isNounPhrase(phrase) && !isCircumstance(phrase)) return null;
      const pronoun = inversion[1] ?? inversion[2];
      const verbText = cue.replace(/-t-(il|elle|on)$|-(il|elle|ils|elles|on)$/iu, '').replace(/-t-(il|elle|on)|-(ils|elles)/iu, '');
      return { kind: 'speaker', cue, link: { phrase: pronoun, verb: verbText, saidWhen: when, saidWhere: where ?? (phrase && isCircumstance(phrase) ? phrase : null) }, recipient: recipientLink(recipient, verbText) };
    }
    const auxInversion = /-t-(il|elle|on)|-(ils|elles)/iu.exec(cue);
    if (auxInversion) {
      const pronoun = auxInversion[1] ?? auxInversion[2];
      const verbText = cue.replace(/-t-(il|elle|on)|-(ils|elles)/iu, '');
      return { kind: 'speaker', cue, link: { phrase: pronoun, verb: verbText, saidWhen: when, saidWhere: where }, recipient: recipientLink(recipient, verbText) };
    }
    if (!phrase || !isNounPhrase(phrase) || !startsLikeSource(phrase)) return null;
    // English puts the speaker after only a few verbs ("said the minister", "added Smith"), never after "declared a state of emergency".
    if (isEnglishVerb(cue) && !EN_INVERTED.test(cue.trim())) return null;
    return { kind: 'speaker', cue, link: { phrase, verb: cue, saidWhen: when, saidWhere: where }, recipient: recipientLink(recipient, cue) };
  }
  // Subject first: "X said (in a statement)", "a military source told Reuters", "he added".
  VERB.lastIndex = 0;
  for (let m = VERB.exec(piece); m; m = VERB.exec(piece)) {
    const subject = piece.slice(0, m.index).trim();
    if (!subject || !isNounPhrase(subject) || subject.split(/\s+/).length > 14) continue;
    const after = piece.slice(m.index + m[0].length);
    const peeled = peel(after, true);
    const { when, recipient } = peeled;
    let { phrase, where } = peeled;
    if (phrase && /told|tell/i.test(m[0]) && MEDIA.test(phrase) && phrase.split(/\s+/).length <= 5) {
      // "told local television": the broadcaster passed it on.
      return { kind: 'speaker', cue: m[0], link: { phrase: subject, verb: m[0], saidWhen: when, saidWhere: where }, recipient: recipientLink(phrase, m[0]) };
    }
    if (phrase && isCircumstance(phrase)) {
      // "said on the floor", "told lawmakers in Brussels": where or to whom it was said, not a source.
      where = where ?? phrase;
      phrase = '';
    }
    if (phrase) continue;
    return { kind: 'speaker', cue: m[0], link: { phrase: subject, verb: m[0], saidWhen: when, saidWhere: where }, recipient: recipientLink(recipient, m[0]) };
  }
  return null;
}

function recipientLink(recipient: string | null, verb: string): RawLink | null {
  return recipient ? { phrase: recipient, verb: /told|tell/i.test(verb) ? 'told' : verb, saidWhen: null, saidWhere: null } : null;
}

/**
 * Splits what follows a reporting verb into time ("samedi", "on Sunday"), place ("sur son site
 * officiel", "in a statement"), recipient ("Reuters" after told, "à l'AFP") and the rest.
 */
function peel(rest: string, recipientFirst = false): { phrase: string; when: string | null; where: string | null; recipient: string | null } {
  let s = rest.trim();
  let when: string | null = null;
  let where: string | null = null;
  let recipient: string | null = null;
  const take = () => {
    for (let changed = true; changed; ) {
      changed = false;
      const t = TIME.exec(s) ?? DATE_PHRASE.exec(s);
      if (t && t[0].trim()) {
        const word = t[0].replace(/[\s,]+$/, '');
        if (!/^(?:also|encore|également|aussi|further|then|ensuite|de son côté|pour sa part|however|toutefois|cependant|notamment)$/i.test(word)) {
          when = when ? `${when} ${word}` : word;
        }
        s = s.slice(t[0].length).trim();
        changed = true;
      }
      const w = WHERE.exec(s);
      if (w && w.index === 0) {
        where = w[1];
        s = s.slice(w[0].length).replace(/^[\s,]+/, '').trim();
        changed = true;
      }
      const inter = IN_INTERVIEW.exec(s);
      if (inter) {
        recipient = inter[1];
        s = s.slice(inter[0].length).replace(/^[\s,]+/, '').trim();
        changed = true;
      }
      const r = RECIPIENT.exec(s);
      if (r && (recipientFirst || !s.slice(0, r.index).trim())) {
        recipient = r[1];
        s = s.slice(r[0].length).replace(/^[\s,]+/, '').trim();
        changed = true;
      }
    }
  };
  take();
  if (recipientFirst && s) {
    // "told Reuters": the recipient follows the verb directly.
    const bare = /^((?:the\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+(?:[\p{Lu}][\p{L}\p{N}'’.-]*|of|for|de|du|des))*)/u.exec(s);
    if (bare) {
      recipient = bare[1].replace(/\s+(?:of|for|de|du|des)$/u, '');
      s = s.slice(recipient.length).trim();
      take();
    }
  }
  // A place phrase at the end of the speaker's name: "le Centre sur son site officiel".
  const w = WHERE.exec(s);
  if (w) {
    where = w[1];
    s = (s.slice(0, w.index) + s.slice(w.index + w[0].length)).trim();
  }
  // "… à l'AFP" after the name: a recipient.
  const trailing = /\s+(?:à|au|aux|to)\s+((?:l['’]|la\s+|le\s+|the\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+[\p{Lu}][\p{L}\p{N}'’.-]*)*)$/u.exec(s);
  if (trailing && !recipient) {
    recipient = trailing[1];
    s = s.slice(0, trailing.index).trim();
  }
  s = s.replace(/[\s,]+$/, '').replace(/^[\s,]+/, '');
  return { phrase: s, when, where, recipient };
}

/** An attribution at the start of the sentence; the assertion starts after it. */
function leadingAttribution(s: string, end: number): { tail: Tail; assertionStart: number } | null {
  const asked = ASKED_BY.exec(s);
  if (asked) {
    const rest = leadingAttribution(s.slice(asked[0].length), end - asked[0].length);
    if (!rest) return null;
    const relay: RawLink = { phrase: asked[1].trim(), verb: asked[0].trim().replace(/,$/, ''), saidWhen: null, saidWhere: null };
    const tail = rest.tail;
    return {
      tail: { ...tail, recipient: tail.recipient ?? relay },
      assertionStart: asked[0].length + rest.assertionStart,
    };
  }
  // "Pour le ministre, …", "Pour plusieurs économistes interrogés par l'AFP, …": in their view (not "Pour la première fois, …").
  const inView = /^Pour\s+([^,]{2,80}),\s*/u.exec(s);
  if (inView && IN_VIEW_OF.test(inView[1]) && inView[0].length < end) {
    const asked = /\s+(?:interrogée?s?|interviewée?s?|questionnée?s?)\s+par\s+(.+)$/iu.exec(inView[1]);
    const phrase = asked ? inView[1].slice(0, asked.index) : inView[1];
    return {
      tail: { at: 0, kind: 'speaker', cue: 'Pour', link: { phrase, verb: 'pour', saidWhen: null, saidWhere: null }, recipient: asked ? { phrase: asked[1], verb: 'interrogés par', saidWhen: null, saidWhere: null } : null },
      assertionStart: inView[0].length,
    };
  }
  const opener = OPENER.exec(s) ?? CIRCUMSTANCE_OPENER.exec(s);
  const from = opener ? opener[0].length : 0;
  const t = s.slice(from, end);
  const prep = PREP.exec(t);
  if (prep) {
    // "Selon X, …": the source runs to the comma; a short name or description after it belongs to it.
    const afterCue = from + prep[0].length;
    let stop = s.indexOf(',', afterCue);
    if (stop < 0 || stop > end) return null;
    for (let k = 0; k < 2; k++) {
      const next = s.indexOf(',', stop + 1);
      if (next < 0 || next > end) break;
      const part = s.slice(stop + 1, next).trim();
      if (isName(part) || /^(?:cité|citée|cités|citées|cited|quoted|relayé|relayed|which|who|qui|citing|citant|quoting|publiée?s?|parue?s?|diffusée?s?|released|published|issued)\s/iu.test(part)) stop = next;
      else break;
    }
    const np = s.slice(afterCue, stop).trim();
    if (!isNounPhrase(np.split(',')[0])) return null;
    const cue = prep[0];
    const kind = CITING_CUES.some((c) => sameWords(c, cue)) ? 'citing' : 'speaker';
    return { tail: { at: from, kind, cue, link: linkFrom(np, cue), recipient: null }, assertionStart: skipThat(s, stop + 1) };
  }
  VERB.lastIndex = 0;
  const m = VERB.exec(t);
  if (!m) return null;
  const subject = t.slice(0, m.index).trim().replace(/,$/, '');
  if (!subject || !isSubject(subject)) return null;
  const after = t.slice(m.index + m[0].length);
  // What separates the verb from the assertion: time, place, recipient, then that / que / a colon.
  const lead = /^([^:«“".;]{0,80}?)((?<![\p{L}])(?:that|que|qu['’])\s*|\s*:\s*|\s*,\s*(?=[«“"])|\s+(?=[«“"]))/iu.exec(after);
  let assertionStart: number;
  let extra = '';
  let noThat = false;
  const told = /told|tell/i.test(m[0]);
  let citing: RawLink | null = null;
  if (lead) {
    // "Reuters reported, citing a military source, that …": the cited source spoke first.
    const c = /^[\s,]*(citing|citant|quoting)\s+([^,]+?)[\s,]*$/iu.exec(lead[1]);
    if (c) {
      citing = { phrase: c[2], verb: c[1], saidWhen: null, saidWhere: null };
      lead[1] = '';
    }
  }
  const leadPhrase = lead ? peel(lead[1], told).phrase : '';
  // "in a report released on Monday that …": a participle after the place still belongs to it.
  const leadOk =
    lead &&
    (!leadPhrase ||
      /^(?:released|published|issued|posted|publiée?s?|diffusée?s?|rendue? publique?)(?:\s|$)/iu.test(leadPhrase) ||
      // "told analysts on a conference call that …": an audience, not a source.
      (told && lead[1].trim().split(/\s+/).length <= 8));
  if (lead && leadOk) {
    extra = lead[1];
    assertionStart = from + m.index + m[0].length + lead[0].length;
  } else if (/^(?:\s+(?:on\s+\p{L}+|yesterday|today|late\s+\p{L}+|earlier|\p{L}+day))*\s+[\p{L}\p{N}«“"]/iu.test(after) && isEnglishVerb(m[0]) && EN_CLAUSAL.test(m[0].trim())) {
    // English drops "that": "The army said on Sunday it had …".
    noThat = true;
    const skip = /^(?:\s+(?:on\s+\p{L}+|yesterday|today|late\s+\p{L}+|earlier))*/iu.exec(after)!;
    extra = skip[0];
    assertionStart = from + m.index + m[0].length + skip[0].length;
    if (/^told$/i.test(m[0].trim())) {
      const r = /^\s*((?:the\s+)?[\p{Lu}][\p{L}\p{N}'’.-]*(?:\s+[\p{Lu}][\p{L}\p{N}'’.-]*)*)/u.exec(after.slice(skip[0].length));
      if (r) {
        extra += r[0];
        assertionStart += r[0].length;
      }
    }
  } else if (/(?:annon|confirm|dément|démenti|signal|rapport|fait état|évoqu|announc|report|denied|denies|revealed|révél)/iu.test(m[0]) && /^\s+(?:de\s+|d['’])?\S/u.test(after)) {
    // "Le ministère a annoncé 40 morts", "the army confirmed the capture of …": the object is the claim.
    const skip = /^\s+(?:de\s+|d['’](?=\p{L}))?/u.exec(after)!;
    assertionStart = from + m.index + m[0].length + (/fait état/iu.test(m[0]) ? skip[0].length : /^\s+/.exec(after)![0].length);
    // "a annoncé mercredi un plan": the day is when it was said, not part of the claim.
    const time = TIME.exec(s.slice(assertionStart));
    if (time) {
      extra = time[0];
      assertionStart += time[0].length;
    }
    // "Israel's military confirmed the release": an object this short only makes sense with its subject.
    if (s.slice(assertionStart, end).trim().split(/\s+/).length < 4) assertionStart = from;
  } else {
    return null;
  }
  // "No group has claimed responsibility": a verb with a bare noun after it reports nothing.
  if (noThat && s.slice(assertionStart, end).trim().split(/\s+/).filter(Boolean).length < 3) return null;
  const { when, where, recipient, phrase } = peel(extra, /told|tell/i.test(m[0]));
  const recip = recipient ?? (/told|tell/i.test(m[0]) && phrase && (/^\p{Lu}/u.test(phrase) || MEDIA.test(phrase)) ? phrase : null);
  if (citing) {
    return {
      tail: { at: from, kind: 'citing', cue: m[0], link: citing, recipient: { phrase: subject, verb: m[0], saidWhen: when, saidWhere: where } },
      assertionStart: skipThat(s, assertionStart),
    };
  }
  return {
    tail: { at: from, kind: 'speaker', cue: m[0], link: { phrase: subject, verb: m[0], saidWhen: when, saidWhere: where }, recipient: recipientLink(recip, m[0]) },
    assertionStart: skipThat(s, assertionStart),
  };
}

function skipThat(s: string, at: number): number {
  let i = at;
  while (i < s.length && /[\s,]/.test(s[i])) i++;
  const m = THAT.exec(s.slice(i));
  return m ? i + m[0].length : i;
}

const ENGLISH_FORMS = new Set([...EN_VERB_FORMS, ...EN_PLURAL_FORMS, 'quoted as saying', 'saying']);

/** The cue is an English verb (its last word, or the whole of "pointed out"), not a French one spelled without accents ("rapporte"). */
function isEnglishVerb(cue: string): boolean {
  const c = cue.toLowerCase().trim().replace(/\s+/g, ' ');
  return ENGLISH_FORMS.has(c) || ENGLISH_FORMS.has(c.split(' ').slice(-1)[0]) || ENGLISH_FORMS.has(c.split(' ').slice(-2).join(' '));
}

/** A subject before a reporting verb: a noun phrase, possibly with an appositive between commas. */
function isSubject(subject: string): boolean {
  const parts = subject.split(',').map((p) => p.trim()).filter(Boolean);
  if (parts.length === 0 || parts.length > 4) return false;
  if (!isNounPhrase(parts[0])) return false;
  return subject.split(/\s+/).length <= 30;
}

/** Short, no clause inside: no conjunction-led clause, no "que"/"that", no reporting verb. */
function isNounPhrase(np: string): boolean {
  const words = np.trim().split(/\s+/);
  if (words.length === 0 || words.length > 22 || !np.trim()) return false;
  if (/(?:^|\s)(?:que|qu['’]|that|which|qui|because|parce|lorsque|when|if|si)(?:\s|$)/iu.test(np)) {
    // "qui" / "which" may only follow a name in an appositive; keep those short.
    if (words.length > 10) return false;
    if (/(?:^|\s)(?:que|qu['’]|that|because|parce|lorsque|if|si)(?:\s|$)/iu.test(np)) return false;
  }
  if (/[.!?;:]/.test(np.replace(/\b(?:\p{L}\.)+/gu, '').replace(/\b(?:M|Mr|Mrs|Ms|Dr|Mme|St)\./gu, ''))) return false;
  // A finite verb in it means a clause, not a name: a rough but useful test.
  // ("a" is left out: in English it is an article, and French "a + participle" is a cue of its own.)
  if (/(?:^|\s)(?:est|sont|était|étaient|is|are|was|were|has|have|had|ont|avait|will|would|could|can|peut|doit|must)(?:\s|$)/u.test(np)) return false;
  return true;
}

/** A source named after its verb ("said the minister", "a indiqué le Centre"): a determiner, a name, a number or a title first. */
function startsLikeSource(np: string): boolean {
  return /^(?:[«“"]?\p{Lu}|\d|(?:the|a|an|one|two|three|several|some|le|la|les|l['’]|un|une|des|deux|trois|plusieurs|son|sa|ses|leur|leurs|his|her|its|their|this|ce|cet|cette)(?:\s|$)|l['’]|d['’])/u.test(np.trim());
}


/** A short phrase of place, occasion or audience: "on the floor", "sur France Inter", "lawmakers in Brussels". */
function isCircumstance(phrase: string): boolean {
  const words = phrase.split(/\s+/);
  if (words.length > 7) return false;
  if (/^(?:on|in|at|during|before|to|from|by|via|over|sur|dans|lors|à|au|aux|devant|pendant|depuis|en|par)\s/iu.test(phrase)) return true;
  return /^(?:lawmakers|reporters|journalists|parliament|supporters|delegates|students|a crowd|a rally|the crowd|les journalistes|la presse|les députés|les sénateurs|ses partisans)(?:\s|$)/iu.test(phrase);
}

function isName(part: string): boolean {
  const words = part.split(/\s+/).filter(Boolean);
  return words.length >= 1 && words.length <= 5 && words.every((w) => /^[\p{Lu}]/u.test(w) || /^(?:de|du|von|van|al|el|bin|ibn|la|le|der|da|dos|di)$/u.test(w));
}

function sameWords(a: string, b: string): boolean {
  return a.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ') === b.toLowerCase().replace(/[’']/g, "'").replace(/\s+/g, ' ');
}

function linkFrom(np: string, cue: string): RawLink {
  const { phrase, when, where } = peel(np);
  return { phrase: phrase || np, verb: cue, saidWhen: when, saidWhere: where };
}

/**
 * A phrase may hold a whole chain: "Bassam Haddad, cité par la télévision d'État",
 * "estimates by X cited by Y", "X, citing Y" (then Y first). Returns the links speaker first.
 */
export function expandLink(link: RawLink): RawLink[] {
  // "the ministry, which cited figures from hospitals" / "Reuters, qui cite des sources": the cited one spoke first.
  const relative = /,?\s*(?:which|who|qui)\s+(?:cited|cites|quoted|quotes|cite|citait|citent|citaient|s['’]appuie sur|s['’]appuyait sur)\s+/iu.exec(link.phrase);
  if (relative && relative.index > 0) {
    const relay = link.phrase.slice(0, relative.index).replace(/[\s,]+$/, '');
    const cited = link.phrase.slice(relative.index + relative[0].length).replace(/^(?:(?:figures|data|estimates|chiffres|données)\s+(?:from|of|de|des|du)\s+)/iu, '');
    if (relay && cited) return [{ phrase: cited, verb: link.verb, saidWhen: null, saidWhere: null }, { ...link, phrase: relay }];
  }
  PREP_ANYWHERE.lastIndex = 0;
  const m = PREP_ANYWHERE.exec(link.phrase);
  if (!m || m.index === 0) return [link];
  const before = link.phrase.slice(0, m.index).replace(/[\s,]+$/, '');
  const after = link.phrase.slice(m.index + m[0].length).replace(/^[\s,]+/, '');
  if (!before || !after) return [link];
  const cue = m[0];
  const first: RawLink = { ...link, phrase: before };
  const second = expandLink({ phrase: after, verb: cue, saidWhen: null, saidWhere: null });
  if (CITING_CUES.some((c) => sameWords(c, cue))) {
    // "Reuters, citing a military source": the cited one spoke first.
    return [...second.map((l, i) => (i === 0 ? { ...l, verb: link.verb } : l)), { ...first, verb: cue }];
  }
  return [first, ...second];
}
